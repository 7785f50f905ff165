import { type Clock, systemClock } from '@qcloudmail/core';

/** A real-time clock whose sleeps last at most `capMs`, recording what was asked: retry waits without waiting. */
export interface RecordingClock extends Clock {
  /** Every sleep asked for, in milliseconds. */
  readonly requested: number[];
}

/** Creates a `RecordingClock`; only for tests where the rate limiter never has to wait. */
export function recordingClock(capMs = 10): RecordingClock {
  const requested: number[] = [];
  return {
    requested,
    now: () => systemClock.now(),
    sleep(ms, signal) {
      requested.push(ms);
      return systemClock.sleep(Math.min(ms, capMs), signal);
    },
  };
}
