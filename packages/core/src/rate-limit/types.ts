/** The answer of a rate-limit store to one acquire. */
export type RateLimitDecision = { ok: true } | { ok: false; retryAfterMs: number; rule: 'R5' | 'R6' };

/**
 * Where the rate-limit state lives. Asynchronous so that a shared store (Redis) can implement it;
 * the in-memory store is the default.
 */
export interface RateLimitStore {
  /**
   * Takes one grant of the per-account limit (R5) for `appId`: at most `perSecond` grants in any interval of
   * `windowMs` (default 1000), or says how long to wait. One atomic step (one round trip for a shared store).
   */
  acquireAccount(appId: string, perSecond: number, windowMs?: number): Promise<RateLimitDecision>;
  /** Records one message from `sender` to each recipient within the hour window (R6), or refuses all of them. */
  acquireRecipients(
    sender: string,
    recipients: readonly string[],
    perHour: number,
    windowMs: number,
  ): Promise<RateLimitDecision>;
  /** Releases resources (connections, timers). */
  close?(): Promise<void>;
}

/** The client's rate limiting (R5, R6). */
export interface RateLimitOptions {
  /** Where the counts live; in memory by default, a shared store (Redis) for several processes. */
  store?: RateLimitStore;
  /**
   * Clients in this process with the same key share one limiter and one in-memory store (the way to share an
   * account's limits among several mailers of one application, e.g. NestJS modules). Not with `store`.
   */
  shareKey?: string;
  /** Sends per `accountWindowMs` for the account, at most 20 (R5). Default 20. */
  perSecond?: number;
  /** Messages an hour from the sender to one recipient, at most 10 (R6). Default 10. */
  perHourPerRecipient?: number;
  /** How long a send waits for its turn before failing with `RATE_LIMIT`. Default 10,000. */
  maxQueueMs?: number;
  /**
   * The interval in which at most `perSecond` sends start, at least 1000. Default 1000 with the in-memory store,
   * which sees every send of the account until its reply; 1050 with a given `store`, where the margin absorbs the
   * delay between another process's send starting and the service counting it.
   */
  accountWindowMs?: number;
}
