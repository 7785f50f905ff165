// R6 slots given back: a send whose final dot never left gives its recipient's hourly slot back; one whose
// outcome is unknown keeps it, since the service may have counted it. Against the emulator over TLS.
import { rejection } from '@qcloudmail/test-helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from './helpers.js';

describe('per-recipient hourly slots (R6) after a failed send', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('are given back when the send failed before its final dot', async () => {
    h = await harness({ retry: false, rateLimit: { perHourPerRecipient: 1 } });
    h.emulator.faults.add({ type: 'reject-connection' });
    const refused = await rejection(
      h.client.send({ from: h.clientOptions.auth.user, to: 'r@example.org', subject: 'Quota', text: 'a' }),
    );
    expect(refused.code).not.toBe('OUTCOME_UNKNOWN');
    expect(refused.code).not.toBe('RATE_LIMIT');
    // The only slot of the hour is free again: this one goes out.
    const sent = await h.client.send({
      from: h.clientOptions.auth.user,
      to: 'r@example.org',
      subject: 'Quota',
      text: 'b',
    });
    expect(sent.accepted).toEqual(['r@example.org']);
    expect(h.emulator.stats.accepted).toBe(1);
  });

  it('are given back when the send never left the queue (aborted while waiting)', async () => {
    h = await harness({ retry: false, rateLimit: { perHourPerRecipient: 1, perSecond: 1 } });
    const from = h.clientOptions.auth.user;
    await h.client.send({ from, to: 'first@example.org', subject: 'Quota', text: 'a' });
    // Waits for the account's next second (R5): aborted meanwhile, it never reaches the wire.
    const controller = new AbortController();
    const waiting = h.client.send(
      { from, to: 'q@example.org', subject: 'Quota', text: 'b' },
      { signal: controller.signal },
    );
    // Long enough to have taken its hourly slot and to be waiting for the second (1 s away).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.client.stats().queued).toBe(1);
    controller.abort();
    expect((await rejection(waiting)).code).toBe('ABORTED');
    const sent = await h.client.send({ from, to: 'q@example.org', subject: 'Quota', text: 'c' });
    expect(sent.accepted).toEqual(['q@example.org']);
  });

  it('are kept after an unknown outcome: the service may have counted the message', async () => {
    h = await harness({ retry: false, rateLimit: { perHourPerRecipient: 1 } });
    h.emulator.faults.add({ type: 'drop-after-data' });
    const from = h.clientOptions.auth.user;
    const unknown = await rejection(h.client.send({ from, to: 'u@example.org', subject: 'Quota', text: 'a' }));
    expect(unknown.code).toBe('OUTCOME_UNKNOWN');
    const refused = await rejection(h.client.send({ from, to: 'u@example.org', subject: 'Quota', text: 'b' }));
    expect(refused).toMatchObject({ code: 'RATE_LIMIT', rule: 'R6' });
    // The emulator stored the dropped message as accepted: the service's worst case, one copy.
    expect(h.emulator.stats.accepted).toBe(1);
  });
});
