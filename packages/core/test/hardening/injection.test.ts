// Header injection: a CR, LF or NUL in any value that reaches a header is refused, never written, by
// validateMessage, by buildMime and by the client (which then opens no connection). Unicode line separators are
// not line breaks in MIME: they are either refused or written as RFC 2047 encoded words, never raw.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, seen } from '@qcloudmail/test-helpers';
import { isQcloudMailError } from '../../src/errors/qcloud-mail-error.js';
import { buildMime } from '../../src/mime/build-mime-input.js';
import { buildMimeFromMessage } from '../../src/mime/build-mime.js';
import type { MailMessage } from '../../src/model/message.js';
import { validateMessage } from '../../src/model/validate-message.js';
import { type Harness, harness } from '../helpers.js';

const SENDER = 'noreply@mail.example.com';
const base = { from: SENDER, to: 'user@example.org', subject: 'Hello', text: 'Hello' };
const EVIL = 'Bcc: victim@evil.example';

/** Every field whose value ends up in a header, with a message carrying `c` inside that value. */
const fields: Array<[string, (c: string) => Record<string, unknown>, Array<string | number>]> = [
  ['subject', (c) => ({ subject: `Hi${c}${EVIL}` }), ['subject']],
  ['from (string)', (c) => ({ from: `Name${c}${EVIL} <${SENDER}>` }), ['from']],
  ['from.name', (c) => ({ from: { name: `Name${c}X-Evil yes`, address: SENDER } }), ['from', 'name']],
  ['from.address', (c) => ({ from: { name: 'N', address: `${SENDER}${c}${EVIL}` } }), ['from', 'address']],
  ['to (string)', (c) => ({ to: `user@example.org${c}${EVIL}` }), ['to']],
  ['to[1] (array)', (c) => ({ to: ['a@example.org', `b@example.org${c}${EVIL}`] }), ['to', 1]],
  ['to.name', (c) => ({ to: { name: `Name${c}${EVIL}`, address: 'a@example.org' } }), ['to', 'name']],
  ['replyTo', (c) => ({ replyTo: `reply@example.org${c}${EVIL}` }), ['replyTo']],
  ['headers value (object)', (c) => ({ headers: { 'X-Tag': `v${c}${EVIL}` } }), ['headers', 'X-Tag']],
  ['headers key (object)', (c) => ({ headers: { [`X-Tag${c}Bcc`]: 'v' } }), ['headers']],
  ['headers value (array)', (c) => ({ headers: [{ key: 'X-Tag', value: `v${c}${EVIL}` }] }), ['headers', 0, 'value']],
  ['headers key (array)', (c) => ({ headers: [{ key: `X-Tag${c}${EVIL}`, value: 'v' }] }), ['headers', 0, 'key']],
  ['messageId', (c) => ({ messageId: `<id@example.com>${c}${EVIL}` }), ['messageId']],
  ['attachment filename', (c) => ({ attachments: [{ filename: `a${c}${EVIL}.pdf`, content: 'x' }] }), ['attachments']],
  [
    'attachment contentType',
    (c) => ({ attachments: [{ filename: 'a.pdf', content: 'x', contentType: `application/pdf${c}${EVIL}` }] }),
    ['attachments', 0, 'contentType'],
  ],
];
const BREAKS = ['\r', '\n', '\r\n', '\0'];
const SEPARATORS = ['\u2028', '\u2029', '\u0085', '\v', '\f'];

const table = fields.flatMap(([name, make, path]) =>
  BREAKS.map((c) => [name, JSON.stringify(c), { ...base, ...make(c) }, path] as const),
);

function startsWith(path: ReadonlyArray<string | number>, prefix: ReadonlyArray<string | number>): boolean {
  return prefix.every((part, index) => path[index] === part);
}

describe('CR, LF and NUL in any header field are refused', () => {
  it.each(table)('%s with %s: validateMessage reports header_injection', (_name, _c, input, path) => {
    const result = validateMessage(input, { recipients: 'split' });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.some((issue) => issue.code === 'header_injection' && startsWith(issue.path, path))).toBe(true);
  });

  it.each(table)('%s with %s: buildMime throws VALIDATION and writes nothing', (_name, _c, input) => {
    let thrown: unknown;
    try {
      buildMime(input);
    } catch (error) {
      thrown = error;
    }
    expect(isQcloudMailError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'VALIDATION' });
    expect((thrown as { issues: Array<{ code: string }> }).issues.map((issue) => issue.code)).toContain(
      'header_injection',
    );
  });
});

describe('Unicode line separators and other controls never reach a header raw', () => {
  const cases = fields.flatMap(([name, make]) =>
    SEPARATORS.map((c) => [name, JSON.stringify(c), { ...base, ...make(c) }] as const),
  );
  it.each(cases)('%s with %s: refused, or written as 7-bit ASCII with no extra header', async (_n, _c, input) => {
    const result = validateMessage(input);
    if (!result.ok) {
      expect(result.issues.length).toBeGreaterThan(0);
      return;
    }
    const built = buildMime(input);
    // Every header and every body is 7-bit: bodies are quoted-printable or base64, headers encoded words.
    expect(/^[\t\r\n\x20-\x7e]*$/.test(built.raw.toString('latin1'))).toBe(true);
    const parsed = await simpleParser(built.raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-evil')).toBe(false);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(
      result.message.to.map((a) => a.address),
    );
  });
});

describe('the builder refuses unsafe values that skipped validation', () => {
  const valid = (): MailMessage => {
    const result = validateMessage(base);
    if (!result.ok) throw new Error('base message must be valid');
    return result.message;
  };
  it.each([
    ['an address', (m: MailMessage) => ({ ...m, to: [{ name: '', address: `a@example.org\r\n${EVIL}` }] }), {}],
    ['a from address', (m: MailMessage) => ({ ...m, from: { name: '', address: `a@b.co\n${EVIL}` } }), {}],
    ['a messageId', (m: MailMessage) => ({ ...m, messageId: `<a@b.co>\r\n${EVIL}` }), {}],
    ['options.messageId', (m: MailMessage) => m, { messageId: `a@b.co\r\n${EVIL}` }],
    ['an invalid date', (m: MailMessage) => m, { date: new Date(Number.NaN) }],
    [
      'an attachment contentType',
      (m: MailMessage) => ({
        ...m,
        attachments: [{ filename: 'a.pdf', content: Buffer.from('x'), contentType: `text/plain\r\n${EVIL}` }],
      }),
      {},
    ],
  ])('%s', (_name, change, options) => {
    expect(() => buildMimeFromMessage(change(valid()), options)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', name: 'QcloudMailError' }),
    );
  });

  it('buildMime refuses a line break in options.messageId', () => {
    expect(() => buildMime(base, { messageId: `x@y.co\r\n${EVIL}` })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(buildMime(base, { messageId: 'x@y.co' }).messageId).toBe('<x@y.co>');
  });
});

describe('attachment content types cannot smuggle structure (R12, R22)', () => {
  it.each([
    ['a second file name', 'application/pdf; name="run.exe"'],
    ['an RFC 2231 file name', "application/pdf; filename*=UTF-8''run.exe"],
    ['a boundary', 'application/pdf; boundary="x"'],
    ['a multipart type', 'multipart/mixed; boundary="zz"'],
    ['an embedded message', 'message/rfc822'],
    ['non-ASCII', 'application/pdf; x="é"'],
    ['a vertical tab', 'application/pdf;\vx=1'],
    ['no subtype', 'application'],
  ])('refuses %s', (_name, contentType) => {
    const result = validateMessage({ ...base, attachments: [{ filename: 'a.pdf', content: 'x', contentType }] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.path.join('.'), issue.rule])).toEqual([
      ['invalid_type', 'attachments.0.contentType', 'R12'],
    ]);
  });

  it.each(['application/pdf', 'text/csv; charset=UTF-8', 'text/plain; format="flowed"', 'image/svg+xml'])(
    'accepts %s',
    async (contentType) => {
      const input = { ...base, attachments: [{ filename: 'a.pdf', content: 'x', contentType }] };
      const parsed = await simpleParser(buildMime(input).raw);
      expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        ['a.pdf', contentType.split(';')[0]],
      ]);
    },
  );
});

describe('through the client, nothing reaches the service', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ retry: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses every injected field with VALIDATION before connecting', async () => {
    for (const [name, , input] of table) {
      const error = await rejection(h.client.send(input));
      expect([name, error.code]).toEqual([name, 'VALIDATION']);
    }
    expect(seen(h)).toEqual({ connections: 0, stored: 0, rateLimited: 0 });
  });
});
