import { isQcloudMailError, LIMITS, type MailClient, type MailMessageInput, QcloudMailError } from '@qcloudmail/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkJsonBounds } from './check-json-bounds.js';
import { readJsonBody } from './read-json-body.js';
import { refuseRemoteSources } from './refuse-remote-sources.js';
import { writeJson } from './write-json.js';
import { writeMailError } from './write-mail-error.js';

/**
 * The default limit of a send request's JSON body, in bytes (about 13.7 MiB): all attachments at their
 * SIZES limit as base64 (8 MiB decoded, 4/3 of that encoded), the body at its 1 MiB limit twice over for
 * JSON escaping, and 1 MiB for names, addresses and JSON syntax. No message the service accepts is larger.
 */
export const DEFAULT_MAX_BODY_BYTES =
  Math.ceil(LIMITS.maxTotalAttachmentBytes / 3) * 4 + 2 * LIMITS.maxBodyBytes + 1024 * 1024;

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
  /** Called with every mail error before it is answered, for logging. */
  onError?: (error: QcloudMailError, req: Request) => void;
}

/** The JSON a successful send answers with (202: accepted by the service, not yet delivered, R15). */
export interface SendRouteResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
  /** One entry per message sent (several under the `split` and `chunk` recipient policies). */
  messages: Array<{ messageId: string; accepted: string[] }>;
}

function resolveLimit(options: SendRouteOptions): number {
  const limit = options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'limits.maxBodyBytes must be a positive whole number of bytes',
    });
  }
  return limit;
}

/**
 * Creates the handler of a mail microservice's send endpoint (mount it with `app.post(path, ...)`): it
 * authorizes the caller, reads a JSON message (attachments as base64 strings, never paths or URLs), sends it
 * and answers 202 with the message id, or the error as core maps it.
 */
export function createSendRoute(options: SendRouteOptions): RequestHandler {
  if (typeof options?.authorize !== 'function') {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'createSendRoute needs an authorize(req) hook: a send route without one is an open relay',
    });
  }
  const limit = resolveLimit(options);

  const answerMailError = (error: QcloudMailError, req: Request, res: Response): void => {
    try {
      options.onError?.(error, req);
    } catch {
      // A failing logger must not turn a clean error answer into a crash.
    }
    writeMailError(res, error);
  };

  const send = async (req: Request, res: Response): Promise<void> => {
    const client = options.client ?? (req.mail as MailClient | undefined);
    if (client === undefined) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: 'createSendRoute has no client: pass `client` or mount the qcloudMail middleware before it',
      });
    }
    const body = await readJsonBody(req, limit);
    if (!body.ok) {
      const headers: Record<string, string> = body.status === 413 ? { Connection: 'close' } : {};
      writeJson(res, body.status, { error: { code: body.code, message: body.message } }, headers);
      return;
    }
    // The route's own bounds come first: they cost one walk, and nothing after them meets an unbounded body.
    const outOfBounds = checkJsonBounds(body.value);
    if (outOfBounds !== undefined) throw outOfBounds;
    const refused = refuseRemoteSources(body.value);
    if (refused !== undefined) throw refused;
    const outcome = await client.send(body.value as MailMessageInput);
    const result: SendRouteResult = {
      messageId: outcome.messageId,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      response: outcome.response,
      messages: outcome.messages.map((message) => ({ messageId: message.messageId, accepted: message.accepted })),
    };
    writeJson(res, 202, result);
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    if (req.method !== 'POST') {
      writeJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Use POST' } }, { Allow: 'POST' });
      return;
    }
    // The application's own hook: what it throws is the application's, and is passed on as it is.
    if ((await options.authorize(req)) !== true) {
      // The body is never read for a caller that may not send: it would only cost memory and time.
      writeJson(
        res,
        403,
        { error: { code: 'FORBIDDEN', message: 'Not authorized to send mail' } },
        { Connection: 'close' },
      );
      return;
    }
    try {
      await send(req, res);
    } catch (error) {
      throw asMailError(error);
    }
  };

  // Every failure is settled here, so that Express 4, which ignores a rejected promise, behaves as Express 5.
  return (req: Request, res: Response, next: NextFunction): void => {
    handle(req, res).catch((error: unknown) => {
      if (!isQcloudMailError(error) || res.headersSent) {
        next(error);
        return;
      }
      try {
        answerMailError(error, req, res);
      } catch (failure) {
        next(asMailError(failure));
      }
    });
  };
}

/** Whatever reading, checking, sending or answering threw, as a `QcloudMailError` (`UNKNOWN` when it was not one). */
function asMailError(error: unknown): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  return new QcloudMailError({ code: 'UNKNOWN', message: 'The send route failed unexpectedly', cause: error });
}
