// Every rule that validation enforces stops the message before the network (R19): the emulator sees no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, rejection, seen, USER } from '@qcloudmail/test-helpers';
import { LIMITS } from '../src/limits/limits.js';
import type { MailIssueCode } from '../src/model/issues.js';
import { type Harness, harness } from './helpers.js';

const MiB = 1024 * 1024;
const many = (count: number) => Array.from({ length: count }, (_, i) => `r${i}@example.org`);
const file = (filename: string, content: string | Buffer = 'x', extra: Record<string, unknown> = {}) => ({
  filename,
  content,
  ...extra,
});

// One message per issue code of `validateMessage`, each breaking one rule.
const cases: Array<[MailIssueCode, Record<string, unknown>]> = [
  ['from_required', { from: undefined }],
  ['to_required', { to: [] }],
  ['subject_required', { subject: ' ' }],
  ['body_required', { text: '' }],
  ['invalid_address', { to: 'not-an-address' }],
  ['cc_unsupported', { cc: 'copy@example.org' }],
  ['bcc_unsupported', { bcc: 'hidden@example.org' }],
  ['too_many_recipients', { to: many(LIMITS.maxRecipients + 1) }],
  ['too_many_attachments', { attachments: many(LIMITS.maxAttachments + 1).map((_, i) => file(`f${i}.txt`)) }],
  ['attachment_too_large', { attachments: [file('a.pdf', Buffer.alloc(LIMITS.maxAttachmentBytes + 1))] }],
  ['attachments_too_large', { attachments: [0, 1, 2].map((i) => file(`${i}.pdf`, Buffer.alloc(3 * MiB))) }],
  ['body_too_large', { text: 'a'.repeat(MiB), html: 'b' }],
  ['message_too_large', { attachments: [4, 3.9].map((n, i) => file(`${i}.pdf`, Buffer.alloc(n * MiB))) }],
  ['subject_too_long', { subject: 's'.repeat(999) }],
  ['sender_name_invalid', { from: `"Re: Boss" <${USER}>` }],
  ['attachment_name_invalid', { attachments: [file('a/b.pdf')] }],
  ['attachment_type_blocked', { attachments: [file('run.exe', 'TVqQ')] }],
  ['header_injection', { subject: 'Hi\r\nBcc: victim@example.org' }],
  ['header_unsupported', { headers: { 'Content-Type': 'text/plain' } }],
  ['content_id_unsupported', { attachments: [file('logo.png', 'x', { cid: 'logo' })] }],
  ['invalid_type', { subject: 42 }],
  ['attachment_base64_invalid', { attachments: [file('a.pdf', 'aGVsbG8=!', { encoding: 'base64' })] }],
];

const rawMessage = (headers: string[], body = 'Hello raw') => `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
const rawHeaders = [
  `From: ${USER}`,
  'To: user@example.org',
  'Subject: Raw',
  'Message-ID: <raw-dirty@mail.example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
];
const replace = (name: string, line: string | undefined) =>
  rawHeaders.flatMap((header) => (header.startsWith(`${name}:`) ? (line === undefined ? [] : [line]) : [header]));

// Raw messages the service would refuse (or that could not be tracked), each with the issue that stops it.
const rawCases: Array<[string, MailIssueCode, string, { from: string; to: string[] }?]> = [
  ['no Message-ID (R21)', 'header_syntax', rawMessage(replace('Message-ID', undefined))],
  [
    'a Content-Type the service refuses (R17)',
    'content_type_unsupported',
    rawMessage(replace('Content-Type', 'Content-Type: text/plain; charset=ISO-8859-1')),
  ],
  ['MIME-Version 1.1 (R17)', 'mime_version_unsupported', rawMessage(replace('MIME-Version', 'MIME-Version: 1.1'))],
  ['a line over 998 octets (SIZES)', 'line_too_long', rawMessage(rawHeaders, 'x'.repeat(2100))],
  ['a bare LF (RFC 5322)', 'bare_line_ending', rawMessage(rawHeaders, 'one\ntwo')],
  ['no subject (R17)', 'subject_required', rawMessage(replace('Subject', undefined))],
  [
    'an envelope of 51 recipients (R8)',
    'too_many_recipients',
    rawMessage(rawHeaders),
    { from: USER, to: many(LIMITS.maxRecipients + 1) },
  ],
  ['a bad envelope recipient', 'invalid_address', rawMessage(rawHeaders), { from: USER, to: ['nobody'] }],
];

describe('validation before the network (R19)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    // Nothing in this file may have opened a session: not even a connection for a message that was refused.
    expect(seen(h)).toEqual({ connections: 0, stored: 0, rateLimited: 0 });
    expect(h.logs.filter((record) => record.message === 'connected')).toEqual([]);
    await h.close();
  });

  it.each(cases)('send() stops a message with %s', async (code, change) => {
    const error = await rejection(h.client.send(message('user@example.org', change) as never));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((issue) => issue.code)).toContain(code);
    expect(error.issues.every((issue) => issue.rule.length > 0 && Array.isArray(issue.path))).toBe(true);
    expect(seen(h).connections).toBe(0);
  });

  it.each(rawCases)('sendRaw() stops a raw message with %s', async (_name, code, raw, envelope) => {
    const error = await rejection(h.client.sendRaw(raw, envelope ?? { from: USER, to: ['user@example.org'] }));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((issue) => issue.code)).toContain(code);
    expect(seen(h).connections).toBe(0);
  });

  it('chunk refuses Cc: only split can give each address its own copy (R9)', async () => {
    const chunked = await harness({ recipients: 'chunk' });
    try {
      const error = await rejection(chunked.client.send(message(['a@example.org'], { cc: 'c@example.org' })));
      expect(error.issues.map((issue) => issue.code)).toEqual(['cc_unsupported']);
      expect(seen(chunked)).toEqual({ connections: 0, stored: 0, rateLimited: 0 });
    } finally {
      await chunked.close();
    }
  });

  it('counts the refusals as failures, none as sent', () => {
    expect(h.client.stats()).toMatchObject({ sent: 0, inFlight: 0, queued: 0 });
    expect(h.events.sending).toHaveLength(0);
  });
});
