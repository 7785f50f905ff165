import {
  createSendHandler,
  type MailClient,
  QcloudMailError,
  type SendHandlerResponse,
  type SendRequest,
} from '@qcloudmail/core';
import { type JsonHttpResponse } from '@qcloudmail/core/internal';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { requestBodyOf } from './request-body.js';
import { writeResponse } from './write-response.js';

/** Options of `createSendRoute`. */
export interface SendRouteOptions {
  /**
   * Decides, from the request's headers alone and before its body is read, whether the caller may send.
   * Required: a send route without it would be an open relay.
   */
  authorize: (req: Request) => boolean | Promise<boolean>;
  /** The client to send with. Default: `req.mail`, from the `qcloudMail` middleware. */
  client?: MailClient;
  limits?: {
    /** The largest JSON body accepted, in bytes. Default `DEFAULT_MAX_BODY_BYTES`. */
    maxBodyBytes?: number;
  };
  /**
   * Whether a JSON body may name a `template` for the client's renderer (`templates` in its options). Default
   * `false`: the caller would choose which of your templates is sent, what fills it, and a subject that is itself
   * rendered as a template; such a body is answered 422 `TEMPLATE` naming the field.
   */
  templates?: boolean;
  /** Called with every mail error before it is answered, for logging. */
  onError?: (error: QcloudMailError, req: Request) => void;
}

// The body is never read for a caller that may not send: the connection closes instead.
const FORBIDDEN: JsonHttpResponse = {
  status: 403,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' },
  body: JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Not authorized to send mail' } }),
};

/** The request as core's handler takes it. */
function sendRequestOf(req: Request): SendRequest {
  return { method: req.method, headers: req.headers, body: requestBodyOf(req) };
}

/**
 * Creates the handler of a mail microservice's send endpoint (mount it with `app.post(path, ...)`): it
 * authorizes the caller, then leaves the request to core's `createSendHandler`, which reads a JSON message
 * (attachments as base64 strings, never paths or URLs), sends it and answers 202 with `SendRouteResult`, or
 * the error as core maps it.
 */
export function createSendRoute(options: SendRouteOptions): RequestHandler {
  if (typeof options?.authorize !== 'function') {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'createSendRoute needs an authorize(req) hook: a send route without one is an open relay',
    });
  }
  const handle = createSendHandler({ maxBodyBytes: options.limits?.maxBodyBytes, templates: options.templates });

  const answer = async (req: Request): Promise<SendHandlerResponse> => {
    // The application's own hook: what it throws is the application's, and is passed on as it is.
    if (req.method === 'POST' && (await options.authorize(req)) !== true) return FORBIDDEN;
    return handle(sendRequestOf(req), options.client ?? (req.mail as MailClient | undefined));
  };

  // Every failure is settled here, so that Express 4, which ignores a rejected promise, behaves as Express 5.
  return (req: Request, res: Response, next: NextFunction): void => {
    answer(req).then((response) => {
      const { error } = response;
      if (error !== undefined) {
        try {
          options.onError?.(error, req);
        } catch {
          // A failing logger must not turn a clean error answer into a crash.
        }
      }
      try {
        writeResponse(res, response);
      } catch (failure) {
        // The response was already sent or torn down: the error goes to the application's handlers.
        next(
          error ?? new QcloudMailError({ code: 'UNKNOWN', message: 'The send route could not answer', cause: failure }),
        );
      }
    }, next);
  };
}
