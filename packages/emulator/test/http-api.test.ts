import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, MessageDetail, MessageSummary } from '../src/index.js';
import { mime, sendRaw, start, transport, USER } from './helpers.js';

let emulator: Emulator;
let api: string;
beforeAll(async () => {
  emulator = await start();
  api = `${emulator.httpUrl}/api`;
  await transport(emulator).sendMail({
    from: USER,
    to: 'first@example.org',
    subject: 'With attachment',
    text: 'Hello',
    attachments: [{ filename: 'notes.txt', content: 'attachment body', contentType: 'text/plain' }],
  });
  await sendRaw(emulator, mime({ headers: { Subject: undefined } }));
});
afterAll(async () => {
  await emulator.close();
});

const json = async <T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${api}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
};

describe('the HTTP API', () => {
  it('lists messages newest first, accepted and refused, filterable by status', async () => {
    const { status, body } = await json<{ messages: MessageSummary[] }>('/messages');
    expect(status).toBe(200);
    expect(body.messages.map((m) => m.status)).toEqual(['refused', 'accepted']);
    expect(body.messages[1]).toMatchObject({
      subject: 'With attachment',
      to: ['first@example.org'],
      attachments: 1,
      from: USER,
    });
    expect(body.messages[0]?.reply).toMatch(/^554 /);
    const accepted = await json<{ messages: MessageSummary[] }>('/messages?status=accepted');
    expect(accepted.body.messages).toHaveLength(1);
  });

  it('shows one message with its parsed view and verdict, and 404 for an unknown id', async () => {
    const id = emulator.messages[0]?.id ?? '';
    const { status, body } = await json<MessageDetail>(`/messages/${id}`);
    expect(status).toBe(200);
    expect(body.parsed.text?.trim()).toBe('Hello');
    expect(body.parsed.attachments[0]).toMatchObject({
      filename: 'notes.txt',
      size: 15,
      url: `/api/messages/${id}/attachments/0`,
    });
    expect(body.verdict).toMatchObject({ accepted: true, reason: 'accepted' });
    expect(body.rawUrl).toBe(`/api/messages/${id}/raw`);
    expect((await json(`/messages/9999`)).status).toBe(404);
  });

  it('serves the raw message as message/rfc822 and attachments as downloads', async () => {
    const message = emulator.messages[0];
    const raw = await fetch(`${emulator.httpUrl}/api/messages/${message?.id}/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await raw.arrayBuffer()).equals(message?.raw ?? Buffer.alloc(0))).toBe(true);
    const attachment = await fetch(`${api}/messages/${message?.id}/attachments/0`);
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="notes.txt"');
    expect(await attachment.text()).toBe('attachment body');
    expect((await fetch(`${api}/messages/${message?.id}/attachments/5`)).status).toBe(404);
  });

  it('gives stats and accounts without passwords', async () => {
    const stats = await json<Record<string, number>>('/stats');
    expect(stats.body).toMatchObject({ accepted: 1, refused: 1, stored: 2, rateLimited: 0 });
    const accounts = await json<{ accounts: unknown }>('/accounts');
    expect(accounts.body).toEqual({ accounts: [{ appId: 'app-test', senders: [USER] }] });
    expect(JSON.stringify(accounts.body)).not.toContain('password');
  });

  it('answers 404 outside the API and for unknown API paths, 405 for a wrong method, 400 for bad JSON', async () => {
    expect((await fetch(`${emulator.httpUrl}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${api}/nothing`)).status).toBe(404);
    const wrong = await fetch(`${api}/stats`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(
      (
        await fetch(`${api}/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{not json',
        })
      ).status,
    ).toBe(400);
    // A cross-site "simple" request (no JSON content type) never changes state.
    const simple = await fetch(`${api}/faults`, { method: 'POST', body: '{"type":"reply","code":421}' });
    expect(simple.status).toBe(400);
    expect(((await (await fetch(`${api}/faults`)).json()) as { faults: unknown[] }).faults).toEqual([]);
    expect((await fetch(`${api}/reset`, { method: 'POST' })).status).toBe(400);
  });

  it('hands paths outside the API to extra handlers, where an inbox page can live', async () => {
    const withPage = await start({
      httpHandlers: [
        (_request, response, url) => {
          if (url.pathname !== '/') return false;
          response.end('inbox');
          return true;
        },
      ],
    });
    try {
      expect(await (await fetch(`${withPage.httpUrl}/`)).text()).toBe('inbox');
      expect((await fetch(`${withPage.httpUrl}/api/stats`)).status).toBe(200);
      expect((await fetch(`${withPage.httpUrl}/elsewhere`)).status).toBe(404);
    } finally {
      await withPage.close();
    }
  });

  it('clears the messages with DELETE /api/messages', async () => {
    expect((await json('/messages', { method: 'DELETE' })).status).toBe(200);
    expect((await json<{ messages: unknown[] }>('/messages')).body.messages).toEqual([]);
    expect(emulator.history).toEqual([]);
  });
});
