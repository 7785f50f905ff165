/**
 * The exit statuses of the `qcloudmail` command. `TEMPORARY` is sysexits' EX_TEMPFAIL, the status sendmail
 * uses for "try again later", so that scripts can tell a retryable failure from a permanent one.
 */
export const EXIT_CODES = {
  /** Done: the message is clean, the reply explained, the message accepted (R15). */
  OK: 0,
  /** The message has issues (lint, validation) or the service refused it for good. */
  FAILED: 1,
  /** The command was called wrongly (unknown flag, missing argument, no credentials) or its input is unreadable. */
  USAGE: 2,
  /** The send failed for a reason that passes (rate limit, busy server, network): send again later (R24). */
  TEMPORARY: 75,
} as const;

/** One of the exit statuses of `EXIT_CODES`. */
export type CliExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
