import { parseSesEvent } from '@qcloudmail/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEventView, Emulator, EmulatorCallbackOptions, EmulatorLogRecord } from '../src/index.js';
import { type CallbackReceiver, startReceiver } from './callback-receiver.js';
import { APP_ID, start, transport, USER } from './helpers.js';

const SECRET = 's3cret/with&odd=chars';

let receiver: CallbackReceiver;
const emulators: Emulator[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  receiver.received.length = 0;
  receiver.answers.length = 0;
});
afterAll(async () => {
  await receiver.close();
});

async function startWith(callbacks: EmulatorCallbackOptions, logs?: EmulatorLogRecord[]) {
  const emulator = await start({
    callbacks: { delayMs: 0, deferredMs: 0, retryDelayMs: 0, ...callbacks },
    ...(logs === undefined ? {} : { logger: (record) => logs.push(record) }),
  });
  emulators.push(emulator);
  return emulator;
}

function send(emulator: Emulator, to: string | string[], subject = 'Hello') {
  return transport(emulator).sendMail({
    from: `Sender <${USER}>`,
    to,
    subject,
    text: 'Plain body',
    html: '<p>Read <a href="https://example.org/report?id=1">the report</a></p>',
  });
}

async function timeline(emulator: Emulator, id: string): Promise<DeliveryEventView[]> {
  const response = await fetch(`${emulator.httpUrl}/api/messages/${id}/events`);
  return ((await response.json()) as { events: DeliveryEventView[] }).events;
}

// Polls the API until every event of the message has settled (no entry waiting, posting or retrying).
async function settled(emulator: Emulator, id: string, count: number): Promise<DeliveryEventView[]> {
  let events: DeliveryEventView[] = [];
  await expect
    .poll(async () => {
      events = await timeline(emulator, id);
      return (
        events.length === count && events.every((event) => ['posted', 'failed', 'unposted'].includes(event.status))
      );
    })
    .toBe(true);
  return events;
}

describe('delivery event callbacks (R26-R29)', () => {
  it('posts delivered by default, with the provider fields and the secret as ?token=', async () => {
    const emulator = await startWith({ url: `${receiver.url}?source=ses`, secret: SECRET });
    const info = await send(emulator, 'alice@example.org', '周报 weekly');
    const [callback] = await receiver.waitFor(1);
    const message = emulator.messages[0];
    expect(callback?.contentType).toBe('application/json');
    expect(callback?.url.pathname).toBe('/ses/events');
    expect(callback?.url.searchParams.get('source')).toBe('ses');
    expect(callback?.url.searchParams.get('token')).toBe(SECRET);
    const body = callback?.body ?? {};
    expect(body).toMatchObject({
      event: 'delivered',
      email: 'alice@example.org',
      reason: '',
      bounceType: '',
      username: APP_ID,
      from: USER,
      fromDomain: 'mail.example.com',
      messageId: info.messageId.slice(1, -1),
      eventid: 1,
      'X-Tencentcloudses-Cb-Custom': 'ses callback',
    });
    expect(String(body.bulkId)).toMatch(/^qcloudses-30-app-test-date-\d{14}-[\w-]{13}$/);
    expect(body.timestamp).toBeTypeOf('number');
    expect(body.sentTimestamp).toBe(Math.floor((message?.receivedAt.getTime() ?? 0) / 1000));
    // Not ASCII: sent as encoded words, which decode to the subject.
    expect(String(body.subject)).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(body).not.toHaveProperty('link');
    // Core's parser reads it as the application would: the subject decoded, the messageId as send() returned it.
    expect(parseSesEvent(body)).toMatchObject({
      kind: 'delivered',
      recipient: 'alice@example.org',
      messageId: info.messageId,
      subject: '周报 weekly',
      appId: APP_ID,
      eventId: 1,
      sentAt: new Date((body.sentTimestamp as number) * 1000),
      extra: { 'X-Tencentcloudses-Cb-Custom': 'ses callback' },
    });
    const [entry] = await settled(emulator, message?.id ?? '', 1);
    expect(entry).toMatchObject({
      id: `${message?.id}.1`,
      event: 'delivered',
      recipient: 'alice@example.org',
      origin: 'automatic',
      status: 'posted',
      url: `${receiver.url}?source=ses`,
      payload: body,
      attempts: [{ status: 200 }],
    });
    // The secret stays out of what the API shows.
    expect(JSON.stringify(await timeline(emulator, message?.id ?? ''))).not.toContain('s3cret');
  });

  it('bounces, drops and defers by the recipient address, one chain of events per recipient', async () => {
    const emulator = await startWith({ url: receiver.url });
    const to = [
      'bounce+hard@example.org',
      'Bounce+Soft+bob@example.org',
      'bounce@example.org',
      'dropped@example.org',
      'drop+x@example.org',
      'deferred+later@example.org',
      'carol@example.org',
    ];
    await send(emulator, to);
    const all = await receiver.waitFor(8);
    const about = (email: string) => all.filter((callback) => callback.body.email === email).map((c) => c.body);
    expect(about('bounce+hard@example.org')).toEqual([
      expect.objectContaining({
        event: 'bounce',
        bounceType: 'hard_bounce',
        reason: '551 5.1.1 recipient is not exist',
        eventid: 3,
      }),
    ]);
    expect(about('Bounce+Soft+bob@example.org')).toEqual([
      expect.objectContaining({ event: 'bounce', bounceType: 'soft_bounce', eventid: 3 }),
    ]);
    expect(about('bounce@example.org')).toEqual([expect.objectContaining({ bounceType: 'hard_bounce' })]);
    expect(about('dropped@example.org')).toEqual([expect.objectContaining({ event: 'dropped', eventid: 2 })]);
    expect(about('drop+x@example.org')).toEqual([expect.objectContaining({ event: 'dropped' })]);
    expect(about('deferred+later@example.org').map((body) => [body.event, body.eventid])).toEqual([
      ['deferred', 8],
      ['delivered', 1],
    ]);
    expect(about('carol@example.org').map((body) => body.event)).toEqual(['delivered']);
    expect(parseSesEvent(about('Bounce+Soft+bob@example.org')[0])).toMatchObject({
      kind: 'bounce',
      bounceType: 'soft',
    });
    expect(parseSesEvent(about('dropped@example.org')[0])).toMatchObject({ kind: 'dropped', eventId: 2 });
    // Every event of one message carries the same bulkId and messageId.
    expect(new Set(all.map((callback) => callback.body.bulkId)).size).toBe(1);
    expect(new Set(all.map((callback) => callback.body.messageId)).size).toBe(1);
  });

  it('posts processed first when asked', async () => {
    const emulator = await startWith({ url: receiver.url, processed: true });
    await send(emulator, 'bounce@example.org');
    const all = await receiver.waitFor(2);
    expect(all.map((callback) => callback.body.event)).toEqual(['processed', 'bounce']);
    expect(all[0]?.body).not.toHaveProperty('eventid');
  });

  it('retries an answer other than 2xx with backoff, and gives up after the bounded attempts', async () => {
    const logs: EmulatorLogRecord[] = [];
    const emulator = await startWith({ url: receiver.url, attempts: 3 }, logs);
    receiver.answers.push(500, 503);
    await send(emulator, 'retry@example.org');
    const [retried] = await settled(emulator, emulator.messages[0]?.id ?? '', 1);
    expect(retried?.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(retried?.status).toBe('posted');
    expect(receiver.received).toHaveLength(3);

    receiver.answers.push(500, 500, 500, 500);
    await send(emulator, 'give-up@example.org');
    const [failed] = await settled(emulator, emulator.messages[1]?.id ?? '', 1);
    expect(failed?.status).toBe('failed');
    expect(failed?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
    expect(receiver.received).toHaveLength(6);
    expect(logs.some((record) => record.level === 'warn' && record.message.includes('failed after 3 attempts'))).toBe(
      true,
    );
    expect(JSON.stringify(logs)).not.toContain('token=');
  });

  it('counts a refused connection as a failed attempt and names the cause', async () => {
    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    const emulator = await startWith({ url, attempts: 2 });
    await send(emulator, 'nobody-home@example.org');
    const [failed] = await settled(emulator, emulator.messages[0]?.id ?? '', 1);
    expect(failed?.status).toBe('failed');
    expect(failed?.attempts).toEqual([
      expect.objectContaining({ status: null, error: 'ECONNREFUSED' }),
      expect.objectContaining({ status: null, error: 'ECONNREFUSED' }),
    ]);
  });

  it('sends a sender-level address for its sender, the account-level one for the others', async () => {
    const other = await startReceiver('/per-sender');
    try {
      const emulator = await start({
        accounts: [
          {
            appId: 'app-a',
            senders: [
              { user: USER, pass: 'p1' },
              { user: 'second@mail.example.com', pass: 'p2' },
            ],
          },
          { appId: 'app-b', senders: [{ user: 'third@mail.example.com', pass: 'p3' }] },
        ],
        callbacks: {
          delayMs: 0,
          accounts: { 'app-a': receiver.url },
          senders: { 'SECOND@mail.example.com': other.url },
        },
      });
      emulators.push(emulator);
      const mail = (user: string, pass: string) =>
        transport(emulator, { user, pass }).sendMail({
          from: user,
          to: 'dave@example.org',
          subject: 'Hi',
          text: 'Hi',
          html: '<p>Hi</p>',
        });
      await mail(USER, 'p1');
      await mail('second@mail.example.com', 'p2');
      await mail('third@mail.example.com', 'p3');
      expect((await receiver.waitFor(1)).map((callback) => callback.body.from)).toEqual([USER]);
      expect((await other.waitFor(1)).map((callback) => callback.body.from)).toEqual(['second@mail.example.com']);
      // app-b has no address of its own and there is no `url` for every account: kept, not posted.
      const third = emulator.messages.find((message) => message.user === 'third@mail.example.com');
      const [unposted] = await settled(emulator, third?.id ?? '', 1);
      expect(unposted).toMatchObject({ status: 'unposted', url: null, attempts: [] });
      expect(unposted?.payload).toMatchObject({ event: 'delivered', username: 'app-b' });
      expect(receiver.received).toHaveLength(1);
      expect(other.received).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('keeps the timeline without posting when no address is configured', async () => {
    const emulator = await start();
    emulators.push(emulator);
    await send(emulator, 'deferred@example.org');
    const events = await settled(emulator, emulator.messages[0]?.id ?? '', 2);
    expect(events.map((event) => [event.event, event.status])).toEqual([
      ['deferred', 'unposted'],
      ['delivered', 'unposted'],
    ]);
    const detail = (await (await fetch(`${emulator.httpUrl}/api/messages/${emulator.messages[0]?.id}`)).json()) as {
      events: DeliveryEventView[];
    };
    expect(detail.events).toHaveLength(2);
  });

  it('takes new callback options at run time, for a receiver that starts after it', async () => {
    const emulator = await start();
    emulators.push(emulator);
    await send(emulator, 'before@example.org');
    expect(() => emulator.setCallbacks({ url: 'http://127.0.0.1:1234/', strictPorts: true })).toThrow(/port 1234/);
    emulator.setCallbacks({ url: receiver.url, secret: 'later', delayMs: 0 });
    await send(emulator, 'after@example.org');
    const [callback] = await receiver.waitFor(1);
    expect(callback?.body.email).toBe('after@example.org');
    expect(callback?.url.searchParams.get('token')).toBe('later');
    const [before] = await settled(emulator, emulator.messages[0]?.id ?? '', 1);
    expect(before?.status).toBe('unposted');
    emulator.setCallbacks(undefined);
    await send(emulator, 'unset@example.org');
    const [unset] = await settled(emulator, emulator.messages[2]?.id ?? '', 1);
    expect(unset?.status).toBe('unposted');
    expect(receiver.received).toHaveLength(1);
  });

  it('cancels events not yet posted when the emulator closes', async () => {
    const emulator = await start({ callbacks: { url: receiver.url, delayMs: 600_000 } });
    await send(emulator, 'late@example.org');
    const [message] = emulator.messages;
    expect(message?.events.map((event) => event.status)).toEqual(['scheduled']);
    await emulator.close();
    expect(message?.events.map((event) => event.status)).toEqual(['cancelled']);
    expect(receiver.received).toHaveLength(0);
  });
});
