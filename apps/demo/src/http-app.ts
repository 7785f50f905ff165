/** A web application the demo started: its base URL and how to stop it. */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** What the demo's `POST /send` routes answer a sent message with. */
export interface SendReply {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Posts `message` as JSON to `url` and returns the status, the Retry-After header and the parsed answer. */
export async function postJson(
  url: string,
  message: unknown,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: an HTML error page from a proxy, say; the caller shows it as text.
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}
