import { sesEvent } from '@qcloudmail/test-helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SesEventKind } from '../events/types.js';
import { DEFAULT_SOFT_BOUNCE_TTL_MS, suppressionFromEvent } from './from-event.js';
import type { SuppressionPolicy } from './types.js';

const timestamp = new Date('2026-01-02T03:04:05Z');
const event = (kind: SesEventKind, extra: Parameters<typeof sesEvent>[0] | object = {}) =>
  sesEvent({ kind, recipient: 'r@example.com', timestamp, ...extra });

describe('suppressionFromEvent (R30)', () => {
  it('suppresses hard bounces, complaints, unsubscribes and drops for good by default', () => {
    expect(suppressionFromEvent(event('bounce', { bounceType: 'hard' }))).toEqual({
      address: 'r@example.com',
      reason: 'hard_bounce',
    });
    expect(suppressionFromEvent(event('spamreport'))?.reason).toBe('spamreport');
    expect(suppressionFromEvent(event('unsubscribe'))?.reason).toBe('unsubscribe');
    expect(suppressionFromEvent(event('dropped'))?.reason).toBe('dropped');
  });

  it('suppresses a soft bounce, and a bounce without bounceType, for 24 hours from the event', () => {
    const expiresAt = new Date(timestamp.getTime() + DEFAULT_SOFT_BOUNCE_TTL_MS);
    expect(suppressionFromEvent(event('bounce', { bounceType: 'soft' }))).toMatchObject({
      reason: 'soft_bounce',
      expiresAt,
    });
    expect(suppressionFromEvent(event('bounce'))).toMatchObject({ reason: 'soft_bounce', expiresAt });
  });

  it('keeps the message id and the reason, cut to 1,000 characters', () => {
    const input = suppressionFromEvent(event('dropped', { messageId: '<m@x.example>', reason: 'r'.repeat(5000) }));
    expect(input?.messageId).toBe('<m@x.example>');
    expect(input?.detail).toHaveLength(1000);
  });

  it('follows the policy: each kind can be turned off, soft bounces given a TTL or ignored', () => {
    const off: SuppressionPolicy = {
      hardBounce: false,
      spamreport: false,
      unsubscribe: false,
      dropped: false,
      softBounceTtlMs: false,
    };
    for (const kind of ['spamreport', 'unsubscribe', 'dropped', 'bounce'] as const) {
      expect(suppressionFromEvent(event(kind, { bounceType: 'hard' }), off)).toBeUndefined();
      expect(suppressionFromEvent(event(kind, { bounceType: 'soft' }), off)).toBeUndefined();
    }
    expect(
      suppressionFromEvent(event('bounce', { bounceType: 'soft' }), { softBounceTtlMs: 60_000 })?.expiresAt,
    ).toEqual(new Date(timestamp.getTime() + 60_000));
  });

  it('suppresses nothing for delivered, deferred, processed, open, click or an unknown event', () => {
    for (const kind of ['delivered', 'deferred', 'processed', 'open', 'click', 'unknown'] as const) {
      expect(suppressionFromEvent(event(kind))).toBeUndefined();
    }
  });

  it.each([
    [{ softBounceTtlMs: 0 }, 'softBounceTtlMs'],
    [{ softBounceTtlMs: 1.5 }, 'softBounceTtlMs'],
    [{ hardBounce: 'yes' }, 'hardBounce'],
  ])('refuses the policy %o with CONFIGURATION naming %s', (policy, name) => {
    expect(() => suppressionFromEvent(event('bounce'), policy as never)).toThrow(name);
  });

  it('only ever answers undefined or an input of the recipient, whatever the event', () => {
    const kinds: SesEventKind[] = [
      'processed',
      'delivered',
      'deferred',
      'dropped',
      'bounce',
      'open',
      'click',
      'spamreport',
      'unsubscribe',
      'unknown',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.option(fc.constantFrom('hard' as const, 'soft' as const), { nil: undefined }),
        (kind, bounceType) => {
          const input = suppressionFromEvent(event(kind, bounceType === undefined ? {} : { bounceType }));
          if (input === undefined) return;
          expect(input.address).toBe('r@example.com');
          expect(input.expiresAt === undefined).toBe(input.reason !== 'soft_bounce');
        },
      ),
    );
  });
});
