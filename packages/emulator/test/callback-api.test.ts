import { parseSesEvent } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEventView, Emulator } from '../src/index.js';
import { type CallbackReceiver, startReceiver } from './callback-receiver.js';
import { mime, sendRaw, start, transport, USER } from './helpers.js';

let receiver: CallbackReceiver;
let emulator: Emulator;
beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await start({ callbacks: { url: receiver.url, delayMs: 0 } });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

function post(path: string, body: unknown, type = 'application/json') {
  return fetch(`${emulator.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });
}

async function sendTo(to: string[]): Promise<string> {
  const before = emulator.messages.length;
  await transport(emulator).sendMail({
    from: USER,
    to,
    subject: 'Engagement',
    text: 'Read it',
    html: '<p><a href="https://example.org/read">Read</a> or <a href="https://example.org/unsubscribe">unsubscribe</a></p>',
  });
  return emulator.messages[before]?.id ?? '';
}

describe('on-demand events: POST /api/messages/:id/events (R28)', () => {
  it('posts open, click, unsubscribe and spamreport for a recipient, and lists them in the timeline', async () => {
    const id = await sendTo(['reader@example.org', 'other@example.org']);
    await receiver.waitFor(2);
    // Each waits for its callback, so that they arrive in order (posts of separate events run side by side).
    const open = await post(`/api/messages/${id}/events`, { event: 'open', recipient: 'READER@example.org' });
    expect(open.status).toBe(202);
    expect(await open.json()).toMatchObject({ event: 'open', recipient: 'reader@example.org', origin: 'on-demand' });
    await receiver.waitFor(3);
    await post(`/api/messages/${id}/events`, { event: 'click', recipient: 'reader@example.org' });
    await receiver.waitFor(4);
    await post(`/api/messages/${id}/events`, {
      event: 'click',
      recipient: 'reader@example.org',
      link: 'https://example.org/other',
      userAgent: 'TestMail/1.0',
    });
    await receiver.waitFor(5);
    emulator.triggerEvent(id, { event: 'unsubscribe', recipient: 'other@example.org' });
    await receiver.waitFor(6);
    emulator.triggerEvent(id, { event: 'spamreport', recipient: 'other@example.org' });
    const all = await receiver.waitFor(7);
    const demanded = all.slice(2).map((callback) => callback.body);
    expect(demanded.map((body) => [body.event, body.email, body.eventid])).toEqual([
      ['open', 'reader@example.org', 4],
      ['click', 'reader@example.org', 5],
      ['click', 'reader@example.org', 5],
      ['unsubscribe', 'other@example.org', 7],
      ['spamreport', 'other@example.org', 6],
    ]);
    expect(demanded.map((body) => parseSesEvent(body).kind)).toEqual([
      'open',
      'click',
      'click',
      'unsubscribe',
      'spamreport',
    ]);
    expect(parseSesEvent(demanded[2])).toMatchObject({ link: 'https://example.org/other', userAgent: 'TestMail/1.0' });
    expect(demanded[0]).toMatchObject({ useragent: 'Mozilla/5.0 (qcloudmail emulator)' });
    expect(demanded[0]).not.toHaveProperty('link');
    // A click without a link takes the first link of the HTML body.
    expect(demanded[1]).toMatchObject({ link: 'https://example.org/read' });
    expect(demanded[2]).toMatchObject({ link: 'https://example.org/other', useragent: 'TestMail/1.0' });
    expect(demanded[3]).not.toHaveProperty('useragent');
    await expect
      .poll(async () => {
        const response = await fetch(`${emulator.httpUrl}/api/messages/${id}/events`);
        const { events } = (await response.json()) as { events: DeliveryEventView[] };
        return events.map((event) => `${event.event}:${event.status}`);
      })
      .toEqual([
        'delivered:posted',
        'delivered:posted',
        'open:posted',
        'click:posted',
        'click:posted',
        'unsubscribe:posted',
        'spamreport:posted',
      ]);
  });

  it('refuses bad requests with the field and the rule, and unknown messages with 404', async () => {
    const id = await sendTo(['one@example.org', 'two@example.org']);
    const refuse = async (body: unknown, status: number, message: RegExp, type?: string) => {
      const response = await post(`/api/messages/${id}/events`, body, type);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await refuse({ event: 'delivered', recipient: 'one@example.org' }, 400, /^event: .*open, click.*\(R28\)/);
    await refuse({ event: 'open' }, 400, /^recipient: is required when the message has several/);
    await refuse({ event: 'open', recipient: 'stranger@example.org' }, 400, /^recipient: is not a recipient/);
    await refuse({ event: 'open', recipient: 'one@example.org', link: 'https://x' }, 400, /^link: belongs to click/);
    await refuse({ event: 'unsubscribe', recipient: 'one@example.org', userAgent: 'x' }, 400, /^userAgent:/);
    await refuse({ event: 'open', recipient: 'one@example.org', extra: 1 }, 400, /^extra: is not a field/);
    await refuse({ event: 'click', recipient: 'one@example.org', link: '' }, 400, /^link: must be a non-empty/);
    await refuse(['open'], 400, /^body: must be a JSON object/);
    await refuse({ event: 'open', recipient: 'one@example.org' }, 400, /Content-Type: application\/json/, 'text/plain');
    const missing = await post('/api/messages/999999/events', { event: 'open' });
    expect(missing.status).toBe(404);
    const put = await fetch(`${emulator.httpUrl}/api/messages/${id}/events`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(() => emulator.triggerEvent('999999', { event: 'open' })).toThrow(/No message 999999/);
  });

  it('gives a refused message no events, and refuses to add any (409)', async () => {
    const reply = await sendRaw(emulator, mime({ headers: { Cc: undefined, From: 'someone-else@example.com' } }));
    expect(reply.code).toBe(554);
    const refused = emulator.refused.at(-1);
    expect(refused?.events).toEqual([]);
    const response = await post(`/api/messages/${refused?.id}/events`, { event: 'open' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/refused.*R15/);
  });

  it('keeps at most 500 events per message, refusing more on-demand ones (409)', async () => {
    const id = await sendTo(['busy@example.org']);
    for (let n = 1; n < 500; n += 1) emulator.triggerEvent(id, { event: 'open' });
    expect(() => emulator.triggerEvent(id, { event: 'open' })).toThrow(/has 500 events, the most one message keeps/);
    const response = await post(`/api/messages/${id}/events`, { event: 'open' });
    expect(response.status).toBe(409);
    // Let the posts finish before the next test reads the stream.
    const message = emulator.messages.find((entry) => entry.id === id);
    await expect
      .poll(() => message?.events.every((event) => event.status === 'posted'), { timeout: 20_000 })
      .toBe(true);
  });

  it('announces timeline changes on the event stream', async () => {
    const abort = new AbortController();
    const response = await fetch(`${emulator.httpUrl}/api/events`, { signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    const id = await sendTo(['stream@example.org']);
    let text = '';
    while (!text.includes(`event: timeline\ndata: {"id":"${id}"}`)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += chunk.value;
    }
    abort.abort();
    expect(text).toContain(`event: timeline\ndata: {"id":"${id}"}`);
  });
});
