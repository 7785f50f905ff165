import type { IncomingMessage } from 'node:http';
import type { SendRequestBody } from '@qcloudmail/core';

/** Express's request and Fastify's both: the raw stream is `raw` on Fastify, the request itself on Express. */
export interface PlatformRequest {
  method: string;
  url: string;
  originalUrl?: string;
  headers: IncomingMessage['headers'];
  body?: unknown;
  raw?: IncomingMessage;
}

/** The body as core's handlers take it: one the platform's parser already read is taken as it left it. */
export function requestBodyOf(req: PlatformRequest): SendRequestBody {
  const stream = req.raw ?? (req as unknown as IncomingMessage);
  return stream.readableEnded ? { parsed: req.body } : { stream };
}
