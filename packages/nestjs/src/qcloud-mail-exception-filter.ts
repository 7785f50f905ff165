import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QcloudMailError } from '@qcloudmail/core';
import { mailErrorResponse } from '@qcloudmail/core/internal';
import { replyWith } from './reply-with.js';

/**
 * An opt-in HTTP exception filter that answers a `QcloudMailError` with core's mapping (`mailErrorResponse`, the
 * same answer as the send controller's, its body bounded in size): validation 422 with the issues, rate limits
 * 429 with `Retry-After`, auth and configuration 500 without details, service and connection 503. Register it with `@UseFilters`, `APP_FILTER` or `useGlobalFilters`.
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
    const response = mailErrorResponse(exception);
    if (response.status >= 500) {
      // The client never sees why (the body is generic for server-side failures); the operator must.
      this.logger.error(`Mail send failed with ${exception.code}`, JSON.stringify(exception.toJSON()));
    }
    replyWith(this.adapterHost?.httpAdapter, host.switchToHttp().getResponse(), response);
  }
}
