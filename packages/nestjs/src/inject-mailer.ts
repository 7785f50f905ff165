import { Inject } from '@nestjs/common';
import { getMailerToken } from './tokens.js';

/**
 * Injects the `QcloudMailService` of the mailer registered under `name` (the default mailer when omitted);
 * an explicit token, so it needs no decorator metadata.
 */
export function InjectMailer(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getMailerToken(name));
}
