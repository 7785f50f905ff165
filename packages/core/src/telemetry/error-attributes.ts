import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { scrubSecrets } from '../errors/scrub-secrets.js';
import { MAIL_ATTRIBUTES as A } from './telemetry-names.js';
import { clipText } from '../errors/clip-text.js';

// Recorded texts are bounded: a span is exported and stored many times over.
const MAX_MESSAGE = 1000;
const MAX_STACK = 4000;

const DELIMITERS = new Set([' ', '\t', '\r', '\n', '<', '>', '(', ')', '[', ']', '{', '}', '"', "'", ',', ';', '`']);

/** Replaces every word with an `@` inside it (an address, whatever quotes it) by `[address]`; one pass, linear. */
export function maskAddresses(text: string): string {
  if (!text.includes('@')) return text;
  let out = '';
  let copied = 0;
  let start = 0;
  let at = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const char = i < text.length ? (text[i] as string) : ' ';
    if (!DELIMITERS.has(char)) {
      if (char === '@' && at === -1) at = i;
      continue;
    }
    if (at > start && at < i - 1) {
      out += `${text.slice(copied, start)}[address]`;
      copied = i;
    }
    start = i + 1;
    at = -1;
  }
  return out + text.slice(copied);
}

/** A text of an error made fit for a span: no credentials, bounded, and without addresses unless allowed. */
export function spanSafeText(text: string, max: number, recordRecipients: boolean): string {
  const scrubbed = scrubSecrets(text);
  return clipText(recordRecipients ? scrubbed : maskAddresses(scrubbed), max);
}

/** The low-cardinality attributes of a failure, for metrics: `error.type` (the code) and the category. */
export function errorMetricAttributes(error: QcloudMailError): Attributes {
  return { [A.errorType]: error.code, [A.errorCategory]: error.category };
}

/** Every attribute of a failure, for spans and span events: code, category, the provider's code, rule, reply code. */
export function errorAttributes(error: QcloudMailError): Attributes {
  const attributes: Attributes = {
    ...errorMetricAttributes(error),
    [A.errorCode]: error.code,
    [A.retryable]: error.retryable,
  };
  if (error.providerCode !== undefined) attributes[A.providerCode] = error.providerCode;
  if (error.rule !== undefined) attributes[A.rule] = error.rule;
  if (error.requestId !== undefined) attributes[A.requestId] = error.requestId;
  if (error.responseCode !== undefined) attributes[A.responseCode] = error.responseCode;
  return attributes;
}

/**
 * Marks `span` failed with `error`: its attributes, the exception recorded (message and stack without
 * credentials, and without addresses unless `recordRecipients`) and status ERROR.
 */
export function recordSpanError(span: Span, error: QcloudMailError, recordRecipients: boolean): void {
  const message = spanSafeText(error.message, MAX_MESSAGE, recordRecipients);
  span.setAttributes(errorAttributes(error));
  span.recordException({
    name: error.name,
    code: error.code,
    message,
    ...(error.stack === undefined ? {} : { stack: spanSafeText(error.stack, MAX_STACK, recordRecipients) }),
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.code}: ${message}` });
}
