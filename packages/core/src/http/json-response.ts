/** An HTTP answer as the send handler gives it: an adapter writes the status, the headers and the text as they are. */
export interface JsonHttpResponse {
  status: number;
  /** `Content-Type` and `Cache-Control` always; `Retry-After`, `Allow` or `Connection` where they apply. */
  headers: Record<string, string>;
  /** The body, already serialized JSON. */
  body: string;
}

// What is answered when the intended body cannot be serialized: fixed, so that it cannot fail in turn.
const UNWRITABLE = JSON.stringify({
  error: { code: 'UNKNOWN', category: 'unknown', message: 'The message could not be sent.', retryable: false },
});

function serialize(body: unknown): string | undefined {
  try {
    const text = JSON.stringify(body);
    return typeof text === 'string' ? text : undefined;
  } catch {
    // A cycle, a BigInt or a string past V8's limit: the caller's answer is lost, a 500 is not.
    return undefined;
  }
}

/**
 * Serializes `body` into a JSON answer that no proxy caches; a body that cannot be serialized becomes a fixed
 * 500 without the given headers, instead of a throw.
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): JsonHttpResponse {
  const text = serialize(body);
  const fixed = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (text === undefined) return { status: 500, headers: fixed, body: UNWRITABLE };
  return { status, headers: { ...headers, ...fixed }, body: text };
}

/** A JSON answer for a refusal that is not a `QcloudMailError`: `{ error: { code, message } }`. */
export function refusalResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): JsonHttpResponse {
  return jsonResponse(status, { error: { code, message } }, headers);
}
