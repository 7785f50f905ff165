import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, USER } from '@qcloudmail/test-helpers';
import { qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

let server: Emulator;
let transporter: ReturnType<typeof nodemailer.createTransport>;
beforeAll(async () => {
  server = await emulator();
  transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
});
afterAll(async () => {
  await transporter?.transporter.close?.();
  await server?.close();
});

const clean = [
  `From: ${USER}`,
  'To: raw@example.org',
  'Subject: Raw',
  'Message-ID: <raw-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'Hello from a raw message',
  '',
].join('\r\n');

describe('raw messages', () => {
  it('refuses a raw message that breaks the service rules, with lint issues and nothing sent', async () => {
    const before = server.messages.length;
    const dirty = clean.replace('text/plain; charset=UTF-8', 'text/enriched');
    const error = await rejection(transporter.sendMail({ raw: dirty }));
    expect(error.code).toBe('VALIDATION');
    const issues = error.issues as Array<{ code: string; path: unknown[] }>;
    expect(issues.some((issue) => issue.code === 'content_type_unsupported' && issue.path[0] === 'raw')).toBe(true);
    expect(server.messages.length).toBe(before);
  });

  it('refuses a raw message whose envelope adds hidden recipients (R9)', async () => {
    const error = await rejection(
      transporter.sendMail({ raw: clean, envelope: { from: USER, to: ['raw@example.org', 'bcc@example.org'] } }),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it('sends a clean raw message as it is, and returns its Message-ID', async () => {
    const info = await transporter.sendMail({ raw: clean });
    expect(info.messageId).toBe('<raw-1@example.com>');
    expect(info.accepted).toEqual(['raw@example.org']);
    const received = await server.waitForMessage((message) => message.raw.includes('raw-1@example.com'), 5000);
    expect(received.raw.toString('utf8')).toBe(clean);
  });

  it('refuses a raw message without a Message-ID, the only handle on it (R21)', async () => {
    const before = server.messages.length;
    const error = await rejection(
      transporter.sendMail({ raw: clean.replace('Message-ID: <raw-1@example.com>\r\n', '') }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('Message-ID');
    expect(server.messages.length).toBe(before);
  });
});
