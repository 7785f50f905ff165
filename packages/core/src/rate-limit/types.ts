/** The answer of a rate-limit store to one acquire; a grant carries its id, for `finishAccount` and `release`. */
export type RateLimitDecision = { ok: true; grant?: string } | { ok: false; retryAfterMs: number; rule: 'R5' | 'R6' };

/** How a per-account grant (R5) is taken. */
export interface AccountGrantOptions {
  /**
   * Hold the grant "in flight" until `finishAccount` moves it to the finishing time, for at most this many
   * milliseconds (then it counts as finished at that time, so a process that dies mid-send frees its slot).
   * Without it the grant counts at its start time only.
   */
  holdMs?: number;
}

/**
 * Where the rate-limit state lives. Asynchronous so that a shared store (Redis) can implement it;
 * the in-memory store is the default.
 */
export interface RateLimitStore {
  /**
   * Takes one grant of the per-account limit (R5) for `appId`: at most `perSecond` grants in any interval of
   * `windowMs` (default 1000), a held grant counting as now until it finishes, or says how long to wait. One
   * atomic step (one round trip for a shared store).
   */
  acquireAccount(
    appId: string,
    perSecond: number,
    windowMs?: number,
    options?: AccountGrantOptions,
  ): Promise<RateLimitDecision>;
  /**
   * Marks a held per-account grant finished now: it keeps its slot for one more window from this moment (R5),
   * since the service may have counted the message at any time up to its reply.
   */
  finishAccount?(appId: string, grant: string, windowMs: number): Promise<void>;
  /** Records one message from `sender` to each recipient within the hour window (R6), or refuses all of them. */
  acquireRecipients(
    sender: string,
    recipients: readonly string[],
    perHour: number,
    windowMs: number,
  ): Promise<RateLimitDecision>;
  /**
   * Gives back the per-recipient slots (R6) of the grant `grant` of `acquireRecipients`: for a message that never
   * reached its final dot, so the service cannot have counted it. Never after an unknown outcome.
   */
  release?(sender: string, recipients: readonly string[], grant: string): Promise<void>;
  /** Releases resources (connections, timers). */
  close?(): Promise<void>;
}

/**
 * When the service counts a message toward its 20 a second (R5), as the client assumes. `'transaction'` (the
 * default, safe whatever the service does): anywhere from the start of the send to its reply, so a grant is
 * taken before the connection is used and held until a window after the reply. `'data-end'`: between the final
 * dot and the reply, so the grant is taken just before the last bytes of the message leave, and a long upload or
 * a slow handshake holds no slot. See the README's "Rate limits".
 */
export type RateLimitCountAt = 'transaction' | 'data-end';

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
   * The interval in which at most `perSecond` sends start, at least 1000. Default 1000 with the in-memory store
   * and with a given `store` that holds grants until the reply (`finishAccount`, as `@qcloudmail/redis` does),
   * which see every send of the account until its reply; 1050 with a store that cannot, where the margin absorbs
   * the delay between another process's send starting and the service counting it.
   */
  accountWindowMs?: number;
  /** When the service is assumed to count a message (R5). Default `'transaction'`, the safe one. */
  countAt?: RateLimitCountAt;
}
