import { DEMO_TOKEN } from './demo-token.js';

/** A web application the demo started: its base URL and how to stop it. */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Posts `message` as JSON to `url`, with the demo's bearer token unless another `token` (or `null`, none) is given,
 * and returns the status, the Retry-After header and the parsed answer.
 */
export async function postJson(
  url: string,
  message: unknown,
  token: string | null = DEMO_TOKEN,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(message) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: an HTML error page from a proxy, say; the caller shows it as text.
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}
