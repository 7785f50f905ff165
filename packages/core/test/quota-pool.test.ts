// The pool follows the latency (issue 19): with default options it opens more connections when the service
// answers late, no more than the quota needs, closes them when idle, and a short burst at 300 ms gets no
// rate-limit reply whether the service counts a message at its final dot or at its reply (R5).
import { clientOptions, type Emulator, startTestEmulator } from '@qcloudmail/test-helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailLogRecord } from '../src/client/types.js';

const burst = (client: MailClient, from: string, tag: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, index) =>
      client.send({ from, to: `${tag}${index}@example.org`, subject: 'Quota', text: tag }),
    ),
  );

describe('the pool under latency', () => {
  let emulator: Emulator | undefined;
  let client: MailClient | undefined;
  afterEach(async () => {
    await client?.close({ timeoutMs: 2000 });
    await emulator?.close();
    client = undefined;
    emulator = undefined;
  });

  it('grows when replies come late, closes when idle, and starts small again when they come at once', async () => {
    emulator = await startTestEmulator({ httpPort: false, latency: { perReplyMs: 0, endOfDataMs: 300 } });
    const logs: MailLogRecord[] = [];
    const options = clientOptions(emulator, { pool: { idleTimeoutMs: 200 }, logger: (record) => logs.push(record) });
    client = createMailClient(options);
    const from = options.auth.user;
    await burst(client, from, 'slow', 40);
    const slow = emulator.stats.connections;
    // Two connections (the old fixed pool) would carry 40 replies 300 ms late at under 7 a second; the quota
    // at this latency (about 15 a second) needs about six on the wire.
    expect(slow).toBeGreaterThan(2);
    expect(slow).toBeLessThanOrEqual(10);
    emulator.setLatency(0);
    await expect.poll(() => logs.some((record) => record.message === 'pool closed after idling')).toBe(true);
    const idleAt = logs.length;
    await burst(client, from, 'fast', 40);
    // It stayed open while sends waited for the next second (R5): not idle, only waiting.
    expect(logs.slice(idleAt).some((record) => record.message === 'pool closed after idling')).toBe(false);
    // Replies at once: 20 a second needs about one connection busy at a time, so the pool, started small again,
    // opens fewer than the late replies needed (how many fewer depends on how busy this machine is).
    expect(emulator.stats.connections - slow).toBeLessThan(slow);
    expect(emulator.stats.rateLimited).toBe(0);
  });

  it.each(['data-end', 'reply'] as const)(
    'sends a burst at 300 ms with defaults without one rate-limit reply, the service counting at %s (R5)',
    async (countAt) => {
      emulator = await startTestEmulator({ httpPort: false, latencyMs: 300, rateLimit: { countAt } });
      const options = clientOptions(emulator);
      client = createMailClient(options);
      const sent = await burst(client, options.auth.user, countAt, 30);
      expect(sent).toHaveLength(30);
      expect(emulator.stats.rateLimited).toBe(0);
      expect(emulator.stats.accepted).toBe(30);
    },
  );
});
