import { byId } from './dom.js';

function errorText(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { error } = body as { error: { code?: unknown; message?: unknown } };
    return `${String(error.code)}: ${String(error.message)}`;
  }
  return `HTTP ${status}`;
}

/** Requests JSON from the emulator; a failure becomes an Error with the API's code and message. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, ...init });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorText(body, response.status));
  // The API's shapes are described in wire.ts, and checked against the server's types.
  return body as T;
}

/** Sends a JSON request (state changes must be JSON, see the README) and reads the JSON answer. */
export function sendJsonTo<T>(path: string, method: string, body?: unknown): Promise<T> {
  return api<T>(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The API path of one message. */
export function messagePath(id: string): string {
  return `/api/messages/${encodeURIComponent(id)}`;
}

/** Shows a failure in the live badge of the top bar. */
export function reportError(error: unknown): void {
  const badge = byId('live');
  badge.textContent = `error: ${error instanceof Error && error.message ? error.message : String(error)}`;
  badge.dataset.state = 'error';
}
