import type { HttpAdapterHost } from '@nestjs/core';
import type { JsonHttpResponse } from '@qcloudmail/core/internal';

/** The reply methods that both Express's `res` and Fastify's `reply` have, for use without an adapter. */
interface PlatformResponse {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
}

/**
 * Writes core's answer (status, headers, JSON text) through Nest's HTTP adapter, so that it works on Express
 * and Fastify alike; without an adapter (a filter created with `new`), through the response's own methods.
 */
export function replyWith(
  adapter: HttpAdapterHost['httpAdapter'] | undefined,
  res: unknown,
  response: JsonHttpResponse,
): void {
  if (adapter !== undefined) {
    for (const [name, value] of Object.entries(response.headers)) adapter.setHeader(res, name, value);
    adapter.reply(res, response.body, response.status);
    return;
  }
  const reply = res as PlatformResponse;
  reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  reply.send(response.body);
}
