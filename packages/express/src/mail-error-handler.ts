import { isQcloudMailError, QcloudMailError } from '@qcloudmail/core';
import { mailErrorResponse } from '@qcloudmail/core/internal';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { writeResponse } from './write-response.js';

/** Options of `mailErrorHandler`. */
export interface MailErrorHandlerOptions {
  /**
   * Called with every mail error before it is answered, for logging. The error's `toJSON()` is log-safe;
   * the HTTP body is smaller still.
   */
  onError?: (error: QcloudMailError, req: Request) => void;
}

/**
 * Creates the error middleware that answers a `QcloudMailError` with core's HTTP mapping (422 with the issues,
 * 429 with `Retry-After`, 503, 500 without details), its body bounded in size, and passes every other error on.
 */
export function mailErrorHandler(options: MailErrorHandlerOptions = {}): ErrorRequestHandler {
  // Four parameters: that is how Express tells an error handler from a middleware.
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!isQcloudMailError(error) || res.headersSent) {
      next(error);
      return;
    }
    try {
      options.onError?.(error, req);
    } catch {
      // A failing logger must not turn a clean error answer into a crash.
    }
    try {
      writeResponse(res, mailErrorResponse(error));
    } catch (failure) {
      // Answering failed (a malformed error from another copy of core, a response already torn down).
      next(new QcloudMailError({ code: 'UNKNOWN', message: 'The mail error could not be answered', cause: failure }));
    }
  };
}
