export { QcloudMailEventsModule } from './qcloud-mail-events.module.js';
export type {
  QcloudMailEventsAsyncOptions,
  QcloudMailEventsForRootOptions,
  QcloudMailEventsHandler,
  QcloudMailEventsOptions,
} from './events-options.js';
export { QcloudMailEvents } from './qcloud-mail-events.js';
export { QCLOUDMAIL_EVENT, qcloudMailEventName } from './events-tokens.js';
export type { SesBounceType, SesEvent, SesEventKind } from '@qcloudmail/core';
