/**
 * `@qcloudmail/core/internal`: what only qcloudmail's own packages (the emulator, the CLI, the adapters, the
 * Redis store and outbox) need from core. Outside semver: anything here may change or go in any release. Users
 * import from `@qcloudmail/core`.
 * @packageDocumentation
 */

// The service's replies, as the emulator renders them and the CLI explains them
export {
  R17_MESSAGES,
  SMTP_RATE_LIMIT_ERROR,
  providerErrorForIssue,
  type ProviderError,
  type R17IssueCode,
} from './reply/r17-messages.js';
export {
  renderSesReply,
  SES_REPLIES,
  SES_RESPONSE_JSON_MARKER,
  type RenderSesReplyOptions,
} from './reply/ses-replies.js';
export { isKnownErrorCode } from './reply/error-catalog.js';
export { replyMeaning, type ReplyMeaning } from './reply/reply-meanings.js';

// Errors built outside the client (the Redis outbox) and the bounded HTTP answers (Express, NestJS)
export { outcomeUnknownError } from './errors/qcloud-mail-error.js';
export { MAX_ERROR_BODY_BYTES, mailErrorResponse, type BoundedErrorBody } from './http/bounded-error-body.js';
export type { JsonHttpResponse } from './http/json-response.js';

// Retries and events, shared with the Redis outbox
export {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
} from './client/retry-policy.js';
export { createEventHub, type EventHub } from './client/event-hub.js';

// Rate-limit windows and keys, shared with the Redis store and the emulator
export { ACCOUNT_WINDOW_MS, recipientKey } from './rate-limit/memory-store.js';
export { SlidingWindowLog } from './rate-limit/sliding-window.js';

// The names of the client's options, for the adapters that refuse any other key of theirs by name
export { isMailClientOption } from './client/client-option-keys.js';

// Field paths as messages write them (`attachments[0].filename`), for the CLI's issue lists
export { formatPath } from './model/issue.js';

// The bounded content reader (strings, bytes, streams, data: URIs, caps, abort), for the nodemailer transport
export {
  contentRefusal,
  readContent,
  readDataUri,
  type ContentSlot,
  type ContentSource,
} from './content/read-content.js';
export { isDataUri } from './content/data-uri.js';
export { isReadableStream } from './content/read-stream.js';

// RFC 2047 encoded words, for the emulator's callback payloads (a subject that is not ASCII, R27)
export { encodeWords } from './mime/encoded-words.js';

// The suppression list's checks and merge rule (R30), so that the Redis list refuses and keeps what the memory one does
export {
  checkSuppressionInput,
  MAX_SUPPRESSED_ADDRESS_LENGTH,
  strengthens,
  suppressionKey,
  type CheckedSuppression,
} from './suppression/check-entry.js';
export { listLimit } from './suppression/list-limit.js';

// Telemetry shared with the Redis outbox's workers: the option's checks, and failures made fit for a span
export {
  errorAttributes,
  errorMetricAttributes,
  maskAddresses,
  recordSpanError,
} from './telemetry/error-attributes.js';
export { WAIT_BUCKETS_S } from './telemetry/instruments.js';
export { resolveTelemetryOptions } from './telemetry/resolve-telemetry.js';
export type { ResolvedTelemetry } from './telemetry/types.js';
