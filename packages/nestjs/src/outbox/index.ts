export { QcloudMailOutboxModule } from './qcloud-mail-outbox.module.js';
export type {
  QcloudMailOutboxAsyncOptions,
  QcloudMailOutboxForRootOptions,
  QcloudMailOutboxOptionsFactory,
} from './qcloud-mail-outbox.module.js';
export type { QcloudMailOutboxExtras, QcloudMailOutboxOptions } from './outbox-options.js';
export { QcloudMailOutbox } from './qcloud-mail-outbox.js';
export { getOutboxToken, InjectOutbox } from './outbox-tokens.js';
export type { EnqueueOptions, OutboxCounts, OutboxEvents, OutboxJob } from '@qcloudmail/redis';
