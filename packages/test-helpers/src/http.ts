import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening HTTP server on 127.0.0.1 at a free port. */
export interface RunningApp {
  server: Server;
  /** The base URL, without a trailing slash. */
  url: string;
  /** Closes the server and the connections still open (keep-alive ones would hold `close` forever). */
  close(): Promise<void>;
}

/** Serves `handler` (an Express app, or any request listener) on 127.0.0.1 at a free port. */
export async function listen(handler: RequestListener): Promise<RunningApp> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** POSTs `body` as JSON. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postRaw(url, JSON.stringify(body), headers);
}

/** POSTs `text` as it is, declared as JSON: for bodies that `JSON.stringify` would not produce or could not afford. */
export function postRaw(
  url: string,
  text: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

/** Reads a JSON response's body with its size in bytes, so that tests can bound what an answer costs. */
export async function readSized(response: Response): Promise<{ bytes: number; body: Record<string, unknown> }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes: bytes.length, body: JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> };
}
