// rateLimit.countAt 'data-end': the account's grant (R5) is taken just before the last bytes of the upload, so a
// send waits for it on its connection, mid-DATA, instead of in the queue; its final dot never leaves without it.
import { clientOptions, type Emulator, startTestEmulator } from '@qcloudmail/test-helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailClientOptions } from '../src/client/types.js';

describe("rateLimit.countAt: 'data-end'", () => {
  let emulator: Emulator | undefined;
  let client: MailClient | undefined;
  afterEach(async () => {
    await client?.close({ timeoutMs: 2000 });
    await emulator?.close();
    client = undefined;
    emulator = undefined;
  });

  const start = async (countAt: 'transaction' | 'data-end'): Promise<MailClientOptions> => {
    emulator = await startTestEmulator({ httpPort: false, rateLimit: { countAt: 'reply' } });
    const options = clientOptions(emulator, { rateLimit: { perSecond: 1, countAt } });
    client = createMailClient(options);
    return options;
  };

  it.each(['data-end', 'transaction'] as const)(
    'keeps a second send a window after the first reply (%s), waiting on the wire or in the queue',
    async (countAt) => {
      const { auth } = await start(countAt);
      const sends = ['a', 'b'].map((to) =>
        client?.send({ from: auth.user, to: `${to}@example.org`, subject: 'Quota', text: to }),
      );
      const [first, second] = await Promise.all(sends);
      const stored = emulator?.messages ?? [];
      const at = (to: string) => stored.find((message) => message.envelope.to[0] === to);
      const firstReply = at('a@example.org')?.repliedAt?.getTime() ?? Number.NaN;
      const secondDot = at('b@example.org')?.dataEndAt.getTime() ?? Number.NaN;
      // Whatever the assumption, the second final dot comes a whole window after the first reply (R5).
      expect(secondDot - firstReply).toBeGreaterThanOrEqual(990);
      expect(emulator?.stats.rateLimited).toBe(0);
      const [early, late] = [first, second].sort((x, y) => (x?.timings.queuedMs ?? 0) - (y?.timings.queuedMs ?? 0));
      expect(early?.timings.queuedMs).toBeLessThan(500);
      // Under 'data-end' the wait happened on the connection, before the last bytes; otherwise in the queue.
      if (countAt === 'data-end') expect(late?.timings.queuedMs).toBeLessThan(500);
      else expect(late?.timings.queuedMs).toBeGreaterThanOrEqual(900);
    },
  );

  it('delivers a large message whole after holding its last bytes', async () => {
    const { auth } = await start('data-end');
    await client?.send({ from: auth.user, to: 'first@example.org', subject: 'Quota', text: 'first' });
    const content = Buffer.alloc(3 * 1024 * 1024, 7);
    const sent = await client?.send({
      from: auth.user,
      to: 'big@example.org',
      subject: 'Quota',
      text: 'attached',
      attachments: [{ filename: 'data.pdf', content }],
    });
    const stored = emulator?.messages.find((message) => message.envelope.to[0] === 'big@example.org');
    expect(stored?.size).toBe(sent?.size);
    expect(emulator?.stats.accepted).toBe(2);
  });

  it('ends with ABORTED, nothing sent, when aborted while its last bytes wait for the grant', async () => {
    const { auth } = await start('data-end');
    await client?.send({ from: auth.user, to: 'first@example.org', subject: 'Quota', text: 'first' });
    const controller = new AbortController();
    const sending = new Promise<void>((resolve) => client?.on('sending', () => resolve()));
    const held = client?.send(
      { from: auth.user, to: 'held@example.org', subject: 'Quota', text: 'held' },
      { signal: controller.signal },
    );
    await sending;
    // Its connection is in DATA by now, its last bytes waiting for the next second's grant.
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await expect(held).rejects.toMatchObject({ code: 'ABORTED' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(emulator?.stats.accepted).toBe(1);
  });
});
