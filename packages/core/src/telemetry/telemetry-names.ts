// OpenTelemetry has no semantic conventions for SMTP or for a mail service's API, so the send's own names live under
// `qcloudmail.`; the general attributes (`server.*`, `network.protocol.name`, `error.type`) and the outbox's
// (`messaging.*`, a BullMQ queue being a messaging system) follow the conventions. docs/telemetry.md lists them all.

/** The span names of qcloudmail (docs/telemetry.md). */
export const MAIL_SPAN_NAMES = {
  /** One `send` or `sendRaw` of the client, SpanKind CLIENT. */
  send: 'qcloudmail.send',
  /** One request to the delivery-event callback handler (R26), SpanKind INTERNAL under the server's own span. */
  eventCallback: 'qcloudmail.event_callback',
} as const;

/** The span events of a send span: attempts, retries and the end of each message. */
export const MAIL_SPAN_EVENTS = {
  attempt: 'qcloudmail.attempt',
  retry: 'qcloudmail.retry',
  messageSent: 'qcloudmail.message.sent',
  messageFailed: 'qcloudmail.message.failed',
} as const;

/** The metric names of qcloudmail (docs/telemetry.md); durations in seconds, as the conventions ask. */
export const MAIL_METRIC_NAMES = {
  /** Counter {message}: messages the service accepted. */
  sent: 'qcloudmail.messages.sent',
  /** Counter {message}: messages that failed, by `error.type` and `qcloudmail.error.category`. */
  failed: 'qcloudmail.messages.failed',
  /** Counter {message}: messages whose outcome is unknown (R19): they may have been accepted. */
  outcomeUnknown: 'qcloudmail.messages.outcome_unknown',
  /** Counter {retry}: attempts that failed and were tried again, by `error.type` and category. */
  retries: 'qcloudmail.send.retries',
  /** Histogram (s): each wait for a connection slot and the account's grant (R5), by `qcloudmail.rate_limit.stage`. */
  rateLimitWait: 'qcloudmail.rate_limit.wait.duration',
  /** Counter {message}: messages the service may have counted against the account's quotas (R5, R6, daily). */
  quotaUsed: 'qcloudmail.quota.used',
  /** Histogram (s): one `send`, from the call to its outcome, by `qcloudmail.outcome` and `error.type`. */
  sendDuration: 'qcloudmail.send.duration',
  /** Counter {event}: delivery events accepted by the callback handler (R28), by `qcloudmail.event.kind`. */
  eventsReceived: 'qcloudmail.events.received',
  /** Counter {job}: outbox jobs processed by this process's workers, by `qcloudmail.outcome`. */
  outboxJobs: 'qcloudmail.outbox.jobs',
  /** Histogram (s): the semantic conventions' processing time of one outbox job. */
  processDuration: 'messaging.process.duration',
} as const;

/** The attribute keys of qcloudmail's spans, span events and metrics (docs/telemetry.md). */
export const MAIL_ATTRIBUTES = {
  serverAddress: 'server.address',
  serverPort: 'server.port',
  protocol: 'network.protocol.name',
  errorType: 'error.type',
  /** `message` for `send`, `raw` for `sendRaw`. */
  sendKind: 'qcloudmail.send.kind',
  /** The first message's Message-ID, as `SendOutcome.messageId`. */
  messageId: 'qcloudmail.message.id',
  messageCount: 'qcloudmail.message.count',
  recipientCount: 'qcloudmail.recipient.count',
  /** The recipients' addresses: only with `telemetry.recordRecipients`, being personal data. */
  recipients: 'qcloudmail.recipients',
  /** The size of the send's messages as uploaded, in bytes (all messages together). */
  size: 'qcloudmail.message.size',
  /** `sent`, `failed`, `partial` or `unknown` for a send; `sent`, `retrying`, `delayed`, `failed` or `unknown` for a job. */
  outcome: 'qcloudmail.outcome',
  attempts: 'qcloudmail.attempts',
  attempt: 'qcloudmail.attempt',
  /** Milliseconds waited for connection slots and the account's grants (R5). */
  rateLimitWaitMs: 'qcloudmail.rate_limit.wait_ms',
  /** `slot` (a connection slot, and the R5 grant when counted at the transaction) or `data_end` (the grant at the last bytes). */
  rateLimitStage: 'qcloudmail.rate_limit.stage',
  retryDelayMs: 'qcloudmail.retry.delay_ms',
  errorCode: 'qcloudmail.error.code',
  errorCategory: 'qcloudmail.error.category',
  providerCode: 'qcloudmail.error.provider_code',
  rule: 'qcloudmail.error.rule',
  requestId: 'qcloudmail.error.request_id',
  responseCode: 'qcloudmail.error.response_code',
  retryable: 'qcloudmail.error.retryable',
  possibleDuplicate: 'qcloudmail.outbox.possible_duplicate',
  /** A delivery event's kind (R28): `delivered`, `bounce`, `open`, ... or `unknown`. */
  eventKind: 'qcloudmail.event.kind',
  /** `hard` or `soft`, for bounces that say which. */
  bounceType: 'qcloudmail.event.bounce_type',
  /** Events in one callback request. */
  eventCount: 'qcloudmail.event.count',
  httpStatusCode: 'http.response.status_code',
  messagingSystem: 'messaging.system',
  messagingOperationName: 'messaging.operation.name',
  messagingOperationType: 'messaging.operation.type',
  messagingDestination: 'messaging.destination.name',
  messagingMessageId: 'messaging.message.id',
} as const;

/** The instrumentation scope of core's tracer and meter. */
export const CORE_SCOPE = '@qcloudmail/core';
