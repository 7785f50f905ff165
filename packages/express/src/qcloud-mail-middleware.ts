import type { Server } from 'node:http';
import {
  createMailClient,
  isQcloudMailError,
  type MailClient,
  type MailClientOptions,
  QcloudMailError,
} from '@qcloudmail/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** The application's one shared mail client, put there by the `qcloudMail` middleware. */
      mail: MailClient;
    }
  }
}

/** Options of the `qcloudMail` middleware beyond the client's own. */
export interface QcloudMailMiddlewareOptions {
  /** Closes the client once this server has closed (after its last connection ended). */
  closeWithServer?: Server;
  /** How long `close` lets in-flight sends finish, in milliseconds. Default: the client's (30 s). */
  closeTimeoutMs?: number;
}

/** The middleware that puts the shared client on `req.mail`, with the means to close that client. */
export interface QcloudMailMiddleware extends RequestHandler {
  /** The one client every request shares. */
  readonly client: MailClient;
  /** Closes the client once `server` has closed; returns the middleware for chaining. */
  closeWithServer(server: Server): QcloudMailMiddleware;
  /** Lets in-flight sends finish and closes the client; every later call returns the same promise. */
  close(): Promise<void>;
}

function isMailClient(value: MailClientOptions | MailClient): value is MailClient {
  return typeof (value as Partial<MailClient>).send === 'function';
}

function asMailError(error: unknown, message: string): QcloudMailError {
  return isQcloudMailError(error) ? error : new QcloudMailError({ code: 'UNKNOWN', message, cause: error });
}

function closeClient(client: MailClient, timeoutMs: number | undefined): Promise<void> {
  try {
    return client.close(timeoutMs === undefined ? {} : { timeoutMs });
  } catch (error) {
    return Promise.reject(error);
  }
}

function createClient(clientOrOptions: MailClientOptions | MailClient): MailClient {
  if (typeof clientOrOptions !== 'object' || clientOrOptions === null) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'qcloudMail needs a mail client or the options to create one',
    });
  }
  if (isMailClient(clientOrOptions)) return clientOrOptions;
  try {
    return createMailClient(clientOrOptions);
  } catch (error) {
    throw asMailError(error, 'The mail client could not be created');
  }
}

/**
 * Creates the middleware that gives every request the application's one mail client as `req.mail`: the client
 * is created here, once, never per request, so that its pool and rate limits (R5, R6) are shared.
 */
export function qcloudMail(
  clientOrOptions: MailClientOptions | MailClient,
  options: QcloudMailMiddlewareOptions = {},
): QcloudMailMiddleware {
  const client = createClient(clientOrOptions);
  let closing: Promise<void> | undefined;

  const handler = (req: Request, _res: Response, next: NextFunction): void => {
    req.mail = client;
    next();
  };

  const middleware: QcloudMailMiddleware = Object.assign(handler, {
    client,
    closeWithServer(server: Server): QcloudMailMiddleware {
      // A failure to close on shutdown has nobody to report to; `close()` still returns it to whoever asks.
      server.once('close', () => void middleware.close().catch(() => undefined));
      return middleware;
    },
    close(): Promise<void> {
      closing ??= closeClient(client, options.closeTimeoutMs).catch((error: unknown) => {
        throw asMailError(error, 'The mail client did not close cleanly');
      });
      return closing;
    },
  });
  if (options.closeWithServer !== undefined) middleware.closeWithServer(options.closeWithServer);
  return middleware;
}
