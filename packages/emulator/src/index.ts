export { startEmulator, type Emulator, type EmulatorExtensions } from './start-emulator.js';
export type {
  DeliveryAttempt,
  DeliveryEventRecord,
  DeliveryEventStatus,
  EmulatorAccount,
  EmulatorClock,
  EmulatorLogger,
  EmulatorLogRecord,
  EmulatorOptions,
  EmulatorRateLimitOptions,
  EmulatorStats,
  EmulatorTlsOptions,
  ParsedMessageView,
  RateLimitCountAt,
  SenderCredentials,
  StoredAttachment,
  StoredMessage,
  Verdict,
  VerdictReason,
} from './types.js';
export { FAULT_TYPES, parseFaultSpec, type FaultCount, type FaultSpec, type FaultStage } from './fault-spec.js';
export type { ActiveFault, EmulatorFaults } from './fault-queue.js';
export { parseLatency, type EmulatorLatency, type EmulatorLatencyInput } from './latency.js';
export { DEFAULT_APP_ID, DEFAULT_SENDER } from './accounts.js';
export { BARE_LINE_ENDING_REPLY } from './replies.js';
export { generateTlsMaterial } from './tls-material.js';
export {
  toDetail,
  toEventView,
  toSummary,
  type DeliveryEventView,
  type MessageDetail,
  type MessageSummary,
} from './message-views.js';
export {
  PROVIDER_CALLBACK_PORTS,
  type EmulatorCallbackOptions,
} from './callbacks/callback-options.js';
export type { AutomaticEventName, OnDemandEventName } from './callbacks/address-rules.js';
export type { OnDemandEventRequest } from './callbacks/on-demand-request.js';
export type { ProviderPayload } from './callbacks/provider-payload.js';
export { explainMessage, type ReplyExplanation } from './explain-reply.js';
export type { CatalogCode } from './api-routes.js';
export { createInboxHandler, INBOX_PAGE_POLICY } from './inbox/inbox-handler.js';
export { messageHtmlPolicy } from './api-message-routes.js';
export { sendError, sendJson, type HttpHandler } from './http-server.js';
export { runEmulatorCli, type EmulatorCliIo } from './cli.js';
/** A clock that only moves when told to (`advance(ms)`), re-exported from core for rate-limit tests. */
export { createManualClock, type ManualClock } from '@qcloudmail/core';
