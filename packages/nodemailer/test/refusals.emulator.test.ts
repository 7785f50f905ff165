import { isQcloudMailError } from '@qcloudmail/core';
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

const base = { from: USER, to: 'user@example.org', subject: 'Refused', text: 'never sent' };

// Each option the service cannot honour, the code it fails with and the issue's first path element: core's
// refusal, the same as at every other door (a file path too: core refuses it unless allowFileAccess reads it).
const refusals: Array<[string, Record<string, unknown>, string, string]> = [
  ['cc under the single policy (R9)', { cc: 'copy@example.org' }, 'VALIDATION', 'cc'],
  ['bcc under the single policy (R9)', { bcc: 'hidden@example.org' }, 'VALIDATION', 'bcc'],
  [
    'an inline cid attachment (R12)',
    { attachments: [{ filename: 'a.png', content: 'x', cid: 'a@b' }] },
    'VALIDATION',
    'attachments',
  ],
  [
    'an inline disposition (R12)',
    { attachments: [{ filename: 'a.txt', content: 'x', contentDisposition: 'inline' }] },
    'VALIDATION',
    'attachments',
  ],
  ['amp', { amp: '<!doctype html><html ⚡4email><body>hi</body></html>' }, 'VALIDATION', 'amp'],
  [
    'icalEvent',
    { icalEvent: { method: 'request', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' } },
    'VALIDATION',
    'icalEvent',
  ],
  ['dkim', { dkim: { domainName: 'example.com', keySelector: 'k', privateKey: 'pem' } }, 'VALIDATION', 'dkim'],
  [
    'alternatives',
    { alternatives: [{ contentType: 'text/x-web-markdown', content: '**Hello**' }] },
    'VALIDATION',
    'alternatives',
  ],
  ['watchHtml', { watchHtml: '<b>Watch</b>' }, 'VALIDATION', 'watchHtml'],
  ['list', { list: { unsubscribe: 'https://example.com/unsubscribe' } }, 'VALIDATION', 'list'],
  ['another sender', { sender: 'other@example.com' }, 'VALIDATION', 'sender'],
  [
    'an envelope with hidden recipients',
    { envelope: { from: USER, to: ['user@example.org', 'x@example.org'] } },
    'VALIDATION',
    'envelope',
  ],
  ['a file path without allowFileAccess', { attachments: [{ path: '/etc/hostname' }] }, 'VALIDATION', 'attachments'],
  ['a URL', { attachments: [{ filename: 'a.pdf', href: 'http://127.0.0.1:9/a.pdf' }] }, 'VALIDATION', 'attachments'],
  [
    'attachDataUrls with an image',
    { attachDataUrls: true, html: '<img src="data:image/png;base64,iVBORw0KGgo=">' },
    'VALIDATION',
    'attachDataUrls',
  ],
  [
    'a blocked attachment type (R22)',
    { attachments: [{ filename: 'run.exe', content: 'MZ' }] },
    'VALIDATION',
    'attachments',
  ],
];

describe('options the service cannot honour', () => {
  it.each(refusals)('refuses %s with nothing sent', async (_name, change, code, field) => {
    const before = server.messages.length;
    const error = await rejection(transporter.sendMail({ ...base, ...change }));
    expect(isQcloudMailError(error)).toBe(true);
    expect(error.code).toBe(code);
    const issues = error.issues as Array<{ path: unknown[]; rule: string }>;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => issue.path[0] === field)).toBe(true);
    expect(server.messages.length).toBe(before);
  });
});
