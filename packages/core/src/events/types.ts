// The shape of one delivery event after parsing (R26-R29). Adapters, the suppression list and the Redis outbox
// code against these names; new fields are added as optional ones, never renamed.

/** The event values of R28, plus `unknown` for a value the provider adds later. */
export type SesEventKind =
  | 'processed'
  | 'delivered'
  | 'deferred'
  | 'dropped'
  | 'bounce'
  | 'open'
  | 'click'
  | 'spamreport'
  | 'unsubscribe'
  | 'unknown';

/** A bounce's kind: both vocabularies of R27 (`hard`/`hard_bounce`, `soft`/`soft_bounce`) map here. */
export type SesBounceType = 'hard' | 'soft';

/** One delivery event as the provider reported it, typed and normalised (R27). */
export interface SesEvent {
  /** What happened (R28); `unknown` when the provider sent a value this version does not know. */
  kind: SesEventKind;
  /** The event value exactly as the provider sent it. */
  event: string;
  /** The recipient the event is about (`email`). */
  recipient: string;
  /** The Message-ID the sender set, in core's form `<id@domain>`, as `MailClient.send` returns it. */
  messageId?: string;
  /** The SendEmail API's MessageId (`bulkId`, also spelled `bulkid`). */
  bulkId?: string;
  /** When the event happened (`timestamp`, Unix seconds). */
  timestamp: Date;
  /** When the message was sent (`sentTimestamp`). */
  sentAt?: Date;
  /** Why delivery failed, as the provider worded it. */
  reason?: string;
  /** Hard or soft, for bounces; absent when the provider sent none or an empty one. */
  bounceType?: SesBounceType;
  /** The clicked link (click only). */
  link?: string;
  /** The reader's user agent (`useragent`, open and click only). */
  userAgent?: string;
  /** The message's subject, MIME encoded words decoded. */
  subject?: string;
  /** The sender address, without display name. */
  from?: string;
  /** The sender's domain. */
  fromDomain?: string;
  /** The account's appId (`username`). */
  appId?: string;
  /** The template used, as a decimal string when the provider sent a number. */
  templateId?: string;
  /** The batch task (batch sends). */
  taskId?: string;
  /** The provider's numeric event id (`eventid`: 1 delivered ... 8 deferred). */
  eventId?: number;
  /** Every field not listed above, kept as sent (for example `X-Tencentcloudses-Cb-Custom`). */
  extra: Readonly<Record<string, unknown>>;
}
