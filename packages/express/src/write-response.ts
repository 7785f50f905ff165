import type { ServerResponse } from 'node:http';
import type { JsonHttpResponse } from '@qcloudmail/core/internal';

/**
 * Writes core's answer with Node's own response API, so that it behaves the same under Express 4 and 5 and
 * whatever `json spaces`, `json replacer` or `etag` setting the application chose.
 */
export function writeResponse(res: ServerResponse, response: JsonHttpResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(response.body));
  res.end(response.body);
}
