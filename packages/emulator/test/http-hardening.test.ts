import { isQcloudMailError } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, runEmulatorCli } from '../src/index.js';
import { mime, sendRaw, start } from './helpers.js';
import { rawHttp } from './raw-http.js';

let emulator: Emulator;
let base: string;
let port: string;
beforeAll(async () => {
  emulator = await start({ allowedHosts: ['Mail-Dev.test', '[fd00::5]'] });
  base = emulator.httpUrl ?? '';
  port = new URL(base).port;
  await sendRaw(emulator, mime());
});
afterAll(async () => {
  await emulator.close();
});

const get = (target: string, host?: string | null) => rawHttp(base, { target, host });
const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('the Host header (DNS rebinding)', () => {
  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1.evil.example',
    'localhost.evil.example:PORT',
    'mail-dev.test.evil.example',
    '[::2]:PORT',
    '10.0.0.1',
    '127.0.0.1:notaport',
    '127.0.0.1:99999',
    'localhost:',
    '[::1',
    '[::1]x',
    `${'a'.repeat(300)}.example`,
  ])('answers 403 to Host %s, with a short JSON body', async (host) => {
    const response = await get('/api/messages', host.replace('PORT', port));
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('FORBIDDEN_HOST');
    expect(response.body.length).toBeLessThan(300);
    expect(response.body).not.toContain('example');
  });

  it('answers a foreign Host on every route, the page and state changes included, and changes nothing', async () => {
    const evil = 'evil.example';
    for (const target of ['/', '/inbox/app.js', '/api/events', `/api/messages/${emulator.history[0]?.id}`]) {
      expect((await get(target, evil)).status).toBe(403);
    }
    const json = { 'content-type': 'application/json' };
    const post = await rawHttp(base, {
      method: 'POST',
      target: '/api/faults',
      host: evil,
      headers: json,
      body: '{"type":"reject-connection"}',
    });
    expect(post.status).toBe(403);
    expect((await rawHttp(base, { method: 'DELETE', target: '/api/messages', host: evil })).status).toBe(403);
    expect((await rawHttp(base, { method: 'POST', target: '/api/reset', host: evil, headers: json })).status).toBe(403);
    expect(emulator.faults.list()).toEqual([]);
    expect(emulator.history).toHaveLength(1);
  });

  it.each([
    '127.0.0.1:PORT',
    '127.0.0.1',
    '127.8.9.10:PORT',
    'localhost:PORT',
    'LOCALHOST',
    '[::1]:PORT',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    'mail-dev.test',
    'MAIL-DEV.TEST:PORT',
    '[fd00::5]:PORT',
  ])('answers 200 to Host %s (loopback or configured)', async (host) => {
    const response = await get('/api/messages', host.replace('PORT', port));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ messages: [{ status: 'accepted' }] });
  });

  it('never answers a request without a Host header', async () => {
    expect([400, 403]).toContain((await get('/api/messages', null)).status);
  });

  it('refuses a malformed allowedHosts entry before listening, and takes names from --allowed-host', async () => {
    for (const bad of ['http://dev.test', 'dev.test:8025', '*.dev.test', '']) {
      const error = await start({ allowedHosts: [bad] }).catch((caught: unknown) => caught);
      expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    }
    const err: string[] = [];
    const io = { stderr: (text: string) => err.push(text), stdout: () => {} };
    expect(await runEmulatorCli(['--allowed-host', 'dev.test:1'], io)).toBe(2);
    expect(err.join('')).toContain('allowedHosts');

    const controller = new AbortController();
    let httpUrl = '';
    const running = runEmulatorCli(['--port', '0', '--http-port', '0', '--allowed-host', 'dev.test'], {
      stdout: (text) => {
        httpUrl ||= /^HTTP: (\S+)$/m.exec(text)?.[1] ?? '';
      },
      signal: controller.signal,
    });
    try {
      await expect.poll(() => httpUrl).not.toBe('');
      expect((await rawHttp(httpUrl, { target: '/api/stats', host: 'dev.test' })).status).toBe(200);
      expect((await rawHttp(httpUrl, { target: '/api/stats', host: 'evil.example' })).status).toBe(403);
    } finally {
      controller.abort();
    }
    expect(await running).toBe(0);
  });
});

describe('malformed request paths and bodies', () => {
  it.each(['/api/messages/%E0%A4%A', '/api/messages/%E0%A4%A/raw', '/api/messages/1/attachments/%ZZ', '/api/%'])(
    'answers 400 (never 500) to the malformed percent-escape in %s',
    async (target) => {
      const response = await get(target);
      expect(response.status).toBe(400);
      expect(errorCode(response.body)).toBe('VALIDATION');
    },
  );

  it('answers 400 to a malformed DELETE /api/faults/:id, and 414 to a path over 2048 characters', async () => {
    expect((await rawHttp(base, { method: 'DELETE', target: '/api/faults/%C0' })).status).toBe(400);
    expect((await get(`/api/messages/${'1'.repeat(3000)}`)).status).toBe(414);
  });

  it('answers 400 to absolute and other non-path targets, and keeps serving', async () => {
    for (const target of ['http://[zz/api/stats', 'http://evil.example/api/stats', '//evil.example/api/stats', '*']) {
      expect((await get(target)).status).toBe(400);
    }
    expect((await get('/api/stats')).status).toBe(200);
  });

  it('refuses a declared body over 64 KiB before reading it (413), and an undeclared one as it arrives', async () => {
    const declared = await rawHttp(base, {
      method: 'POST',
      target: '/api/faults',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      // Nothing follows the headers: the answer cannot wait for the 10 MiB.
    });
    expect(declared.status).toBe(413);
    const chunked = await fetch(`${base}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([`{"type":"delay","ms":1,"pad":"${'x'.repeat(70 * 1024)}"}`]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(emulator.faults.list()).toEqual([]);
  });

  it('refuses fault fields over their caps before matching them', async () => {
    const post = (fault: unknown) =>
      fetch(`${base}/api/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
    expect((await post({ type: 'reply', reply: `421 ${'x'.repeat(600)}` })).status).toBe(400);
    expect((await post({ type: 'provider-error', code: `A${'b'.repeat(200)}` })).status).toBe(400);
    expect((await post({ type: 'provider-error', code: 'FailedOperation.X', message: 'm'.repeat(1001) })).status).toBe(
      400,
    );
    expect(emulator.faults.list()).toEqual([]);
  });
});
