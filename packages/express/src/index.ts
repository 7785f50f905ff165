export {
  qcloudMail,
  type QcloudMailMiddleware,
  type QcloudMailMiddlewareOptions,
} from './qcloud-mail-middleware.js';
export { mailErrorHandler, type MailErrorHandlerOptions } from './mail-error-handler.js';
export { createSendRoute, type SendRouteOptions } from './send-route.js';
// The route's limits and answer are core's, shared with every other adapter; re-exported where users look.
export { DEFAULT_MAX_BODY_BYTES, SEND_ROUTE_BOUNDS, type SendRouteResult } from '@qcloudmail/core';
