import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QcloudMailError, toHttpErrorResponse } from '@qcloudmail/core';

/** The reply methods that both Express's `res` and Fastify's `reply` have, for use without an adapter. */
interface PlatformResponse {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
}

/**
 * An opt-in HTTP exception filter that answers a `QcloudMailError` with core's mapping (`toHttpErrorResponse`):
 * validation 422 with the issues, rate limits 429 with `Retry-After`, auth and configuration 500 without
 * details, service and connection 503. Register it with `@UseFilters`, `APP_FILTER` or `useGlobalFilters`.
 */
@Catch(QcloudMailError)
export class QcloudMailExceptionFilter implements ExceptionFilter<QcloudMailError> {
  private readonly logger = new Logger('QcloudMailExceptionFilter');
  private readonly adapterHost: HttpAdapterHost | undefined;

  // `Optional`: `new QcloudMailExceptionFilter()` (for `useGlobalFilters`) works as well, through `res` itself.
  constructor(@Optional() @Inject(HttpAdapterHost) adapterHost?: HttpAdapterHost) {
    this.adapterHost = adapterHost;
  }

  /** Writes the mapped status, headers and JSON body; errors outside HTTP contexts are passed on unchanged. */
  catch(exception: QcloudMailError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const { status, headers, body } = toHttpErrorResponse(exception);
    if (status >= 500) {
      // The client never sees why (the body is generic for server-side failures); the operator must.
      this.logger.error(`Mail send failed with ${exception.code}`, JSON.stringify(exception.toJSON()));
    }
    const response: unknown = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter !== undefined) {
      for (const [name, value] of Object.entries(headers)) adapter.setHeader(response, name, value);
      adapter.reply(response, body, status);
      return;
    }
    const reply = response as PlatformResponse;
    reply.status(status);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.send(body);
  }
}
