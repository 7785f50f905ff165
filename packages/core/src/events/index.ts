// Delivery events (R26-R29): the provider's callback payloads, parsed and typed. Explicit names only.
export type { SesBounceType, SesEvent, SesEventKind } from './types.js';
export { isInvalidEventError, parseSesEvent, parseSesEvents } from './parse-ses-event.js';
export { SES_EVENT_BOUNDS, type SesEventFields, sesEventFieldsSchema } from './event-schema.js';
export { SES_EVENT_IDS } from './event-vocabulary.js';
