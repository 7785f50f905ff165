import { parseSesReply } from '@qcloudmail/core';
import { R17_MESSAGES, type R17IssueCode } from '@qcloudmail/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { mime, rawClient, sendRaw, sesJson, start, USER } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  // A 64 KiB attachment limit (`limits`, as for lintMime) keeps the too-large case small.
  emulator = await start({ httpPort: false, limits: { maxAttachmentBytes: 64 * 1024 } });
});
afterAll(async () => {
  await emulator.close();
});

const WRAPPER = '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function withAttachment(part: { encoding?: string; content: string; disposition?: string }): string {
  return mime({
    headers: { 'Content-Type': 'multipart/mixed; boundary="b1"' },
    body: [
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'See the attachment.',
      '--b1',
      'Content-Type: application/octet-stream; name="data.bin"',
      ...(part.encoding === undefined ? [] : [`Content-Transfer-Encoding: ${part.encoding}`]),
      `Content-Disposition: ${part.disposition ?? 'attachment'}; filename="data.bin"`,
      '',
      part.content,
      '--b1--',
      '',
    ].join('\r\n'),
  });
}

const base64Lines = (bytes: number) =>
  (
    Buffer.alloc(bytes, 7)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

const CASES: Array<[R17IssueCode, string, () => string]> = [
  ['from_required', 'no From header', () => mime({ headers: { From: undefined } })],
  ['subject_required', 'no Subject header', () => mime({ headers: { Subject: undefined } })],
  ['body_required', 'an empty body', () => mime({ body: '' })],
  [
    'attachment_encoding_unsupported',
    'an attachment in quoted-printable',
    () => withAttachment({ encoding: 'quoted-printable', content: 'plain=20text' }),
  ],
  [
    'content_type_unsupported',
    'a top-level Content-Type of application/json',
    () => mime({ headers: { 'Content-Type': 'application/json' } }),
  ],
  ['mime_version_unsupported', 'MIME-Version 2.0', () => mime({ headers: { 'MIME-Version': '2.0' } })],
  ['body_too_large', 'a body over 1 MiB', () => mime({ body: `${'x'.repeat(900)}\r\n`.repeat(1200) })],
  [
    'attachment_base64_invalid',
    'an attachment that is not base64',
    () => withAttachment({ encoding: 'base64', content: 'this is *not* base64!' }),
  ],
  [
    'attachments_too_large',
    'an attachment over the attachment limit',
    () => withAttachment({ encoding: 'base64', content: base64Lines(64 * 1024 + 10) }),
  ],
];

describe('the R17 business errors, sent with the raw client', () => {
  it.each(CASES)('%s: refuses %s with the 554 JSON reply (R16, R17, R19)', async (code, _what, build) => {
    const reply = await sendRaw(emulator, build());
    expect(reply.code).toBe(554);
    expect(reply.line.startsWith(WRAPPER)).toBe(true);
    const json = sesJson(reply.line);
    expect(json.QcloudError.Error).toEqual({ Code: 'FailedOperation', Message: R17_MESSAGES[code].message });
    expect(json.Response.RequestId).toMatch(UUID);
    // Core's parser reads the emulator's reply back to the same issue.
    expect(parseSesReply(reply.line)).toMatchObject({ issueCode: code, providerCode: 'FailedOperation' });
    const stored = emulator.history.at(-1);
    expect(stored).toMatchObject({
      status: 'refused',
      reply: reply.line,
      verdict: { reason: 'provider-error', rule: 'R17' },
    });
    expect(stored?.verdict.requestId).toBe(json.Response.RequestId);
    expect(stored?.verdict.issues.length).toBeGreaterThan(0);
  });

  it('gives every refusal a fresh RequestId', async () => {
    const first = sesJson((await sendRaw(emulator, mime({ headers: { Subject: undefined } }))).line);
    const second = sesJson((await sendRaw(emulator, mime({ headers: { Subject: undefined } }))).line);
    expect(first.Response.RequestId).not.toBe(second.Response.RequestId);
  });

  it('refuses a MAIL FROM that is not the logged-in sender with NotAuthenticatedSender (R4)', async () => {
    const client = await rawClient(emulator);
    const reply = await client.send('someone-else@example.com', ['user@example.org'], mime());
    await client.quit();
    expect(sesJson(reply.line).QcloudError.Error.Code).toBe('FailedOperation.NotAuthenticatedSender');
    expect(emulator.history.at(-1)?.verdict.reason).toBe('sender-mismatch');
  });

  it('refuses a From header that is not the logged-in sender (R4)', async () => {
    const reply = await sendRaw(emulator, mime({ headers: { From: 'Other <other@example.com>' } }));
    expect(sesJson(reply.line).QcloudError.Error.Code).toBe('FailedOperation.NotAuthenticatedSender');
  });

  it('refuses more than 50 envelope recipients with TooManyRecipients (R8)', async () => {
    const to = Array.from({ length: 51 }, (_, i) => `r${i}@example.org`);
    const reply = await sendRaw(emulator, mime(), to);
    expect(sesJson(reply.line).QcloudError.Error.Code).toBe('FailedOperation.TooManyRecipients');
  });

  it('refuses a sender display name with ":" as IllegalSenderName (R23)', async () => {
    const reply = await sendRaw(emulator, mime({ headers: { From: `"Team: Ops" <${USER}>` } }));
    expect(sesJson(reply.line).QcloudError.Error.Code).toBe('InvalidParameterValue.IllegalSenderName');
  });
});
