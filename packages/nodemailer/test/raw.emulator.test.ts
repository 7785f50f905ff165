import { createMailClient, type MailClient, type RawEnvelope } from '@qcloudmail/core';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, rawMessage, USER } from '@qcloudmail/test-helpers';
import { qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator;
let transporter: ReturnType<typeof nodemailer.createTransport>;
let client: MailClient;
beforeAll(async () => {
  server = await emulator();
  transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
  client = createMailClient(clientOptions(server));
});
afterAll(async () => {
  await transporter?.transporter.close?.();
  await client?.close();
  await server?.close();
});

const clean = rawMessage('Message-ID: <raw-1@example.com>', { subject: 'Raw' });

function comparable(error: Record<string, unknown>) {
  const issues = error.issues as Array<{ code: string; rule: string; path: unknown[] }>;
  return {
    code: error.code,
    rule: error.rule,
    issues: issues.map((issue) => ({ code: issue.code, rule: issue.rule, path: issue.path })),
  };
}

// nodemailer's envelope of a case, and the same envelope as core's `sendRaw` takes it.
const REFUSED: Array<[string, string, Record<string, unknown> | undefined, RawEnvelope | undefined, string]> = [
  [
    'a part type the service refuses',
    clean.replace('text/plain; charset=UTF-8', 'text/enriched'),
    undefined,
    undefined,
    'content_type_unsupported',
  ],
  [
    'no Message-ID, the only handle on it (R21)',
    clean.replace('Message-ID: <raw-1@example.com>\r\n', ''),
    undefined,
    undefined,
    'header_syntax',
  ],
  [
    'an envelope that adds a hidden recipient (R9)',
    clean,
    { from: USER, to: ['raw@example.org'], bcc: 'bcc@example.org' },
    { from: USER, to: ['raw@example.org', 'bcc@example.org'] },
    'bcc_unsupported',
  ],
  [
    'an envelope from another sender (R4)',
    clean,
    { from: { name: 'Bounce', address: 'bounce@example.com' }, to: 'raw@example.org' },
    { from: 'bounce@example.com', to: ['raw@example.org'] },
    'invalid_address',
  ],
];

describe('raw messages', () => {
  it.each(REFUSED)('refuses %s exactly as core sendRaw does, nothing sent', async (_name, raw, given, core, code) => {
    const before = server.messages.length;
    const error = await rejection(transporter.sendMail({ raw, envelope: given as never }));
    const reference = await rejection(client.sendRaw(raw, core));
    expect(error.code).toBe('VALIDATION');
    expect(comparable(error)).toEqual(comparable(reference));
    const issues = error.issues as Array<{ code: string; path: unknown[] }>;
    expect(issues.map((issue) => issue.code)).toContain(code);
    // Core's paths: the lint's own (headers, parts, envelope), never prefixed by the adapter's option name.
    expect(issues.every((issue) => issue.path[0] !== 'raw')).toBe(true);
    expect(server.messages.length).toBe(before);
  });

  it('refuses an envelope without a sender, by its field', async () => {
    const error = await rejection(transporter.sendMail({ raw: clean, envelope: { to: 'raw@example.org' } }));
    expect(error.code).toBe('VALIDATION');
    const issues = error.issues as Array<{ path: unknown[] }>;
    expect(issues.some((issue) => issue.path.join('.') === 'envelope.from')).toBe(true);
  });

  it('sends a clean raw message as it is, and returns its Message-ID', async () => {
    const info = await transporter.sendMail({ raw: clean });
    expect(info.messageId).toBe('<raw-1@example.com>');
    expect(info.accepted).toEqual(['raw@example.org']);
    expect(info.envelope).toEqual({ from: USER, to: ['raw@example.org'] });
    const received = await server.waitForMessage((message) => message.raw.includes('raw-1@example.com'), 5000);
    expect(received.raw.toString('utf8')).toBe(clean);
  });

  it("sends with nodemailer's envelope shapes when they name the message's sender and recipients", async () => {
    const raw = clean
      .replace('raw-1@', 'raw-2@')
      .replace('To: raw@example.org', 'To: raw@example.org, two@example.org');
    const envelope = { from: { name: 'Shop', address: USER }, to: 'raw@example.org, Two <two@example.org>' };
    const info = await transporter.sendMail({ raw, envelope });
    expect(info.envelope).toEqual({ from: USER, to: ['raw@example.org', 'two@example.org'] });
    await server.waitForMessage((message) => message.raw.includes('raw-2@example.com'), 5000);
  });

  it('refuses an envelope that is not an object, by its field', async () => {
    const error = await rejection(transporter.sendMail({ raw: clean, envelope: 5 as never }));
    expect(comparable(error)).toEqual({
      code: 'VALIDATION',
      rule: 'R9',
      issues: [{ code: 'invalid_type', rule: 'R9', path: ['envelope'] }],
    });
  });
});
