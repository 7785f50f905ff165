import type { SesBounceType, SesEventKind } from './types.js';

// The event values of R28; anything else is `unknown`, kept rather than refused, since the provider adds values
// without notice and a refusal would only make it send the same event again.
const KINDS: ReadonlySet<string> = new Set<SesEventKind>([
  'processed',
  'delivered',
  'deferred',
  'dropped',
  'bounce',
  'open',
  'click',
  'spamreport',
  'unsubscribe',
]);

/** The kind of an event value (R28), matched without regard to case; `unknown` for a value R28 does not list. */
export function eventKindOf(event: string): SesEventKind {
  const lower = event.toLowerCase();
  return KINDS.has(lower) ? (lower as SesEventKind) : 'unknown';
}

// Both vocabularies of R27: the 2021 document's `hard`/`soft` and the current `hard_bounce`/`soft_bounce`.
const BOUNCE_TYPES: Readonly<Record<string, SesBounceType>> = {
  hard: 'hard',
  hard_bounce: 'hard',
  soft: 'soft',
  soft_bounce: 'soft',
};

/** The bounce type a `bounceType` value names (R27), or `undefined` for a value neither vocabulary has. */
export function bounceTypeOf(value: string): SesBounceType | undefined {
  const lower = value.toLowerCase();
  return Object.hasOwn(BOUNCE_TYPES, lower) ? BOUNCE_TYPES[lower] : undefined;
}

/** What `eventid` means (R27), for messages and for the emulator that writes events. */
export const SES_EVENT_IDS: Readonly<Partial<Record<SesEventKind, number>>> = {
  delivered: 1,
  dropped: 2,
  bounce: 3,
  open: 4,
  click: 5,
  spamreport: 6,
  unsubscribe: 7,
  deferred: 8,
};
