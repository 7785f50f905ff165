import type { MailClient, MailClientOptions } from '@qcloudmail/core';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { expectTypeOf, test } from 'vitest';
import { createSendRoute, mailErrorHandler, qcloudMail } from './index.js';

test('req.mail is the shared MailClient, through declaration merging', () => {
  expectTypeOf<Request['mail']>().toEqualTypeOf<MailClient>();
});

test('qcloudMail takes options or a client and is a request handler', () => {
  expectTypeOf(qcloudMail).parameter(0).toEqualTypeOf<MailClientOptions | MailClient>();
  expectTypeOf(qcloudMail).returns.toExtend<RequestHandler>();
  expectTypeOf(qcloudMail).returns.toHaveProperty('close').returns.toEqualTypeOf<Promise<void>>();
});

test('mailErrorHandler is an error handler and createSendRoute a request handler', () => {
  expectTypeOf(mailErrorHandler()).toEqualTypeOf<ErrorRequestHandler>();
  expectTypeOf(createSendRoute).returns.toEqualTypeOf<RequestHandler>();
  // @ts-expect-error: authorize is required
  createSendRoute({});
});
