import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { mime, sendRaw, start } from './helpers.js';
import { RawSmtpClient } from './raw-smtp-client.js';

let first: Emulator;
let second: Emulator;
beforeAll(async () => {
  [first, second] = await Promise.all([start(), start({ appId: 'other-app' })]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

describe('two emulators side by side', () => {
  it('listen on their own ports with their own CAs', () => {
    expect(first.port).not.toBe(second.port);
    expect(first.httpUrl).not.toBe(second.httpUrl);
    expect(first.ca).not.toBe(second.ca);
  });

  it('keep their own messages, faults and counters', async () => {
    first.faults.add({ type: 'provider-error', code: 'FailedOperation.ExceedSendLimit' });
    expect((await sendRaw(second, mime())).code).toBe(250);
    expect((await sendRaw(first, mime())).code).toBe(554);
    expect(second.messages).toHaveLength(1);
    expect(first.messages).toHaveLength(0);
    expect(first.refused).toHaveLength(1);
    expect(second.messages[0]?.appId).toBe('other-app');
  });

  it('do not trust each other: a client with one CA cannot reach the other', async () => {
    await expect(RawSmtpClient.connect(second.host, second.port, first.ca)).rejects.toThrow();
  });

  it('close() can be called twice', async () => {
    const extra = await start({ httpPort: false });
    await Promise.all([extra.close(), extra.close()]);
    await expect(extra.close()).resolves.toBeUndefined();
  });
});
