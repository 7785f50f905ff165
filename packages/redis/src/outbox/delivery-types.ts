import type { SesBounceType, SesEvent } from '@qcloudmail/core';

/**
 * What is known of one recipient's copy: `accepted` is the service's 250 (R15); the others are delivery events
 * (R28): `processed`, `deferred`, `delivered`, `dropped`, `bounced` (bounce), `opened` (open), `clicked` (click),
 * `unsubscribed` (unsubscribe), `complained` (spamreport).
 */
export type DeliveryState =
  | 'accepted'
  | 'processed'
  | 'deferred'
  | 'delivered'
  | 'dropped'
  | 'bounced'
  | 'opened'
  | 'clicked'
  | 'unsubscribed'
  | 'complained';

/** One fact of a recipient's delivery: when it was first and last reported, and the last report's details. */
export interface DeliveryFact {
  first: Date;
  last: Date;
  /** The provider's reason (deferred, dropped, bounced). */
  reason?: string;
  bounceType?: SesBounceType;
  /** The link clicked. */
  link?: string;
}

/** One recipient of a message, with every fact ever reported; a later event never erases an earlier one. */
export interface RecipientDelivery {
  /** In lower case, as the suppression list compares addresses (R30). */
  address: string;
  /** The furthest fact, in the order of `DELIVERY_STATES`, whatever order the events came in. */
  state: DeliveryState;
  facts: Partial<Record<DeliveryState, DeliveryFact>>;
}

/** What the outbox knows of one message after its 250, by Message-ID. */
export interface DeliveryStatus {
  /** Core's form, `<id@domain>`. */
  messageId: string;
  /** The outbox job that sent it; absent for a message only delivery events told of. */
  jobId?: string;
  /** Sorted by address. */
  recipients: RecipientDelivery[];
}

/** Why `recordEvent` stored nothing. */
export type DeliveryIgnoredReason =
  /** No Message-ID in core's form: nothing to match the event to. */
  | 'no_message_id'
  /** An event value this version does not know (`kind` `unknown`). */
  | 'unknown_event'
  /** A recipient that is no bare address, or a timestamp that is no time. */
  | 'invalid_event'
  /** The message already has `maxRecipients` recipients. */
  | 'recipient_cap';

/** What `recordEvent` did with an event. */
export type DeliveryRecordResult =
  | {
      recorded: true;
      /** False when the recipient already had this fact (a retried callback, a second open). */
      changed: boolean;
      messageId: string;
      recipient: string;
      state: DeliveryState;
    }
  | { recorded: false; ignored: DeliveryIgnoredReason };

/** A recipient's delivery gained a fact (the `delivery` event of the outbox). */
export interface DeliveryChange {
  messageId: string;
  recipient: string;
  /** The fact gained. */
  fact: DeliveryState;
  /** The recipient's state before and after; `previous` is absent for the first fact. */
  previous?: DeliveryState;
  state: DeliveryState;
  at: Date;
  /** The delivery event, unless the fact is the 250 (`accepted`). */
  event?: SesEvent;
}
