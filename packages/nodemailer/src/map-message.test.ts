import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { assertValidMessage, isQcloudMailError, LIMITS, type QcloudMailError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { type MapContext, mapMessage } from './map-message.js';

const context: MapContext = { allowFileAccess: false, limits: LIMITS, signal: undefined };
const base = { from: 'Sender <noreply@mail.example.com>', to: 'user@example.org', subject: 'Hi', text: 'Hello' };

/** What the transport does before the network: translate, then core validates. */
async function check(data: Record<string, unknown>, ctx: MapContext = context) {
  return assertValidMessage(await mapMessage(data, ctx));
}

async function refused(data: Record<string, unknown>, ctx: MapContext = context): Promise<QcloudMailError> {
  const error = await check(data, ctx).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isQcloudMailError(error)) throw new Error('expected the message to be refused');
  return error;
}

describe('mapMessage: shapes it translates', () => {
  it('hands plain fields to core as given', async () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const data = { ...base, html: '<p>Hi</p>', replyTo: 'help@example.com', date, messageId: '<a@b>' };
    expect(await mapMessage(data, context)).toEqual(data);
  });

  it('reads Buffer and stream bodies as UTF-8 and refuses other charsets', async () => {
    const mapped = await mapMessage(
      { ...base, text: Buffer.from('Grüße'), html: Readable.from([Buffer.from('<b>你好</b>')]) },
      context,
    );
    expect(mapped).toMatchObject({ text: 'Grüße', html: '<b>你好</b>' });
    const latin1 = await refused({ ...base, text: Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]) });
    expect(latin1.issues[0]).toMatchObject({ path: ['text'], rule: 'HEADERS' });
  });

  it('caps a streamed body at the body limit (SIZES)', async () => {
    const big = Readable.from([Buffer.alloc(LIMITS.maxBodyBytes), Buffer.from('x')]);
    expect((await refused({ ...base, html: big })).issues[0]).toMatchObject({ code: 'body_too_large', path: ['html'] });
  });

  it('reads attachments from buffers, streams and data URIs; string content stays for core to decode', async () => {
    const mapped = await mapMessage(
      {
        ...base,
        attachments: [
          { filename: 'a.txt', content: 'aGVsbG8=', encoding: 'base64' },
          { filename: 'c.bin', content: new Uint8Array([0, 1, 2]) },
          { filename: 'd.txt', content: Readable.from(['streamed']) },
          { filename: 'e.txt', path: 'data:text/plain;base64,aGk=' },
        ],
      },
      context,
    );
    expect(mapped.attachments).toEqual([
      { filename: 'a.txt', content: 'aGVsbG8=', encoding: 'base64' },
      { filename: 'c.bin', content: Buffer.from([0, 1, 2]) },
      { filename: 'd.txt', content: Buffer.from('streamed') },
      { filename: 'e.txt', content: Buffer.from('hi') },
    ]);
  });

  it('flattens nodemailer header values into core headers; core adds priority, inReplyTo, references, xMailer', async () => {
    const message = await check({
      ...base,
      headers: { 'X-Tag': ['a', 'b'], 'X-Count': 3, 'X-Prepared': { prepared: true, value: 'v' } },
      priority: 'high',
      inReplyTo: 'parent@example.org',
      references: ['<root@example.org>', 'parent@example.org'],
      xMailer: 'My App',
    });
    expect(message.headers).toEqual([
      { key: 'X-Tag', value: 'a' },
      { key: 'X-Tag', value: 'b' },
      { key: 'X-Count', value: '3' },
      { key: 'X-Prepared', value: 'v' },
      { key: 'X-Priority', value: '1 (Highest)' },
      { key: 'X-MSMail-Priority', value: 'High' },
      { key: 'Importance', value: 'High' },
      { key: 'In-Reply-To', value: '<parent@example.org>' },
      { key: 'References', value: '<root@example.org> <parent@example.org>' },
      { key: 'X-Mailer', value: 'My App' },
    ]);
    expect((await refused({ ...base, priority: 'urgent' })).issues[0]?.path).toEqual(['priority']);
  });

  it('reads a file only with allowFileAccess, and never when disableFileAccess is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-nm-'));
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'from disk');
    const open = { ...context, allowFileAccess: true };
    expect((await check({ ...base, attachments: [{ path: file }] }, open)).attachments[0]).toMatchObject({
      filename: 'note.txt',
      content: Buffer.from('from disk'),
    });
    for (const [data, ctx] of [
      [{ ...base, attachments: [{ path: file }] }, context],
      [{ ...base, disableFileAccess: true, attachments: [{ path: file }] }, open],
    ] as const) {
      const error = await refused(data, ctx);
      expect(error.issues).toEqual([
        expect.objectContaining({ code: 'invalid_type', rule: 'R13', path: ['attachments', 0, 'path'] }),
      ]);
      expect(error.message).toContain('allowFileAccess');
    }
    const missing = await refused({ ...base, attachments: [{ path: join(dir, 'absent.txt') }] }, open);
    expect(missing.nodemailerCode).toBe('ESTREAM');
    expect(missing.message).toContain('ENOENT');
  });

  it('never fetches an href or a URL given as path', async () => {
    const open = { ...context, allowFileAccess: true };
    for (const attachment of [{ href: 'https://example.com/a.pdf' }, { path: 'http://169.254.169.254/latest' }]) {
      const error = await refused({ ...base, attachments: [attachment] }, open);
      expect(error.issues[0]).toMatchObject({ code: 'invalid_type', rule: 'R13' });
    }
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await mapMessage(base, { ...context, signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ABORTED' });
  });
});

describe('what core refuses for the transport', () => {
  it('accepts an envelope that repeats the headers, a sender equal to from, and the no-op keys', async () => {
    const envelope = { from: 'noreply@mail.example.com', to: ['USER@example.org'] };
    const noOps = { textEncoding: 'base64', encoding: 'utf-8', disableUrlAccess: true, headers: {} };
    await expect(check({ ...base, envelope, sender: 'noreply@mail.example.com', ...noOps })).resolves.toBeDefined();
  });

  it.each([
    ['amp', { amp: '<!doctype html><html ⚡4email></html>' }, 'content_type_unsupported'],
    ['watchHtml', { watchHtml: '<b>watch</b>' }, 'content_type_unsupported'],
    [
      'alternatives',
      { alternatives: [{ contentType: 'text/x-web-markdown', content: '**hi**' }] },
      'content_type_unsupported',
    ],
    ['icalEvent', { icalEvent: { method: 'request', content: 'BEGIN:VCALENDAR' } }, 'content_type_unsupported'],
    ['dkim', { dkim: { domainName: 'example.com', keySelector: 's', privateKey: 'k' } }, 'option_unsupported'],
    ['list', { list: { unsubscribe: 'https://example.com/u' } }, 'header_unsupported'],
    ['sender', { sender: 'other@example.com' }, 'invalid_address'],
    ['normalizeHeaderKey', { normalizeHeaderKey: (key: string) => key }, 'option_unsupported'],
    ['somethingElse', { somethingElse: 1 }, 'option_unknown'],
  ])('refuses %s with an issue naming it', async (key, change, issue) => {
    const error = await refused({ ...base, ...change });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([expect.objectContaining({ code: issue, path: [key] })]);
  });

  it('explains how to send a calendar invitation instead', async () => {
    expect((await refused({ ...base, icalEvent: 'BEGIN:VCALENDAR' })).message).toContain('invite.ics');
  });

  it('refuses an envelope with hidden recipients (R9) or another sender (R4)', async () => {
    const hidden = await refused({
      ...base,
      envelope: { from: 'noreply@mail.example.com', to: ['user@example.org', 'x@example.org'] },
    });
    expect(hidden.issues[0]).toMatchObject({ code: 'bcc_unsupported', rule: 'R9', path: ['envelope', 'to'] });
    expect(hidden.nodemailerCode).toBe('EENVELOPE');
    const other = await refused({ ...base, envelope: { from: 'bounce@example.com', to: 'user@example.org' } });
    expect(other.issues[0]).toMatchObject({ rule: 'R4', path: ['envelope', 'from'] });
  });

  it.each([
    ['raw', { raw: 'Content-Type: text/plain\r\n\r\nhi' }, 'header_unsupported'],
    ['headers', { headers: { 'X-Part': '1' } }, 'header_unsupported'],
    ['contentTransferEncoding', { contentTransferEncoding: 'quoted-printable' }, 'attachment_encoding_unsupported'],
  ])('refuses an attachment with %s (R12)', async (key, change, issue) => {
    const error = await refused({ ...base, attachments: [{ filename: 'a.txt', content: 'x', ...change }] });
    expect(error.issues[0]).toMatchObject({ code: issue, rule: 'R12', path: ['attachments', 0, key] });
  });

  it('refuses attachDataUrls, and the cid attachment nodemailer made of an image', async () => {
    const attachment = { path: 'data:image/png;base64,iVBORw0KGgo=', cid: 'abc@localhost', filename: 'image-1.png' };
    const error = await refused({ ...base, attachDataUrls: true, attachments: [attachment] });
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['content_id_unsupported', ['attachDataUrls']],
      ['content_id_unsupported', ['attachments', 0, 'cid']],
    ]);
    await expect(check({ ...base, attachDataUrls: false })).resolves.toBeDefined();
  });
});
