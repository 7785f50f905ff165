import { Inject } from '@nestjs/common';
import { DEFAULT_MAILER_NAME } from '../mailer-tokens.js';

/** The injection token of an outbox's `QcloudMailOutbox`; the default outbox when `name` is omitted. */
export function getOutboxToken(name: string = DEFAULT_MAILER_NAME): string {
  return `qcloudmail:outbox:${name}`;
}

/** Injects the `QcloudMailOutbox` registered under `name` (the default outbox when omitted), by explicit token. */
export function InjectOutbox(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getOutboxToken(name));
}
