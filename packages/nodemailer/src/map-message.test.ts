import { Readable } from 'node:stream';
import { isQcloudMailError, LIMITS, type QcloudMailError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { type MapContext, mapMessage } from './map-message.js';

const context: MapContext = { allowFileAccess: false, limits: LIMITS, signal: undefined };
const base = { from: 'Sender <noreply@mail.example.com>', to: 'user@example.org', subject: 'Hi', text: 'Hello' };

async function refused(data: Record<string, unknown>): Promise<QcloudMailError> {
  const error = await mapMessage(data, context).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isQcloudMailError(error)) throw new Error('expected mapMessage to refuse the message');
  return error;
}

describe('mapMessage: what maps', () => {
  it('maps the plain fields and leaves out what is absent', async () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const mapped = await mapMessage(
      { ...base, html: '<p>Hi</p>', replyTo: 'help@example.com', date, messageId: '<a@b>' },
      context,
    );
    expect(mapped).toEqual({ ...base, html: '<p>Hi</p>', replyTo: 'help@example.com', date, messageId: '<a@b>' });
  });

  it('flattens address arrays, objects and comma lists for core to parse', async () => {
    const mapped = await mapMessage(
      {
        ...base,
        to: [['a@example.org', { name: 'B, Jr.', address: 'b@example.org' }], 'c@example.org, d@example.org'],
      },
      context,
    );
    expect(mapped.to).toEqual([
      'a@example.org',
      { name: 'B, Jr.', address: 'b@example.org' },
      'c@example.org, d@example.org',
    ]);
    expect((await mapMessage({ ...base, from: ['noreply@mail.example.com'] }, context)).from).toBe(
      'noreply@mail.example.com',
    );
  });

  it('refuses two senders and malformed addresses', async () => {
    expect((await refused({ ...base, from: 'a@example.org, b@example.org' })).nodemailerCode).toBe('EENVELOPE');
    expect((await refused({ ...base, to: 42 })).issues[0]).toMatchObject({ code: 'invalid_address', path: ['to'] });
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

  it('maps attachments from strings, encodings, buffers, streams and data URIs', async () => {
    const mapped = await mapMessage(
      {
        ...base,
        attachments: [
          { filename: 'a.txt', content: 'plain' },
          { filename: 'b.txt', content: 'aGVsbG8=', encoding: 'base64' },
          { filename: 'c.bin', content: Buffer.from([0, 1, 2]), contentType: 'application/octet-stream' },
          { filename: 'd.txt', content: Readable.from(['streamed']) },
          { path: 'data:text/plain;base64,aGk=' },
        ],
      },
      context,
    );
    expect(mapped.attachments).toEqual([
      { filename: 'a.txt', content: 'plain' },
      { filename: 'b.txt', content: Buffer.from('hello') },
      { filename: 'c.bin', content: Buffer.from([0, 1, 2]), contentType: 'application/octet-stream' },
      { filename: 'd.txt', content: Buffer.from('streamed') },
      { content: Buffer.from('hi') },
    ]);
  });

  it('passes cid and inline disposition on for core to refuse (R12)', async () => {
    const mapped = await mapMessage(
      { ...base, attachments: [{ filename: 'x.png', content: 'x', cid: 'logo@x', contentDisposition: 'inline' }] },
      context,
    );
    expect(mapped.attachments?.[0]).toMatchObject({ cid: 'logo@x', contentDisposition: 'inline' });
  });

  it('maps headers, priority, inReplyTo, references and xMailer to custom headers', async () => {
    const mapped = await mapMessage(
      {
        ...base,
        headers: {
          'X-Campaign': 'spring',
          'X-Tag': ['a', 'b'],
          'X-Count': 3,
          'X-Prepared': { prepared: true, value: 'v' },
        },
        priority: 'high',
        inReplyTo: 'parent@example.org',
        references: ['<root@example.org>', 'parent@example.org'],
        xMailer: 'My App',
      },
      context,
    );
    expect(mapped.headers).toEqual([
      { key: 'X-Campaign', value: 'spring' },
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
    expect((await mapMessage({ ...base, priority: 'normal', headers: {} }, context)).headers).toBeUndefined();
    expect((await refused({ ...base, priority: 'urgent' })).issues[0]?.path).toEqual(['priority']);
    expect((await refused({ ...base, headers: { 'X-Bad': { nested: 1 } } })).issues[0]?.path).toEqual([
      'headers',
      'X-Bad',
    ]);
  });

  it('accepts an envelope that repeats the headers, and a sender equal to from', async () => {
    const envelope = { from: 'noreply@mail.example.com', to: ['USER@example.org'] };
    await expect(mapMessage({ ...base, envelope, sender: 'noreply@mail.example.com' }, context)).resolves.toMatchObject(
      base,
    );
  });

  it('ignores unknown keys and the nodemailer keys that change nothing here', async () => {
    const mapped = await mapMessage(
      { ...base, textEncoding: 'base64', encoding: 'utf-8', normalizeHeaderKey: () => '', somethingElse: 1 },
      context,
    );
    expect(mapped).toEqual(base);
  });
});

describe('mapMessage: what the service cannot honour', () => {
  it.each([
    ['amp', { amp: '<!doctype html><html ⚡4email></html>' }, 'content_type_unsupported', 'VALIDATION'],
    ['watchHtml', { watchHtml: '<b>watch</b>' }, 'content_type_unsupported', 'VALIDATION'],
    [
      'alternatives',
      { alternatives: [{ contentType: 'text/x-web-markdown', content: '**hi**' }] },
      'content_type_unsupported',
      'VALIDATION',
    ],
    [
      'icalEvent',
      { icalEvent: { method: 'request', content: 'BEGIN:VCALENDAR' } },
      'content_type_unsupported',
      'VALIDATION',
    ],
    [
      'dkim',
      { dkim: { domainName: 'example.com', keySelector: 's', privateKey: 'k' } },
      'header_unsupported',
      'CONFIGURATION',
    ],
    ['list', { list: { unsubscribe: 'https://example.com/u' } }, 'header_unsupported', 'VALIDATION'],
    ['sender', { sender: 'other@example.com' }, 'header_unsupported', 'VALIDATION'],
  ])('refuses %s with an issue naming it', async (key, change, issue, code) => {
    const error = await refused({ ...base, ...change });
    expect(error.code).toBe(code);
    expect(error.issues).toEqual([expect.objectContaining({ code: issue, path: [key] })]);
    expect(error.message.startsWith(`${key}:`)).toBe(true);
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

  it('refuses attachDataUrls once it has turned an image into a cid attachment', async () => {
    const attachment = { path: 'data:image/png;base64,iVBORw0KGgo=', cid: 'abc@localhost', filename: 'image-1.png' };
    const error = await refused({ ...base, attachDataUrls: true, attachments: [attachment] });
    expect(error.issues[0]).toMatchObject({ code: 'content_id_unsupported', path: ['attachDataUrls'] });
    // Without data: images it changes nothing.
    await expect(mapMessage({ ...base, attachDataUrls: true }, context)).resolves.toEqual(base);
  });

  it('refuses file paths without allowFileAccess and hrefs always', async () => {
    expect((await refused({ ...base, attachments: [{ path: '/etc/passwd' }] })).code).toBe('CONFIGURATION');
    expect((await refused({ ...base, html: { href: 'https://example.com/x.html' } })).issues[0]?.path).toEqual([
      'html',
      'href',
    ]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await mapMessage(base, { ...context, signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ABORTED' });
  });
});
