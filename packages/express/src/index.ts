export {
  qcloudMail,
  type QcloudMailMiddleware,
  type QcloudMailMiddlewareOptions,
} from './qcloud-mail-middleware.js';
export { mailErrorHandler, type MailErrorHandlerOptions } from './mail-error-handler.js';
export {
  createSendRoute,
  DEFAULT_MAX_BODY_BYTES,
  type SendRouteOptions,
  type SendRouteResult,
} from './send-route.js';
export { SEND_ROUTE_BOUNDS } from './json-bounds.js';
