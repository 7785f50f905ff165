// The public face of @qcloudmail/core, in the order a user meets it: the client; the message and its
// validation; MIME; replies and errors; the HTTP send handler; limits and regions; rate-limit stores; the rules.
// Explicit named exports only, so that every export is a decision. What only the sibling packages need lives in
// `./internal.ts` (`@qcloudmail/core/internal`), outside semver.

// The client
export { createMailClient } from './client/create-mail-client.js';
export type {
  MailClient,
  MailClientEvents,
  MailClientOptions,
  MailClientStats,
  MailClientTimeouts,
  MailLogRecord,
  RawEnvelope,
  RetryPolicy,
  SendOptions,
  SendOutcome,
  SendResult,
  SendTimings,
} from './client/types.js';
export { QcloudMailPartialSendError, type SendFailure } from './client/partial-failure.js';
export { DEFAULT_MAX_CONNECTIONS } from './client/resolve-options.js';
export type { RecipientPolicy } from './limits/recipient-policy.js';

// The message and its validation
export type { MailAddress, MailAttachment, MailHeader, MailMessage } from './model/message.js';
export {
  messageSchema,
  type MailAddressInput,
  type MailAddressListInput,
  type MailAttachmentInput,
  type MailHeadersInput,
  type MailMessageInput,
} from './model/message-schema.js';
export {
  assertValidMessage,
  summarizeIssues,
  validateMessage,
  type ValidateMessageOptions,
  type ValidationResult,
} from './model/validate-message.js';
export type { MailIssue, MailIssueCode } from './model/issues.js';
export { BLOCKED_EXTENSIONS, FORBIDDEN_NAME_CHARACTERS } from './model/attachment-rules.js';

// MIME
export { buildMime } from './mime/build-mime-input.js';
export { buildMimeFromMessage, createMimeStream, type MimeStream } from './mime/build-mime.js';
export { lintMime } from './mime/lint-mime.js';
export type {
  BuildMimeOptions,
  BuiltMime,
  LintAttachment,
  LintNote,
  LintOptions,
  LintResult,
  LintSummary,
  MimeEnvelope,
} from './mime/types.js';

// Replies and errors
export {
  isQcloudMailError,
  QcloudMailError,
  type NodemailerErrorCode,
  type OutcomeUnknownDetails,
  type QcloudMailErrorCategory,
  type QcloudMailErrorCode,
  type QcloudMailErrorOptions,
} from './errors/qcloud-mail-error.js';
export { toQcloudMailError, type ToQcloudMailErrorContext } from './reply/to-qcloud-mail-error.js';
export { errorFromReply, type ReplyContext } from './reply/error-from-reply.js';
export { scrubSecrets } from './errors/scrub-secrets.js';
export {
  httpStatusOf,
  toHttpErrorResponse,
  type HttpErrorBody,
  type HttpErrorResponse,
} from './http/http-error-response.js';
export { parseSesReply } from './reply/parse-ses-reply.js';
export type { ParsedSesReply, SesErrorCodeInfo, SesReplyCategory, TsvRetryJudgement } from './reply/types.js';
export { lookupErrorCode } from './reply/error-catalog.js';
export { SES_ERROR_CATALOG } from './reply/catalog-data.js';

// The HTTP send handler and the delivery-event callback handler (what @qcloudmail/express and @qcloudmail/nestjs mount)
export {
  createSendHandler,
  DEFAULT_MAX_BODY_BYTES,
  type SendHandler,
  type SendHandlerClient,
  type SendHandlerOptions,
  type SendHandlerResponse,
  type SendRequest,
} from './http/send-handler.js';
export type { SendRequestBody, SendRequestHeaders } from './http/read-send-body.js';
export type { SendRouteMessage, SendRouteResult, SendRouteSuppressed } from './http/send-result.js';
export { SEND_ROUTE_BOUNDS } from './http/json-bounds.js';
export {
  createEventCallbackHandler,
  DEFAULT_EVENT_BODY_BYTES,
  type EventCallbackHandler,
  type EventCallbackHandlerOptions,
  type EventCallbackRequest,
  type EventCallbackResponse,
} from './http/event-callback-handler.js';
export { EVENT_TOKEN_PARAMETER, MIN_EVENT_SECRET_LENGTH } from './http/event-token.js';

// Limits and regions
export { LIMITS, resolveLimits, type EffectiveLimits, type LimitOverrides } from './limits/limits.js';
export {
  isRegion,
  REGIONS,
  resolveEndpoint,
  SES_SMTP_PORT,
  type EndpointOverride,
  type Region,
  type SmtpEndpoint,
} from './limits/regions.js';

// Rate limiting and its stores
export type {
  AccountGrantOptions,
  RateLimitCountAt,
  RateLimitDecision,
  RateLimitOptions,
  RateLimitStore,
} from './rate-limit/types.js';
export { createMemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './rate-limit/memory-store.js';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RecipientGrant,
} from './rate-limit/rate-limiter.js';
export { createManualClock, systemClock, type Clock, type ManualClock } from './rate-limit/clock.js';

// Templates, delivery events (R26-R29), the suppression list and telemetry: each folder's index.ts lists its
// public names explicitly, as this file does.
export * from './templates/index.js';
export * from './events/index.js';
export * from './suppression/index.js';
export * from './telemetry/index.js';

// The rules of the service (docs/rules.md)
export { isRuleId, RULES, ruleTitle, ruleUrl, type RuleId, type RuleInfo } from './rules.js';
