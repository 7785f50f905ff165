import { Inject } from '@nestjs/common';

/** The name of the mailer registered without a `name`. */
export const DEFAULT_MAILER_NAME = 'default';

/**
 * The injection token of a mailer's `QcloudMailService`; the default mailer when `name` is omitted.
 * Tokens are strings rather than classes so that the ESM and CommonJS builds (and the `health` entry) agree on them.
 */
export function getMailerToken(name: string = DEFAULT_MAILER_NAME): string {
  return `qcloudmail:mailer:${name}`;
}

/**
 * Injects the `QcloudMailService` of the mailer registered under `name` (the default mailer when omitted);
 * an explicit token, so it needs no decorator metadata.
 */
export function InjectMailer(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getMailerToken(name));
}
