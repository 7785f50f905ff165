import type { ServerResponse } from 'node:http';

/**
 * Writes a JSON answer with Node's own response API, so that it behaves the same under Express 4 and 5
 * and whatever `json spaces` or `json replacer` the application set.
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  // An error answer must never be cached by a proxy in front of the service.
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
