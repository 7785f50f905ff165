import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { RULES, SES_ERROR_CATALOG } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_FONT } from '../src/inbox/font-asset.js';
import { MESSAGE_HTML_FONT_STYLE } from '../src/inbox/message-html-font.js';
import { type Emulator, INBOX_PAGE_POLICY, type MessageDetail } from '../src/index.js';
import { mime, sendRaw, start, transport, USER } from './helpers.js';

let emulator: Emulator;
let base: string;
beforeAll(async () => {
  emulator = await start();
  base = emulator.httpUrl ?? '';
  await transport(emulator).sendMail({
    from: { name: '张三', address: USER },
    to: 'a@example.org',
    subject: 'Hi',
    text: 'Hi',
    html: '<p>Hi</p>',
  });
  await sendRaw(emulator, mime({ headers: { 'Content-Type': 'text/markdown; charset=UTF-8' } }));
});
afterAll(async () => {
  await emulator.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

describe('the inbox page over HTTP', () => {
  it('serves the page, its script and stylesheet under a strict policy, with nothing inline or remote', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(INBOX_PAGE_POLICY);
    expect(INBOX_PAGE_POLICY).toContain("script-src 'self'");
    expect(INBOX_PAGE_POLICY).not.toContain('unsafe');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect([...html.matchAll(/<script[^>]*>/g)].map((tag) => tag[0])).toEqual(['<script src="/inbox/app.js" defer>']);
    expect(html).not.toMatch(/\son\w+=|\sstyle=/);
    const script = await get('/inbox/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(() => new Script(code)).not.toThrow();
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    const css = await get('/inbox/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const text of [html, code, await css.text()])
      expect(text).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
  });

  it('answers 405 to other methods, and leaves / alone when the inbox is off', async () => {
    const post = await get('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const off = await start({ inbox: false });
    try {
      expect((await fetch(`${off.httpUrl}/`)).status).toBe(404);
      expect((await fetch(`${off.httpUrl}/inbox/app.js`)).status).toBe(404);
      expect((await fetch(`${off.httpUrl}/api/stats`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });

  it("serves a message's HTML under its own policy: sandboxed, no scripts, remote images only when asked", async () => {
    const [accepted, refused] = emulator.history;
    const html = await get(`/api/messages/${accepted?.id}/html`);
    expect(html.status).toBe(200);
    // The message's markup as received, after the stylesheet that gives Chinese the package's font.
    expect(await html.text()).toBe(`${MESSAGE_HTML_FONT_STYLE}\n<p>Hi</p>`);
    const policy = html.headers.get('content-security-policy') ?? '';
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'none'", 'img-src data: cid:', "font-src data: 'self'", 'sandbox']),
    );
    expect(policy).not.toContain('script-src');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const remote = await get(`/api/messages/${accepted?.id}/html?images=remote`);
    expect(remote.headers.get('content-security-policy')).toContain('img-src data: cid: https: http:');
    expect((await get(`/api/messages/${refused?.id}/html`)).status).toBe(404);
  });

  it("explains a refusal in the message's detail with core's catalog, and nothing for an accepted one", async () => {
    const [accepted, refused] = emulator.history;
    const ok = (await (await get(`/api/messages/${accepted?.id}`)).json()) as MessageDetail;
    expect(ok.explanation).toBeNull();
    expect(ok.htmlUrl).toBe(`/api/messages/${accepted?.id}/html`);
    const bad = (await (await get(`/api/messages/${refused?.id}`)).json()) as MessageDetail;
    expect(bad.htmlUrl).toBeNull();
    expect(bad.explanation).toMatchObject({
      reply: refused?.reply,
      clientSawReply: true,
      smtpCode: 554,
      code: 'content_type_unsupported',
      providerCode: 'FailedOperation',
      requestId: refused?.verdict.requestId,
      meaningZh: '检查 Header 中的 Content-Type, 参照入参说明',
      retryable: false,
    });
    expect(bad.explanation?.meaningEn).toMatch(/^Content-Type must in/);
  });

  it("lists core's catalog of provider codes for the fault form", async () => {
    const body = (await (await get('/api/catalog')).json()) as { codes: Array<Record<string, unknown>> };
    expect(body.codes).toHaveLength(SES_ERROR_CATALOG.length);
    expect(body.codes).toContainEqual({
      code: 'FailedOperation.EmailAddrInBlacklist',
      category: 'recipient',
      retryable: false,
      meaningEn: 'The email address is in the blocklist.',
      meaningZh: '邮件地址在黑名单中。',
    });
  });

  it('serves its Chinese font from the package, as woff2 under the policy, and the stylesheet uses it first', async () => {
    expect(INBOX_PAGE_POLICY.split('; ')).toContain("font-src 'self'");
    const font = await get(INBOX_FONT.path);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('content-security-policy')).toBe(INBOX_PAGE_POLICY);
    // A message's sandboxed HTML view (an opaque origin) fetches it with CORS.
    expect(font.headers.get('access-control-allow-origin')).toBe('*');
    const body = Buffer.from(await font.arrayBuffer());
    expect(body.equals(readFileSync(new URL(`../fonts/${INBOX_FONT.file}`, import.meta.url)))).toBe(true);
    expect(body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    // About 1 MB or less: the page stays quick to load over a slow tunnel.
    expect(body.length).toBeLessThan(1024 * 1024);
    const etag = font.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(INBOX_FONT.path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await get(INBOX_FONT.path, { method: 'HEAD' })).headers.get('content-length')).toBe(String(body.length));

    const css = await (await get('/inbox/app.css')).text();
    expect(css).toContain(`font-family: "${INBOX_FONT.family}"; src: url("${INBOX_FONT.path}") format("woff2")`);
    expect(css).toContain(`unicode-range: ${INBOX_FONT.unicodeRange};`);
    expect(css).toMatch(new RegExp(`--sans: "${INBOX_FONT.family}", system-ui`));
    expect(css).toMatch(new RegExp(`--mono: "${INBOX_FONT.family}", ui-monospace`));
    const license = readFileSync(new URL('../fonts/OFL.txt', import.meta.url), 'utf8');
    expect(license).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(license).toContain(INBOX_FONT.file);
  });

  it("gives the From display name with the address in a message's detail", async () => {
    const [accepted] = emulator.history;
    const detail = (await (await get(`/api/messages/${accepted?.id}`)).json()) as MessageDetail;
    expect(detail.parsed).toMatchObject({ from: USER, fromName: '张三' });
    expect(detail.parsed.headers.find((header) => header.key === 'from')?.line).toMatch(/^From: =\?UTF-8\?B\?/);
  });

  it("lists the rules with core's titles, linked only under a configured rulesBaseUrl", async () => {
    const plain = (await (await get('/api/rules')).json()) as { rules: Array<Record<string, unknown>> };
    expect(plain.rules).toHaveLength(Object.keys(RULES).length);
    expect(plain.rules).toContainEqual({ id: 'R9', title: 'no Cc or Bcc', url: null });
    expect((await get('/api/rules', { method: 'POST' })).status).toBe(405);
    const linked = await start({ rulesBaseUrl: 'https://example.com/qcloudmail/blob/main' });
    try {
      const body = (await (await fetch(`${linked.httpUrl}/api/rules`)).json()) as { rules: unknown[] };
      expect(body.rules).toContainEqual({
        id: 'R17',
        title: 'the documented business errors',
        url: 'https://example.com/qcloudmail/blob/main/docs/rules.md#r17',
      });
    } finally {
      await linked.close();
    }
    for (const bad of ['javascript:alert(1)', 'docs/', '/blob/main/', 'ftp://example.com/'])
      await expect(start({ rulesBaseUrl: bad })).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });
});
