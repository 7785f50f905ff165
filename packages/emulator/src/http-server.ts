import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isQcloudMailError, QcloudMailError } from '@qcloudmail/core';
import { createHostCheck } from './host-check.js';
import { httpFailure, MAX_PATH_LENGTH, statusOf } from './http-failure.js';

/**
 * One part of the HTTP side: answers the requests it knows and returns true, or false to let the next handler
 * try. The API is one handler (`/api/...`); the inbox page is meant to be another, mounted at `/`.
 */
export type HttpHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean> | boolean;

const MAX_BODY_BYTES = 64 * 1024;

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

/** Sends a JSON error `{ error: { code, message } }`. */
export function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { error: { code, message } });
}

/** Answers 405 with the `Allow` header listing `allowed` (e.g. `GET, POST`); true, as a handler returns. */
export function methodNotAllowed(response: ServerResponse, allowed: string): true {
  response.setHeader('allow', allowed);
  sendError(response, 405, 'METHOD_NOT_ALLOWED', `Use ${allowed}`);
  return true;
}

/**
 * Refuses a state-changing request that is not declared JSON. A web page on another site can send a "simple"
 * cross-origin POST (form or text/plain) without asking first; a JSON one needs a CORS preflight, which this
 * server never grants, so other sites open in the developer's browser cannot add faults or wipe the inbox.
 */
export function assertJsonRequest(request: IncomingMessage): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new QcloudMailError({
      code: 'VALIDATION',
      message: 'Send this request with Content-Type: application/json',
    });
  }
}

/** Reads a small JSON request body (declared `application/json`); an empty body reads as `{}`. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  assertJsonRequest(request);
  const tooLarge = () => httpFailure(413, `The request body is over ${MAX_BODY_BYTES} bytes`);
  // A declared length over the cap is refused before a byte is read; an undeclared one is counted as it comes.
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new QcloudMailError({ code: 'VALIDATION', message: 'The request body is not valid JSON' });
  }
}

/** A started HTTP server and its base URL. */
export interface RunningHttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function requestUrl(target: string | undefined): URL {
  const path = target ?? '/';
  // Only origin-form targets (`/api/...`): an absolute or `//host` target would name some other server.
  if (!path.startsWith('/') || path.startsWith('//')) throw httpFailure(400, 'The request target must be a path');
  if (path.length > MAX_PATH_LENGTH) throw httpFailure(414, `The request target is over ${MAX_PATH_LENGTH} characters`);
  return new URL(path, 'http://emulator.invalid');
}

/** What the HTTP server accepts beyond its handlers. */
export interface HttpServerOptions {
  /** Host names, besides loopback addresses and `host`, that requests may address (the `Host` header). */
  allowedHosts?: readonly string[];
}

/**
 * Starts the HTTP server on `host:port`, trying `handlers` in order; unknown paths get 404, and requests whose
 * `Host` is neither loopback, `host` nor one of `allowedHosts` get 403 (DNS rebinding).
 */
export function startHttpServer(
  host: string,
  port: number,
  handlers: readonly HttpHandler[],
  options: HttpServerOptions = {},
): Promise<RunningHttpServer> {
  const hostAllowed = createHostCheck(host, options.allowedHosts);
  const server = createServer((request, response) => {
    if (!hostAllowed(request.headers.host)) {
      sendError(
        response,
        403,
        'FORBIDDEN_HOST',
        'This emulator answers requests to a loopback address or a configured name only (allowedHosts, --allowed-host)',
      );
      return;
    }
    void (async () => {
      try {
        const url = requestUrl(request.url);
        for (const handler of handlers) if (await handler(request, response, url)) return;
        sendError(response, 404, 'NOT_FOUND', `Nothing at ${url.pathname}; the API lives under /api`);
      } catch (error) {
        const known = isQcloudMailError(error);
        if (!response.headersSent)
          sendError(response, statusOf(error), known ? error.code : 'INTERNAL', String((error as Error).message));
        else response.destroy();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
