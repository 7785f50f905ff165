// The suppression list (R30): its contract, the memory list, and what delivery events add to it. Explicit names only.
export type {
  SuppressionEntry,
  SuppressionInput,
  SuppressionList,
  SuppressionListOptions,
  SuppressionPolicy,
  SuppressionReason,
} from './types.js';
export { createMemorySuppressionList, type MemorySuppressionListOptions } from './memory-list.js';
export { DEFAULT_SOFT_BOUNCE_TTL_MS, recordSuppressionEvent, suppressionFromEvent } from './from-event.js';
