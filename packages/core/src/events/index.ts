// Delivery events (R26-R29): the provider's callback payloads, parsed and typed. Explicit names only.
export type { SesBounceType, SesEvent, SesEventKind } from './types.js';
