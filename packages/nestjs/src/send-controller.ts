import { type CanActivate, Controller, Inject, Logger, Post, Req, Res, type Type, UseGuards } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createSendHandler, QcloudMailError, type SendRequest } from '@qcloudmail/core';
import { getMailerToken } from './mailer-tokens.js';
import type { QcloudMailService } from './qcloud-mail-service.js';
import { type PlatformRequest, requestBodyOf } from './platform-request.js';
import { replyWith } from './reply-with.js';

/** Options of `createSendController`. */
export interface SendControllerOptions {
  /** The route, as `@Controller(path)` takes it: `POST /<path>` sends. */
  path: string;
  /**
   * The guards that decide whether the caller may send (`@UseGuards` takes the same): classes resolved in
   * the module that declares the controller, or instances. Required: a send route without one is an open relay.
   */
  guards: ReadonlyArray<CanActivate | Type<CanActivate>>;
  /** The mailer to send with, by its `forRoot({ name })`; the default mailer when omitted. */
  mailer?: string;
  limits?: {
    /** The largest JSON body accepted, in bytes. Default `DEFAULT_MAX_BODY_BYTES` (core's). */
    maxBodyBytes?: number;
  };
  /**
   * Whether a JSON body may name a `template` for the client's renderer (`templates` in its options). Default
   * `false`: the caller would choose which of your templates is sent, what fills it, and a subject that is itself
   * rendered as a template; such a body is answered 422 `TEMPLATE` naming the field.
   */
  templates?: boolean;
}

/** The request as core's handler takes it. */
function sendRequestOf(req: PlatformRequest): SendRequest {
  return { method: req.method, headers: req.headers, body: requestBodyOf(req) };
}

function checkOptions(options: SendControllerOptions): void {
  if (typeof options?.path !== 'string') {
    throw new QcloudMailError({ code: 'CONFIGURATION', message: 'createSendController needs a `path`' });
  }
  if (!Array.isArray(options.guards) || options.guards.length === 0) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'createSendController needs at least one guard: a send route without one is an open relay',
    });
  }
}

/**
 * Creates a controller class to list in a module's `controllers`: `POST /<path>` runs the guards, then core's
 * send handler, which reads the JSON message within its bounds, sends it through the mailer (with its
 * `defaults`) and answers 202 with `SendRouteResult`, or the error as core maps it, its body bounded.
 */
export function createSendController(options: SendControllerOptions): Type<unknown> {
  checkOptions(options);
  const handle = createSendHandler({ maxBodyBytes: options.limits?.maxBodyBytes, templates: options.templates });
  const logger = new Logger('QcloudMailSendController');

  @Controller(options.path)
  @UseGuards(...options.guards)
  class QcloudMailSendController {
    constructor(
      // Explicit tokens: no decorator metadata is needed, so esbuild and tsx builds work as well.
      @Inject(getMailerToken(options.mailer)) private readonly mailer: QcloudMailService,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    /** Sends the request's message; the answer is written here, whatever the outcome. */
    @Post()
    async send(@Req() req: PlatformRequest, @Res() res: unknown): Promise<void> {
      const response = await handle(sendRequestOf(req), this.mailer);
      if (response.error !== undefined && response.status >= 500) {
        // The caller never sees why (the body is generic for server-side failures); the operator must.
        logger.error(`Mail send failed with ${response.error.code}`, JSON.stringify(response.error.toJSON()));
      }
      replyWith(this.adapterHost.httpAdapter, res, response);
    }
  }
  return QcloudMailSendController;
}
