import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { mime, sendRaw, start } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start();
});
afterAll(async () => {
  await emulator.close();
});

/** Reads server-sent events from `/api/events` and hands them out one at a time. */
async function openEvents(url: string, signal: AbortSignal) {
  const response = await fetch(`${url}/api/events`, { signal });
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next(): Promise<{ event: string; data: unknown }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) return { event, data: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += value;
      }
    },
  };
}

describe('GET /api/events', () => {
  it('streams the faults, each stored message, fault changes and clears; a closed stream breaks nothing', async () => {
    const abort = new AbortController();
    const events = await openEvents(emulator.httpUrl ?? '', abort.signal);
    expect(events.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await events.next()).toEqual({ event: 'faults', data: { faults: [] } });

    const fault = emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    expect(await events.next()).toMatchObject({ event: 'faults', data: { faults: [{ id: fault.id, remaining: 1 }] } });

    await sendRaw(emulator, mime({ headers: { Subject: '周报' } }));
    // The fault fires (and leaves the queue) before the message is stored.
    expect(await events.next()).toEqual({ event: 'faults', data: { faults: [] } });
    expect(await events.next()).toMatchObject({
      event: 'message',
      data: { status: 'refused', subject: '周报', providerCode: 'FailedOperation.EmailAddrInBlacklist' },
    });

    emulator.clear();
    expect(await events.next()).toEqual({ event: 'cleared', data: {} });
    abort.abort();
    // After the disconnect nothing is written any more: a later message must not throw in the server.
    await sendRaw(emulator, mime());
    expect(emulator.history).toHaveLength(1);
  });
});
