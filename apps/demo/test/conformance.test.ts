import {
  type MailMessageInput,
  type RawEnvelope,
  renderMessage,
  type SendInput,
  type TemplateRenderer,
  templateError,
} from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conformanceMessage,
  describeSender,
  expectFailure,
  expectSameFailure,
  lastStored,
  normalizeBoundaries,
  referenceBytes,
  USER,
} from './describe-sender.js';
import {
  coreSender,
  expressSender,
  nestSender,
  nodemailerSender,
  type Sender,
  type SenderFactory,
  type SenderFailure,
} from './senders.js';

const NOT_SENT = { retryable: false, retryAfterMs: undefined, providerCode: undefined } as const;

const EXPECTED: Record<'cc' | 'exe' | 'blacklist' | 'rateLimit' | 'auth', SenderFailure> = {
  cc: {
    code: 'VALIDATION',
    category: 'validation',
    rule: 'R9',
    ...NOT_SENT,
    issues: [{ code: 'cc_unsupported', rule: 'R9', path: ['cc'] }],
  },
  exe: {
    code: 'VALIDATION',
    category: 'validation',
    rule: 'R22',
    ...NOT_SENT,
    issues: [{ code: 'attachment_type_blocked', rule: 'R22', path: ['attachments', 0, 'filename'] }],
  },
  blacklist: {
    code: 'PROVIDER',
    category: 'recipient',
    rule: 'R25',
    retryable: false,
    retryAfterMs: undefined,
    providerCode: 'FailedOperation.EmailAddrInBlacklist',
    issues: [],
  },
  rateLimit: {
    code: 'RATE_LIMIT',
    category: 'rate_limit',
    rule: 'R7',
    retryable: true,
    retryAfterMs: 1000,
    providerCode: 'RequestLimitExceeded.SmtpRateLimit',
    issues: [],
  },
  auth: { code: 'AUTH', category: 'auth', rule: 'R21', ...NOT_SENT, issues: [] },
};

type Issue = SenderFailure['issues'][number];

/** A refusal before the network: `VALIDATION`, not retryable, with exactly these issues; the rule is the first's. */
function refusal(...issues: Issue[]): SenderFailure {
  return { code: 'VALIDATION', category: 'validation', rule: issues[0]?.rule, ...NOT_SENT, issues };
}

const attachment = (extra: Record<string, unknown>) => ({ attachments: [{ filename: 'notes.txt', ...extra }] });

/**
 * Inputs the service cannot honour, or that qcloudmail deliberately does not do: every way to send refuses each
 * the same way (same code, issue codes, rules and paths) and sends nothing. Raw messages have a table of their own
 * (RAW_REFUSALS).
 */
const REFUSALS: Array<[string, Record<string, unknown>, SenderFailure]> = [
  [
    'amp',
    { amp: '<!doctype html><html ⚡4email><body>hi</body></html>' },
    refusal({ code: 'content_type_unsupported', rule: 'HEADERS', path: ['amp'] }),
  ],
  [
    'watchHtml',
    { watchHtml: '<b>watch</b>' },
    refusal({ code: 'content_type_unsupported', rule: 'HEADERS', path: ['watchHtml'] }),
  ],
  [
    'alternatives',
    { alternatives: [{ contentType: 'text/x-web-markdown', content: '**hi**' }] },
    refusal({ code: 'content_type_unsupported', rule: 'HEADERS', path: ['alternatives'] }),
  ],
  [
    'icalEvent',
    { icalEvent: { method: 'request', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' } },
    refusal({ code: 'content_type_unsupported', rule: 'HEADERS', path: ['icalEvent'] }),
  ],
  [
    'dkim',
    { dkim: { domainName: 'example.com', keySelector: 's', privateKey: 'pem' } },
    refusal({ code: 'option_unsupported', rule: 'HEADERS', path: ['dkim'] }),
  ],
  [
    'list',
    { list: { unsubscribe: 'https://example.com/u' } },
    refusal({ code: 'header_unsupported', rule: 'HEADERS', path: ['list'] }),
  ],
  [
    'a sender other than from',
    { sender: 'other@example.com' },
    refusal({ code: 'invalid_address', rule: 'R4', path: ['sender'] }),
  ],
  [
    'a From other than the login',
    { from: { name: '示例商店', address: 'billing@mail.example.com' } },
    refusal({ code: 'invalid_address', rule: 'R4', path: ['from'] }),
  ],
  [
    'an envelope with a hidden recipient',
    { envelope: { from: USER, to: ['hidden@example.org'] } },
    refusal({ code: 'bcc_unsupported', rule: 'R9', path: ['envelope', 'to'] }),
  ],
  [
    'an envelope from another sender',
    { envelope: { from: 'bounce@example.com' } },
    refusal(
      { code: 'invalid_address', rule: 'R4', path: ['envelope', 'from'] },
      { code: 'bcc_unsupported', rule: 'R9', path: ['envelope', 'to'] },
    ),
  ],
  [
    'attachDataUrls',
    { attachDataUrls: true },
    refusal({ code: 'content_id_unsupported', rule: 'R12', path: ['attachDataUrls'] }),
  ],
  [
    'an unknown key',
    { replyto: 'typo@example.org' },
    refusal({ code: 'option_unknown', rule: 'HEADERS', path: ['replyto'] }),
  ],
  [
    'an attachment path',
    attachment({ path: '/etc/hostname' }),
    refusal({ code: 'invalid_type', rule: 'R13', path: ['attachments', 0, 'path'] }),
  ],
  [
    'an attachment href',
    attachment({ href: 'http://127.0.0.1:9/a.pdf' }),
    refusal({ code: 'invalid_type', rule: 'R13', path: ['attachments', 0, 'href'] }),
  ],
  [
    'an attachment cid',
    attachment({ content: 'x', cid: 'logo@example.com' }),
    refusal({ code: 'content_id_unsupported', rule: 'R12', path: ['attachments', 0, 'cid'] }),
  ],
  [
    'an inline attachment',
    attachment({ content: 'x', contentDisposition: 'inline' }),
    refusal({ code: 'content_id_unsupported', rule: 'R12', path: ['attachments', 0, 'contentDisposition'] }),
  ],
  [
    'a non-base64 transfer encoding',
    attachment({ content: 'x', contentTransferEncoding: 'quoted-printable' }),
    refusal({
      code: 'attachment_encoding_unsupported',
      rule: 'R12',
      path: ['attachments', 0, 'contentTransferEncoding'],
    }),
  ],
  [
    'a raw attachment part',
    attachment({ content: 'x', raw: 'Content-Type: text/plain\r\n\r\nx' }),
    refusal({ code: 'header_unsupported', rule: 'R12', path: ['attachments', 0, 'raw'] }),
  ],
  [
    'attachment part headers',
    attachment({ content: 'x', headers: { 'X-Part': '1' } }),
    refusal({ code: 'header_unsupported', rule: 'R12', path: ['attachments', 0, 'headers'] }),
  ],
  [
    'an unknown attachment key',
    attachment({ content: 'x', size: 1 }),
    refusal({ code: 'option_unknown', rule: 'R12', path: ['attachments', 0, 'size'] }),
  ],
];

let rawCount = 0;

/** A message built elsewhere (an .eml, nodemailer's `raw`), one recipient of its own per call (R6). */
function rawMessage(change: (lines: string[]) => string[] = (lines) => lines): { raw: string; to: string } {
  rawCount += 1;
  const to = `raw-${rawCount}@example.org`;
  const lines = [
    `From: ${USER}`,
    `To: ${to}`,
    'Subject: Raw',
    `Message-ID: <raw-${rawCount}@mail.example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Hello from a raw message',
    '',
  ];
  return { raw: change(lines).join('\r\n'), to };
}

const replaceLine = (from: string, to: string[]) => (lines: string[]) =>
  lines.flatMap((line) => (line.startsWith(from) ? to : [line]));

/**
 * Raw messages every door with a raw send refuses the same way, by core's lint (`sendRaw`, the one lint of a raw
 * message): core's paths, never the adapter's option name. Express takes structured JSON only.
 */
const RAW_REFUSALS: Array<
  [string, (to: string) => RawEnvelope | undefined, (lines: string[]) => string[], SenderFailure]
> = [
  [
    'a part type the service refuses',
    () => undefined,
    replaceLine('Content-Type:', ['Content-Type: text/enriched']),
    refusal({ code: 'content_type_unsupported', rule: 'HEADERS', path: ['headers', 'Content-Type'] }),
  ],
  [
    'no Message-ID',
    () => undefined,
    replaceLine('Message-ID:', []),
    refusal({ code: 'header_syntax', rule: 'R21', path: ['headers', 'Message-ID'] }),
  ],
  [
    'a Cc header',
    () => undefined,
    replaceLine('Subject:', ['Cc: manager@example.org', 'Subject: Raw']),
    refusal({ code: 'cc_unsupported', rule: 'R9', path: ['headers', 'Cc'] }),
  ],
  [
    'an envelope with a hidden recipient',
    (to) => ({ from: USER, to: [to, 'hidden@example.org'] }),
    (lines) => lines,
    refusal({ code: 'bcc_unsupported', rule: 'R9', path: ['envelope', 'to'] }),
  ],
  [
    'an envelope from another sender',
    (to) => ({ from: 'bounce@example.com', to: [to] }),
    (lines) => lines,
    refusal({ code: 'invalid_address', rule: 'R4', path: ['envelope', 'from'] }),
  ],
  [
    'a From other than the login',
    (to) => ({ from: 'billing@mail.example.com', to: [to] }),
    replaceLine('From:', ['From: billing@mail.example.com']),
    refusal({ code: 'invalid_address', rule: 'R4', path: ['headers', 'From'] }),
  ],
];

/**
 * A user's own renderer (core's contract, no engine): `shipped` renders the subject's `{{order}}`, html, and text
 * only when the context asks for one of its own; `receipt` names the locale. First-party engines are held to the
 * same contract by @qcloudmail/templates' tests; here every door hands the same request to the same renderer.
 */
const RENDERER: TemplateRenderer = {
  engine: 'conformance',
  render({ template, context, subject, locale }) {
    const order = context.order;
    if (typeof order !== 'string') {
      throw templateError(
        { template, engine: 'conformance', line: 2, variable: 'order' },
        { reason: 'order is missing' },
      );
    }
    const html = `<p>您好！</p><p>订单 <b>${order}</b> ${locale === 'en' ? 'has shipped' : '已发货'}。</p>`;
    const text = context.ownText === true ? `订单 ${order} 已发货。\n` : undefined;
    return { subject: subject?.replace('{{order}}', order), html, ...(text === undefined ? {} : { text }) };
  },
};

/** The conformance message naming a template instead of carrying html and text; Message-ID and date stay fixed. */
function templatedMessage(extra: Record<string, unknown> = {}): SendInput {
  const { html: _html, text: _text, ...message } = conformanceMessage();
  return {
    ...message,
    subject: '您的订单已发货 (order {{order}})',
    template: 'shipped',
    context: { order: '42' },
    ...extra,
  };
}

/** Templated inputs every door renders, then sends byte for byte as core renders and builds them. */
const TEMPLATED: Array<[string, Record<string, unknown>]> = [
  ['the subject and html rendered, the text derived from the html', {}],
  ['a text of its own', { context: { order: '42', ownText: true } }],
  ['the locale handed to the renderer', { locale: 'en' }],
  ['no attachments and no headers', { attachments: undefined, headers: undefined }],
];

/** A template failure: `TEMPLATE`, never retried, nothing sent; the category says whose fault it is. */
function templateFailure(category: string): SenderFailure {
  return { code: 'TEMPLATE', category, rule: undefined, ...NOT_SENT, issues: [] };
}

/** Templated inputs every door refuses the same way, before any connection. */
const TEMPLATE_REFUSALS: Array<[string, Record<string, unknown>, SenderFailure]> = [
  ['a variable the template needs', { context: {} }, templateFailure('content')],
  ['html beside the template', { html: '<p>also</p>' }, templateFailure('validation')],
  ['a context that is no object', { context: ['42'] }, templateFailure('validation')],
  ['a context without a template', { template: undefined, html: '<p>hi</p>' }, templateFailure('validation')],
];

const SENDERS: Array<[string, SenderFactory]> = [
  ['core client', coreSender],
  ['nodemailer transport', nodemailerSender],
  ['NestJS QcloudMailService', nestSender],
  ['Express req.mail over HTTP', expressSender],
];

for (const [name, factory] of SENDERS) {
  describeSender(name, factory, (ctx) => {
    it('puts the same bytes on the wire as core builds, apart from the boundaries', async () => {
      const { sender, emulator } = ctx();
      const message = conformanceMessage();
      const attempt = await sender.send(message);
      expect(attempt).toEqual({ ok: true, messageId: '<order-42-shipped@mail.example.com>' });
      const stored = lastStored(emulator);
      expect(stored?.status).toBe('accepted');
      expect(normalizeBoundaries(stored?.raw ?? '')).toBe(referenceBytes(message));
      expect(stored?.parsed.attachments.map((attachment) => attachment.filename)).toEqual(['发票.pdf']);
    });

    it('sends a text-only message byte for byte too', async () => {
      const { sender, emulator } = ctx();
      const message = conformanceMessage({ html: undefined, attachments: undefined, headers: undefined });
      expect((await sender.send(message)).ok).toBe(true);
      expect(normalizeBoundaries(lastStored(emulator)?.raw ?? '')).toBe(referenceBytes(message));
    });

    it('refuses Cc under the default policy before uploading anything (R9, R19)', async () => {
      const { sender, emulator } = ctx();
      const failure = expectFailure(await sender.send(conformanceMessage({ cc: 'manager@example.org' })));
      expectSameFailure(sender, failure, EXPECTED.cc);
      expect(emulator.history).toHaveLength(0);
      expect(emulator.stats.connections).toBe(0);
    });

    it('refuses an executable attachment (R22)', async () => {
      const { sender, emulator } = ctx();
      const attachments = [{ filename: 'setup.exe', content: Buffer.from('MZ') }];
      expectSameFailure(sender, expectFailure(await sender.send(conformanceMessage({ attachments }))), EXPECTED.exe);
      expect(emulator.history).toHaveLength(0);
    });

    it.each(REFUSALS)('refuses %s the same way, with nothing sent', async (_name, extra, expected) => {
      const { sender, emulator } = ctx();
      const message = conformanceMessage(extra as Partial<MailMessageInput>);
      expectSameFailure(sender, expectFailure(await sender.send(message)), expected);
      expect(emulator.history).toHaveLength(0);
      expect(emulator.stats.connections).toBe(0);
    });

    it('sends a clean raw message byte for byte, where the door has a raw send', async (test) => {
      const { sender, emulator } = ctx();
      if (sender.sendRaw === undefined) return test.skip();
      const { raw, to } = rawMessage();
      expect((await sender.sendRaw(raw, { from: USER, to: [to] })).ok).toBe(true);
      expect(lastStored(emulator)?.raw.toString()).toBe(raw);
    });

    it.for(RAW_REFUSALS)(
      'refuses a raw message with %s the same way, nothing sent',
      async ([_n, envelope, change, expected], test) => {
        const { sender, emulator } = ctx();
        if (sender.sendRaw === undefined) return test.skip();
        const { raw, to } = rawMessage(change);
        expectSameFailure(sender, expectFailure(await sender.sendRaw(raw, envelope(to))), expected);
        expect(emulator.history).toHaveLength(0);
        expect(emulator.stats.connections).toBe(0);
      },
    );

    it('surfaces a provider refusal after DATA (R16, R25)', async () => {
      const { sender, emulator } = ctx();
      emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
      const failure = expectFailure(await sender.send(conformanceMessage()));
      expectSameFailure(sender, failure, EXPECTED.blacklist);
      expect(lastStored(emulator)?.verdict.providerCode).toBe('FailedOperation.EmailAddrInBlacklist');
    });

    it("surfaces the service's rate limit as retryable (R7, R24)", async () => {
      const { sender, emulator } = ctx();
      emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
      expectSameFailure(sender, expectFailure(await sender.send(conformanceMessage())), EXPECTED.rateLimit);
      // The fault fired once: the same sender sends again once the limit has passed.
      expect((await sender.send(conformanceMessage())).ok).toBe(true);
    });

    describe('templated messages (rendered before validation)', () => {
      let templated: Sender | undefined;
      beforeAll(async () => {
        templated = await factory(ctx().clientOptions({ templates: RENDERER }));
      });
      afterAll(async () => {
        await templated?.close();
      });
      const send = (input: SendInput) => {
        if (templated === undefined) throw new Error('the templated sender did not start');
        // The suite's senders take core's input; a templated one goes through each door as it is.
        return templated.send(input as MailMessageInput);
      };

      it.each(TEMPLATED)('renders %s to the same bytes at every door', async (_name, extra) => {
        const { emulator } = ctx();
        const input = templatedMessage(extra);
        const attempt = await send(input);
        expect(attempt).toEqual({ ok: true, messageId: '<order-42-shipped@mail.example.com>' });
        expect(lastStored(emulator)?.status).toBe('accepted');
        const rendered = await renderMessage(input, RENDERER);
        expect(normalizeBoundaries(lastStored(emulator)?.raw ?? '')).toBe(referenceBytes(rendered));
      });

      it.each(TEMPLATE_REFUSALS)('refuses %s the same way, with nothing sent', async (_name, extra, expected) => {
        const { emulator } = ctx();
        expectSameFailure(templated as Sender, expectFailure(await send(templatedMessage(extra))), expected);
        expect(emulator.history).toHaveLength(0);
        expect(emulator.stats.connections).toBe(0);
      });

      it('refuses a template where no renderer is configured, as TEMPLATE (configuration)', async () => {
        const { sender, emulator } = ctx();
        const failure = expectFailure(await sender.send(templatedMessage() as MailMessageInput));
        expectSameFailure(sender, failure, templateFailure('configuration'));
        expect(emulator.history).toHaveLength(0);
      });

      it('applies every service rule to the rendered message: Cc is refused (R9)', async () => {
        const failure = expectFailure(await send(templatedMessage({ cc: 'manager@example.org' })));
        expectSameFailure(templated as Sender, failure, EXPECTED.cc);
        expect(ctx().emulator.history).toHaveLength(0);
      });
    });

    it('surfaces a wrong password as AUTH, never retried (R21)', async () => {
      const { emulator, clientOptions } = ctx();
      const wrong = await factory(clientOptions({ auth: { user: USER, pass: 'not-the-password' } }));
      try {
        expectSameFailure(wrong, expectFailure(await wrong.send(conformanceMessage())), EXPECTED.auth);
        expect(emulator.stats.authFailures).toBe(1);
        expect(emulator.history).toHaveLength(0);
      } finally {
        await wrong.close();
      }
    });
  });
}
