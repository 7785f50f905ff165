import type { ServerResponse } from 'node:http';

// What is written when the intended body cannot be serialized: fixed, so that it cannot fail in turn.
const UNWRITABLE = JSON.stringify({
  error: { code: 'UNKNOWN', category: 'unknown', message: 'The message could not be sent.', retryable: false },
});

function serialize(body: unknown): { text: string; ok: boolean } {
  try {
    const text = JSON.stringify(body);
    return typeof text === 'string' ? { text, ok: true } : { text: UNWRITABLE, ok: false };
  } catch {
    // A cycle, a BigInt or a string past V8's limit: the caller's answer is lost, a 500 is not.
    return { text: UNWRITABLE, ok: false };
  }
}

/**
 * Writes a JSON answer with Node's own response API, so that it behaves the same under Express 4 and 5
 * and whatever `json spaces` or `json replacer` the application set; a body that cannot be serialized is
 * answered with a fixed 500 instead of throwing.
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const { text, ok } = serialize(body);
  res.statusCode = ok ? status : 500;
  if (ok) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  // An error answer must never be cached by a proxy in front of the service.
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
