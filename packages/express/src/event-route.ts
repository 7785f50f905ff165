import {
  createEventCallbackHandler,
  type EventCallbackHandlerOptions,
  type EventCallbackRequest,
  type EventCallbackResponse,
  QcloudMailError,
} from '@qcloudmail/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { requestBodyOf } from './request-body.js';
import { writeResponse } from './write-response.js';

/** Options of `createEventRoute`: core's callback handler options, plus a hook for the requests it refuses. */
export interface EventRouteOptions extends EventCallbackHandlerOptions {
  /**
   * Told of every request answered with an error status (401 for a wrong token, 400, 405, 413, 415), for logging:
   * a burst of 401s means the console's URL or the secret is wrong, or someone is guessing.
   */
  onRefused?: (refusal: { status: number; error?: QcloudMailError }, req: Request) => void;
}

/** The request as core's handler takes it. */
function callbackRequestOf(req: Request): EventCallbackRequest {
  // originalUrl keeps the query wherever the route is mounted; the token is read from it.
  return { method: req.method, url: req.originalUrl ?? req.url, headers: req.headers, body: requestBodyOf(req) };
}

/**
 * Creates the handler of the provider's delivery-event callback (R26-R29; mount it with `app.post(path, ...)`
 * on a port the console allows: 8080, 8081 or 8082): core's `createEventCallbackHandler` checks the `?token=`
 * secret, reads and parses the events and answers 200 at once; `onEvents` receives them afterwards, at least
 * once. Throws a `CONFIGURATION` error when created with neither `secret` nor `allowUnauthenticated: true`.
 */
export function createEventRoute(options: EventRouteOptions): RequestHandler {
  const { onRefused, ...handlerOptions } = options ?? ({} as EventRouteOptions);
  const handle = createEventCallbackHandler(handlerOptions);

  const report = (response: EventCallbackResponse, req: Request): void => {
    if (response.status < 400 || onRefused === undefined) return;
    try {
      onRefused({ status: response.status, ...(response.error ? { error: response.error } : {}) }, req);
    } catch {
      // A failing logger must not turn a clean refusal into a crash.
    }
  };

  // Every failure is settled here, so that Express 4, which ignores a rejected promise, behaves as Express 5.
  return (req: Request, res: Response, next: NextFunction): void => {
    handle(callbackRequestOf(req)).then((response) => {
      report(response, req);
      try {
        writeResponse(res, response);
      } catch (failure) {
        next(new QcloudMailError({ code: 'UNKNOWN', message: 'The event route could not answer', cause: failure }));
      }
    }, next);
  };
}
