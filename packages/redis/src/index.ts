export { defaultRedisUrl, type RedisConnectionInput } from './connection.js';
export {
  createRedisRateLimitStore,
  type RedisRateLimitDecision,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './rate-limit/redis-rate-limit-store.js';
export { createOutbox } from './outbox/create-outbox.js';
export type {
  DeliveryChange,
  DeliveryFact,
  DeliveryIgnoredReason,
  DeliveryRecordResult,
  DeliveryState,
  DeliveryStatus,
  RecipientDelivery,
} from './outbox/delivery-types.js';
export { DELIVERY_STATES } from './outbox/delivery-state.js';
export type {
  EnqueueOptions,
  InterruptedSendPolicy,
  Outbox,
  OutboxCounts,
  OutboxEvents,
  OutboxJob,
  OutboxOptions,
  OutboxMessageResult,
  OutboxSendResult,
  OutboxWorker,
} from './outbox/outbox-types.js';
export {
  deserializeMessage,
  serializeMessage,
  type SerializedAttachment,
  type SerializedMessage,
} from './outbox/serialize-message.js';
export {
  createRedisSuppressionList,
  type RedisSuppressionList,
  type RedisSuppressionListOptions,
} from './suppression/redis-suppression-list.js';
