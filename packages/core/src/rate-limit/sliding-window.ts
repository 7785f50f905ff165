/**
 * A sliding-window log: the times of the last grants under one key, in order. Unlike a token bucket, it never
 * lets more than `limit` grants fall into ANY interval of `windowMs`, whatever the alignment of the service's own
 * window (R5, R6), which is unknown. A grant may carry an id, so that it can later be moved (a held grant that
 * finished) or removed (a slot given back); a held grant sits at a future time until then.
 */
export class SlidingWindowLog {
  readonly #times: number[] = [];
  readonly #ids: Array<string | undefined> = [];

  /** Grants in the window ending at `now`. */
  count(now: number, windowMs: number): number {
    this.#prune(now, windowMs);
    return this.#times.length;
  }

  /** Milliseconds until a grant is possible at `now`; 0 when one is possible now. */
  waitMs(now: number, limit: number, windowMs: number): number {
    this.#prune(now, windowMs);
    if (this.#times.length < limit) return 0;
    // The grant that must leave the window is the limit-th most recent one.
    const blocking = this.#times[this.#times.length - limit] ?? now;
    return Math.max(1, blocking + windowMs - now);
  }

  /** True when the grant that blocks a new one at `now` is held (in the future): only its finish frees it. */
  blockedByHeld(now: number, limit: number, windowMs: number): boolean {
    this.#prune(now, windowMs);
    if (this.#times.length < limit) return false;
    return (this.#times[this.#times.length - limit] ?? now) > now;
  }

  /**
   * Like `waitMs`, with `pending` grants counted as happening now (they have started and not finished).
   * Returns -1 when only a pending grant finishing can make room.
   */
  waitMsWithPending(now: number, limit: number, windowMs: number, pending: number): number {
    this.#prune(now, windowMs);
    const excess = this.#times.length + pending - limit + 1;
    if (excess <= 0) return 0;
    if (excess > this.#times.length) return -1;
    const blocking = this.#times[excess - 1] ?? now;
    return Math.max(1, blocking + windowMs - now);
  }

  /** Records a grant at `time` (now, or later for a held grant), under `id` when given. */
  record(time: number, id?: string): void {
    // Grants mostly come in order: search from the end.
    let index = this.#times.length;
    while (index > 0 && (this.#times[index - 1] ?? 0) > time) index -= 1;
    this.#times.splice(index, 0, time);
    this.#ids.splice(index, 0, id);
  }

  /** Moves the grant `id` to `time`; a grant already gone is recorded again, which errs on the safe side. */
  move(id: string, time: number): void {
    this.remove(id);
    this.record(time, id);
  }

  /** Forgets the grant `id`; true when it was there. */
  remove(id: string): boolean {
    const index = this.#ids.indexOf(id);
    if (index === -1) return false;
    this.#times.splice(index, 1);
    this.#ids.splice(index, 1);
    return true;
  }

  /** True when no grant is left in the window, so that the key can be forgotten. */
  isEmpty(now: number, windowMs: number): boolean {
    return this.count(now, windowMs) === 0;
  }

  #prune(now: number, windowMs: number): void {
    // The window is (now - windowMs, now]: a grant exactly windowMs ago no longer counts.
    let drop = 0;
    while (drop < this.#times.length && (this.#times[drop] ?? 0) + windowMs <= now) drop += 1;
    if (drop > 0) {
      this.#times.splice(0, drop);
      this.#ids.splice(0, drop);
    }
  }
}
