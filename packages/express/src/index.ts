export {
  qcloudMail,
  type QcloudMailMiddleware,
  type QcloudMailMiddlewareOptions,
} from './qcloud-mail-middleware.js';
export { mailErrorHandler, type MailErrorHandlerOptions } from './mail-error-handler.js';
export { createSendRoute, type SendRouteOptions } from './send-route.js';
export { createEventRoute, type EventRouteOptions } from './event-route.js';
// The route's limits and answer are core's, shared with every other adapter; re-exported where users look.
export { DEFAULT_MAX_BODY_BYTES, SEND_ROUTE_BOUNDS, type SendRouteResult } from '@qcloudmail/core';
// The callback's events and its limit are core's too.
export {
  DEFAULT_EVENT_BODY_BYTES,
  parseSesEvent,
  parseSesEvents,
  type SesBounceType,
  type SesEvent,
  type SesEventKind,
} from '@qcloudmail/core';
// What users catch and check, so that this package alone is enough to handle its errors.
export {
  isQcloudMailError,
  QcloudMailError,
  QcloudMailPartialSendError,
  type MailIssue,
  type MailIssueCode,
  type NodemailerErrorCode,
  type OutcomeUnknownDetails,
  type QcloudMailErrorCategory,
  type QcloudMailErrorCode,
  type SendFailure,
} from '@qcloudmail/core';
