import type { SesEventKind } from '@qcloudmail/core';
import type { DeliveryState } from './delivery-types.js';

/**
 * Every fact, from the least to the furthest: a recipient's state is its furthest fact, so the state never goes
 * back and does not depend on the order events arrive in. A failure reported after `delivered` is a late bounce
 * (the copy did not arrive after all); the reader's own acts (open, click, unsubscribe, complaint) prove it did.
 */
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'accepted',
  'processed',
  'deferred',
  'delivered',
  'dropped',
  'bounced',
  'opened',
  'clicked',
  'unsubscribed',
  'complained',
];

const BY_KIND: Partial<Record<SesEventKind, DeliveryState>> = {
  processed: 'processed',
  deferred: 'deferred',
  delivered: 'delivered',
  dropped: 'dropped',
  bounce: 'bounced',
  open: 'opened',
  click: 'clicked',
  unsubscribe: 'unsubscribed',
  spamreport: 'complained',
};

/** The fact a delivery event reports (R28), or undefined for an event value this version does not know. */
export function factOfKind(kind: SesEventKind): DeliveryState | undefined {
  return BY_KIND[kind];
}

/** The furthest of `facts`; undefined when there are none. */
export function furthest(facts: Iterable<DeliveryState>): DeliveryState | undefined {
  let best = -1;
  for (const fact of facts) best = Math.max(best, DELIVERY_STATES.indexOf(fact));
  return best < 0 ? undefined : DELIVERY_STATES[best];
}

/** Whether `value` names a fact. */
export function isDeliveryState(value: string): value is DeliveryState {
  return (DELIVERY_STATES as readonly string[]).includes(value);
}
