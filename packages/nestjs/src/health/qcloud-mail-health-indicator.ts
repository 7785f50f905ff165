import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { isQcloudMailError, QcloudMailError, toHttpErrorResponse } from '@qcloudmail/core';
import type { QcloudMailService } from '../qcloud-mail-service.js';
import { DEFAULT_MAILER_NAME, getMailerToken } from '../mailer-tokens.js';

/** Options of one health check. */
export interface QcloudMailHealthCheckOptions {
  /** The mailer to check, by the name it was registered under. Default: the default mailer. */
  mailer?: string;
  /** How long the SMTP login may take before the check reports down. Default 5,000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A @nestjs/terminus health indicator: up when the mailer can connect and log in to the SMTP service within the
 * timeout (R2-R4), down with the error's code and a public message otherwise. Provide it in a module that
 * imports `TerminusModule`.
 */
@Injectable()
export class QcloudMailHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /** Checks one mailer and reports under `key`, for `HealthCheckService.check([() => indicator.isHealthy('mail')])`. */
  async isHealthy<const Key extends string>(
    key: Key,
    options: QcloudMailHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const session = this.health.check(key);
    const mailer = options.mailer ?? DEFAULT_MAILER_NAME;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      await this.mailerNamed(mailer).verify({ signal });
      return session.up({ mailer });
    } catch (error) {
      const failure = signal.aborted ? timeoutFailure(timeoutMs, error) : toFailure(error);
      // The health endpoint is often public: only the code and the public sentence, never host or login details.
      const { body } = toHttpErrorResponse(failure);
      return session.down({ mailer, code: failure.code, message: body.error.message });
    }
  }

  private mailerNamed(name: string): Pick<QcloudMailService, 'verify'> {
    try {
      return this.moduleRef.get<QcloudMailService>(getMailerToken(name), { strict: false });
    } catch (error) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `No mailer named "${name}" is registered; add QcloudMailModule.forRoot({ name: "${name}", ... })`,
        cause: error,
      });
    }
  }
}

function toFailure(error: unknown): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  return new QcloudMailError({ code: 'UNKNOWN', message: 'The mail health check failed', cause: error });
}

// The client reports its caller's signal as ABORTED; for a health check the caller's signal is the timeout.
function timeoutFailure(timeoutMs: number, cause: unknown): QcloudMailError {
  return new QcloudMailError({
    code: 'TIMEOUT',
    retryable: true,
    message: `The SMTP service did not answer the health check within ${timeoutMs} ms`,
    cause,
  });
}
