import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBounceRoundTrip } from './bounce-round-trip.js';
import { startEmulatorTarget } from './emulator-target.js';
import { EVENTS_PATH, startEventsExpressApp } from './events-express-app.js';
import { startEventsNestApp } from './events-nest-app.js';
import { postJson } from './http-app.js';
import { createPrinter, outputTo } from './print.js';
import { sampleMessageJson } from './sample-message.js';
import { createSuppressionRecorder } from './suppression-recorder.js';
import type { DemoTarget } from './target.js';

const SECRET = 'demo-secret-0123456789abcdef';

function capture() {
  const chunks: string[] = [];
  return {
    printer: createPrinter(outputTo({ write: (chunk: string) => chunks.push(chunk) > 0 })),
    text: () => chunks.join(''),
  };
}

// The provider's 2025 example (R29), addressed to `email`.
const bounce = (email: string) => ({
  event: 'bounce',
  email,
  bulkId: 'qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1',
  timestamp: 1654064683,
  reason: '551 5.1.1 recipient is not exist',
  bounceType: 'hard_bounce',
  username: '251200670',
  from: 'noreply@mail.example.com',
  messageId: 'ea2783c1-7704-48a8-af36-2b9e83e767ec@mail.example.com',
});

describe('the bounce round trip: emulator → callback route → suppression list → next send refused', () => {
  let target: DemoTarget;
  beforeAll(async () => {
    target = await startEmulatorTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('bounces through the Express and the NestJS routes, and each app refuses the next send before the network', async () => {
    const { printer, text } = capture();
    const results = await runBounceRoundTrip(printer, target);
    expect(results).toEqual([
      expect.objectContaining({ app: 'Express', ok: true }),
      expect.objectContaining({ app: 'NestJS', ok: true }),
    ]);
    // One message per app reached the emulator: the refused second sends never did.
    const bounced = target.emulator?.messages.filter((message) => message.envelope.to[0]?.startsWith('bounce+hard+'));
    expect(bounced?.map((message) => message.envelope.to[0])).toEqual([
      'bounce+hard+express@example.org',
      'bounce+hard+nestjs@example.org',
    ]);
    expect(bounced?.map((message) => message.events.map((event) => `${event.event}:${event.status}`))).toEqual([
      ['bounce:posted'],
      ['bounce:posted'],
    ]);
    const output = text();
    expect(output).toMatch(/event +bounce \(hard\), 551 5\.1\.1 recipient is not exist/);
    expect(output).toMatch(/suppressed +bounce\+hard\+nestjs@example\.org: hard_bounce since /);
    expect(output).toMatch(/error +SUPPRESSED: /);
    expect(output).toContain('nothing was sent: the emulator received no new message');
    expect(output).toContain("(the send's)");
    expect(output).not.toContain(SECRET);
  });

  it('suppresses nothing for a callback without the token, and takes a repeated bounce once', async () => {
    for (const start of [startEventsExpressApp, startEventsNestApp]) {
      const recorder = createSuppressionRecorder();
      const app = await start(target.client, recorder, SECRET);
      try {
        const post = (token: string | null, body: unknown) =>
          fetch(`${app.url}/${EVENTS_PATH}${token === null ? '' : `?token=${token}`}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
        expect((await post(null, bounce('a@example.org'))).status).toBe(401);
        expect((await post('wrong-secret-0123456789', bounce('a@example.org'))).status).toBe(401);
        expect(await recorder.list.get('a@example.org')).toBeUndefined();
        expect((await post(SECRET, bounce('a@example.org'))).status).toBe(200);
        expect((await post(SECRET, bounce('a@example.org'))).status).toBe(200);
        const entry = await recorder.waitForEntry('a@example.org', 5000);
        expect(entry).toMatchObject({ address: 'a@example.org', reason: 'hard_bounce' });
        await expect.poll(() => recorder.events.length).toBe(2);
        // The list suppresses that address only: a send to another still goes out.
        const sent = await postJson(`${app.url}/send`, sampleMessageJson(target.from, 'fine@example.org', 'x'));
        expect(sent.status).toBe(202);
        const refused = await postJson(`${app.url}/send`, sampleMessageJson(target.from, 'A@example.org', 'x'));
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ error: { code: 'SUPPRESSED' } });
      } finally {
        await app.close();
      }
    }
  });
});
