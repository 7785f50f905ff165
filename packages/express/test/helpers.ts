import { message as baseMessage, recipient } from '@qcloudmail/test-helpers';
import express from 'express';
import express4 from 'express4';

/** Both supported majors of Express; every suite runs against each. */
export const frameworks = [
  ['express 5', express],
  ['express 4', express4],
] as const;

export type ExpressFactory = typeof express;

/** A valid message to a fresh recipient, so that no test meets another's per-recipient limit (R6). */
export function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return baseMessage(recipient(), extra);
}
