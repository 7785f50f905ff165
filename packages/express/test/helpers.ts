import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailClientOptions } from '@qcloudmail/core';
import { startEmulator } from '@qcloudmail/emulator';
import express from 'express';
import express4 from 'express4';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';
export const APP_ID = 'app-express';

/** Both supported majors of Express; every suite runs against each. */
export const frameworks = [
  ['express 5', express],
  ['express 4', express4],
] as const;

export type ExpressFactory = typeof express;
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Starts an emulator with the tests' sender. */
export function startTestEmulator(): Promise<Emulator> {
  return startEmulator({ users: [{ user: USER, pass: PASS }], appId: APP_ID });
}

/** Client options that reach `emulator` over TLS, trusting its CA; retries off so that each test sees one reply. */
export function clientOptions(emulator: Emulator, overrides: Partial<MailClientOptions> = {}): MailClientOptions {
  return {
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: APP_ID,
    retry: false,
    ...overrides,
  };
}

let counter = 0;

/** A recipient of its own per call, so that no test meets another's per-recipient limit (R6). */
export function recipient(): string {
  counter += 1;
  return `user-${process.pid}-${counter}@example.org`;
}

/** A valid message to a fresh recipient. */
export function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { from: USER, to: recipient(), subject: 'Hello', text: 'Hello from the Express tests', ...extra };
}

/** A listening HTTP server for `app` on a free port. */
export interface RunningApp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Listens on port 0 and returns the base URL. */
export async function listen(app: (req: never, res: never) => void): Promise<RunningApp> {
  const server = (app as unknown as { listen(port: number, host: string): Server }).listen(0, '127.0.0.1');
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
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** POSTs `text` as it is, declared as JSON: for bodies that `JSON.stringify` would not produce or could not afford. */
export function postRaw(
  url: string,
  text: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

/** Reads a response's body with its size in bytes, so that tests can bound what an error answer costs. */
export async function readSized(response: Response): Promise<{ bytes: number; body: Record<string, unknown> }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes: bytes.length, body: JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> };
}
