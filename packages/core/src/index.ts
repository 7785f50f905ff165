export type { RuleId } from './rules.js';
export * from './errors/qcloud-mail-error.js';
export type { MailIssue, MailIssueCode } from './model/issues.js';
export * from './limits/limits.js';
export * from './limits/regions.js';
export { buildMimeFromMessage, createMimeStream, type MimeStream } from './mime/build-mime.js';
export type { BuildMimeOptions, BuiltMime, MimeEnvelope } from './mime/types.js';
export { lintMime } from './mime/lint-mime.js';
export type { LintAttachment, LintOptions, LintResult, LintSummary } from './mime/types.js';
export type * from './client/types.js';
export {
  createMemoryRateLimitStore,
  recipientKey,
  ACCOUNT_WINDOW_MS,
  type MemoryRateLimitStoreOptions,
} from './rate-limit/memory-store.js';
export { SlidingWindowLog } from './rate-limit/sliding-window.js';
export {
  createRateLimiter,
  rateLimitError,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limit/rate-limiter.js';
export { systemClock, createManualClock, type Clock, type ManualClock } from './rate-limit/clock.js';
export {
  DEFAULT_RETRY,
  backoffDelay,
  decideRetry,
  isRetryable,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryDecision,
} from './client/retry-policy.js';
export { planMessages } from './client/recipient-plan.js';
export { QcloudMailPartialSendError, type SendFailure } from './client/partial-failure.js';
export {
  toHttpErrorResponse,
  httpStatusOf,
  type HttpErrorResponse,
  type HttpErrorBody,
} from './errors/http-error-response.js';
export { parseSesReply } from './reply/parse-ses-reply.js';
export type { ParsedSesReply, SesErrorCodeInfo, SesReplyCategory, TsvRetryJudgement } from './reply/types.js';
export { SES_ERROR_CATALOG } from './reply/catalog-data.js';
export { isKnownErrorCode, lookupErrorCode } from './reply/error-catalog.js';
export {
  R17_MESSAGES,
  SMTP_RATE_LIMIT_ERROR,
  providerErrorForIssue,
  type ProviderError,
  type R17IssueCode,
} from './reply/r17-messages.js';
export {
  SES_REPLIES,
  SES_RESPONSE_JSON_MARKER,
  renderSesReply,
  type RenderSesReplyOptions,
} from './reply/ses-replies.js';
export { errorFromParsedReply, errorFromReply, type ReplyContext } from './errors/error-from-reply.js';
export { toQcloudMailError, type ToQcloudMailErrorContext } from './errors/to-qcloud-mail-error.js';
export { scrubSecrets } from './errors/scrub-secrets.js';
export type { MailMessage, MailAddress, MailAttachment, MailHeader } from './model/message.js';
export {
  messageSchema,
  addressInputSchema,
  addressListInputSchema,
  attachmentInputSchema,
  headersInputSchema,
  type MailMessageInput,
  type MailAddressInput,
  type MailAddressListInput,
  type MailAttachmentInput,
  type MailHeadersInput,
} from './model/message-schema.js';
export {
  validateMessage,
  assertValidMessage,
  summarizeIssues,
  type ValidateMessageOptions,
  type ValidationResult,
} from './model/validate-message.js';
export { parseAddress, parseAddressList, type AddressParseResult } from './model/address.js';
export { estimateEncodedSize } from './model/size-estimate.js';
export { BLOCKED_EXTENSIONS, FORBIDDEN_NAME_CHARACTERS } from './model/attachment-rules.js';
export { createMailClient } from './client/create-mail-client.js';
export { buildMime } from './mime/build-mime-input.js';
export { replyMeaning, type ReplyMeaning } from './reply/reply-meanings.js';
export { createEventHub, type EventHub } from './client/event-hub.js';
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
export type { SendRouteMessage, SendRouteResult } from './http/send-result.js';
export { SEND_ROUTE_BOUNDS } from './http/json-bounds.js';
export { mailErrorResponse, MAX_ERROR_BODY_BYTES, type BoundedErrorBody } from './http/bounded-error-body.js';
export type { JsonHttpResponse } from './http/json-response.js';
