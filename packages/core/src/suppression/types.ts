// The suppression list's contract (R30): the memory list here and the Redis list in @qcloudmail/redis implement
// it with the same semantics, proven by one conformance suite (`@qcloudmail/test-helpers`).

/** Why an address is suppressed: a delivery event (R28) or an operator's decision (`manual`). */
export type SuppressionReason = 'hard_bounce' | 'soft_bounce' | 'spamreport' | 'unsubscribe' | 'dropped' | 'manual';

/** One suppressed address. */
export interface SuppressionEntry {
  /** The address in lower case, local part included: the form the list compares. */
  address: string;
  reason: SuppressionReason;
  /** When the list took it in. */
  since: Date;
  /** When it stops being suppressed; absent for good. */
  expiresAt?: Date;
  /** The message whose event suppressed it, in core's `<id@domain>` form. */
  messageId?: string;
  /** The provider's reason, such as `551 5.1.1 recipient is not exist`. */
  detail?: string;
}

/** What `SuppressionList.add` takes: an entry without `since`, which the list sets. */
export interface SuppressionInput {
  address: string;
  reason: SuppressionReason;
  expiresAt?: Date;
  messageId?: string;
  detail?: string;
}

/** Options of `SuppressionList.list`. */
export interface SuppressionListOptions {
  /** At most this many entries. Default 1000. */
  limit?: number;
}

/**
 * A suppression list (R30). `add` never weakens an entry: a permanent one stays as it is, an expiring one is
 * replaced by a permanent one or by one that expires later, and an entry already expired is not stored.
 */
export interface SuppressionList {
  /** Suppresses an address; bad input throws `VALIDATION` naming R30 and the field. */
  add(entry: SuppressionInput): Promise<void>;
  /** Lets an address be sent to again; true when it was suppressed. */
  remove(address: string): Promise<boolean>;
  /** The entry of an address, if it is suppressed now. */
  get(address: string): Promise<SuppressionEntry | undefined>;
  /** The suppressed ones among `addresses`, keyed by the address as given. */
  check(addresses: readonly string[]): Promise<Map<string, SuppressionEntry>>;
  /** Some entries suppressed now, for inspection; order unspecified. */
  list?(options?: SuppressionListOptions): Promise<SuppressionEntry[]>;
}

/** Which delivery events suppress the recipient (R30). */
export interface SuppressionPolicy {
  /** `bounce` with `bounceType` hard. Default true. */
  hardBounce?: boolean;
  /**
   * How long a soft bounce (or a bounce without `bounceType`) suppresses, in milliseconds from the event's
   * timestamp; `false` ignores them. Default 86,400,000 (24 hours).
   */
  softBounceTtlMs?: number | false;
  /** `spamreport`. Default true. */
  spamreport?: boolean;
  /** `unsubscribe`. Default true. */
  unsubscribe?: boolean;
  /** `dropped`. Default true. */
  dropped?: boolean;
}
