import { Controller, Inject, Logger, Post, Req, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { EventCallbackRequest } from '@qcloudmail/core';
import { type PlatformRequest, requestBodyOf } from '../platform-request.js';
import { replyWith } from '../reply-with.js';
import { QcloudMailEvents } from './qcloud-mail-events.js';

/** The request as core's handler takes it. */
function callbackRequestOf(req: PlatformRequest): EventCallbackRequest {
  // The token is in the query: Express's originalUrl keeps it wherever the app is mounted, Fastify's url has it.
  return { method: req.method, url: req.originalUrl ?? req.url, headers: req.headers, body: requestBodyOf(req) };
}

/** A controller class at `path` whose `POST` hands the provider's callbacks to the registration's handler. */
export function createEventsController(path: string): Type<unknown> {
  const logger = new Logger('QcloudMailEventsController');

  @Controller(path)
  class QcloudMailEventsController {
    constructor(
      // Explicit tokens: no decorator metadata is needed, so esbuild and tsx builds work as well.
      @Inject(QcloudMailEvents) private readonly events: QcloudMailEvents,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    /** Answers the provider at once; the events reach the application afterwards. */
    @Post()
    async receive(@Req() req: PlatformRequest, @Res() res: unknown): Promise<void> {
      const response = await this.events.handle(callbackRequestOf(req));
      if (response.status >= 400) {
        // Never the token or the body: the status and core's code say enough to find a wrong console URL.
        logger.warn(`Refused a delivery-event callback with ${response.status} ${response.error?.code ?? ''}`.trim());
      }
      replyWith(this.adapterHost.httpAdapter, res, response);
    }
  }
  return QcloudMailEventsController;
}
