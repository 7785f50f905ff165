// The shared helpers do what the suites that lean on them assume: a real emulator on the test CA, a client that
// reaches it over verified TLS, the store read back, HTTP round trips, refusals recognized as QcloudMailErrors.
import { createMailClient, QcloudMailError } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientOptions,
  type Emulator,
  listen,
  message,
  messagesTo,
  postJson,
  postRaw,
  readSized,
  recipient,
  recordingClock,
  rejection,
  seen,
  startTestEmulator,
  storedById,
  USER,
} from '../src/index.js';

describe('startTestEmulator and clientOptions', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ httpPort: false });
  });
  afterAll(() => emulator.close());

  it('start an emulator that a client reaches over verified TLS as the shared sender, and the store helpers read it', async () => {
    const client = createMailClient(clientOptions(emulator));
    try {
      const to = recipient();
      const result = await client.send(message(to));
      expect(seen(emulator)).toEqual({ connections: 1, stored: 1, rateLimited: 0 });
      expect(seen({ emulator })).toEqual(seen(emulator));
      const bare = result.messageId.replace(/^<|>$/g, '');
      expect(storedById(emulator, `<${bare}>`)?.envelope).toMatchObject({ from: USER, to: [to] });
      expect(storedById({ emulator }, bare)).toBe(storedById(emulator, `<${bare}>`));
      expect(storedById(emulator, '<absent@example.org>')).toBeUndefined();
      expect(messagesTo(emulator, to)).toHaveLength(1);
      expect(messagesTo(emulator, recipient())).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('share one test CA among the emulators of a file', async () => {
    const other = await startTestEmulator({ httpPort: false });
    try {
      expect(other.ca).toBe(emulator.ca);
      expect(other.port).not.toBe(emulator.port);
    } finally {
      await other.close();
    }
  });

  it('refuse a wrong password: the credentials are the emulator’s, not placeholders', async () => {
    const client = createMailClient(clientOptions(emulator, { auth: { user: USER, pass: 'not-the-password' } }));
    try {
      expect(await rejection(client.send(message(recipient())))).toMatchObject({ code: 'AUTH' });
    } finally {
      await client.close();
    }
  });
});

describe('rejection', () => {
  it('returns the QcloudMailError a promise rejects with', async () => {
    const error = new QcloudMailError({ code: 'VALIDATION', message: 'refused' });
    expect(await rejection(Promise.reject(error))).toBe(error);
  });

  it('fails when the promise resolves, or rejects with something else than a QcloudMailError', async () => {
    await expect(rejection(Promise.resolve('sent'))).rejects.toThrow('expected the promise to reject');
    await expect(rejection(Promise.reject(new TypeError('raw')))).rejects.toThrow(/expected a QcloudMailError/);
  });
});

describe('recordingClock', () => {
  it('records each sleep asked for and sleeps at most the cap', async () => {
    const clock = recordingClock(5);
    const capped = clock.sleep(60_000).then(() => 'capped');
    const uncapped = new Promise((resolve) => setTimeout(resolve, 10_000, 'waited')).then(String);
    expect(await Promise.race([capped, uncapped])).toBe('capped');
    expect(clock.requested).toEqual([60_000]);
  });
});

describe('listen, postJson, postRaw and readSized', () => {
  it('serve a request listener on 127.0.0.1 and post JSON to it, sized', async () => {
    const running = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ type: request.headers['content-type'], token: request.headers.authorization, body }),
        );
      });
    });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const posted = await readSized(
        await postJson(running.url, { to: 'a@example.org' }, { authorization: 'Bearer t' }),
      );
      expect(posted.body).toEqual({ type: 'application/json', token: 'Bearer t', body: '{"to":"a@example.org"}' });
      expect(posted.bytes).toBe(Buffer.byteLength(JSON.stringify(posted.body)));
      const raw = await readSized(await postRaw(running.url, '{"to":'));
      expect(raw.body).toMatchObject({ type: 'application/json', body: '{"to":' });
    } finally {
      await running.close();
    }
    await expect(fetch(running.url)).rejects.toThrow();
  });
});

describe('recipient', () => {
  it('gives a new address each call', () => {
    expect(recipient()).not.toBe(recipient());
    expect(recipient('nest')).toMatch(/^nest-\d+-\d+@example\.org$/);
  });
});
