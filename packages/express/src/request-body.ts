import type { SendRequestBody } from '@qcloudmail/core';
import type { Request } from 'express';

/** The body as core's handlers take it: one a JSON parser in front already read is taken as it left it. */
export function requestBodyOf(req: Request): SendRequestBody {
  return req.readableEnded ? { parsed: req.body as unknown } : { stream: req };
}
