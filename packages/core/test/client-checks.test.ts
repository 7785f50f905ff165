// What the client refuses before the network (R19): a From other than the login (R4), a raw envelope of the
// wrong shape, and options it does not know. The emulator's stats show that no connection was opened.
import { message, rawMessage, recipient, rejection, USER } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClientOptions, RawEnvelope } from '../src/client/types.js';
import { type Harness, harness } from './helpers.js';

const OTHER = 'billing@mail.example.com';
const raw = (from = USER) =>
  rawMessage('Message-ID: <checks@mail.example.com>').replace(`From: ${USER}`, `From: ${from}`);

describe('the client before the network', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ retry: false });
  });
  beforeEach(() => h.emulator.reset());
  afterAll(async () => h.close());

  function nothingReachedTheServer(): void {
    expect(h.emulator.stats.connections).toBe(0);
    expect(h.emulator.history).toHaveLength(0);
  }

  it('refuses a From other than the login with VALIDATION, R4, path from, and connects to nothing', async () => {
    const error = await rejection(h.client.send(message(recipient(), { from: { name: 'Billing', address: OTHER } })));
    expect(error).toMatchObject({ code: 'VALIDATION', category: 'validation', rule: 'R4', retryable: false });
    expect(error.issues).toEqual([expect.objectContaining({ code: 'invalid_address', rule: 'R4', path: ['from'] })]);
    expect(error.message).toContain(USER);
    nothingReachedTheServer();
  });

  it('lists the From issue among the other issues of the message, first', async () => {
    const error = await rejection(h.client.send(message(recipient(), { from: OTHER, subject: ' ' })));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_address', ['from']],
      ['subject_required', ['subject']],
    ]);
    expect(error.rule).toBe('R4');
    nothingReachedTheServer();
  });

  it('compares the whole address without regard to case, and sends', async () => {
    const outcome = await h.client.send(message(recipient(), { from: USER.toUpperCase() }));
    expect(outcome.accepted).toHaveLength(1);
    expect(h.emulator.history).toHaveLength(1);
  });

  it('refuses a raw From header other than the login the same way, connecting to nothing', async () => {
    const error = await rejection(h.client.sendRaw(raw(OTHER)));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R4' });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'invalid_address', rule: 'R4', path: ['headers', 'From'] }),
    ]);
    nothingReachedTheServer();
  });

  it('takes the From header as the sender of a raw envelope given without one, as send does', async () => {
    const outcome = await h.client.sendRaw(raw(), { to: ['raw@example.org'] });
    expect(outcome.envelope.from).toBe(USER);
    expect(h.emulator.history).toHaveLength(1);
  });

  it.each([
    ['null', null],
    ['a string', 'raw@example.org'],
    ['a sender that is no string', { from: { address: USER }, to: ['raw@example.org'] }],
    ['a recipient list that is no list', { from: USER, to: 'raw@example.org' }],
  ])('refuses a raw envelope of %s as VALIDATION naming envelope, never UNKNOWN', async (_name, envelope) => {
    const error = await rejection(h.client.sendRaw(raw(), envelope as unknown as RawEnvelope));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R9' });
    expect(error.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['envelope'] })]);
    nothingReachedTheServer();
  });

  it('gives a raw refusal its first rule, as send does', async () => {
    const error = await rejection(h.client.sendRaw(raw().replace('Message-ID: <checks@mail.example.com>\r\n', '')));
    expect(error).toMatchObject({ code: 'VALIDATION', rule: 'R21' });
    nothingReachedTheServer();
  });
});

describe('createMailClient options', () => {
  const options = (extra: Record<string, unknown>) =>
    ({ host: '127.0.0.1', port: 2465, auth: { user: USER, pass: 'x' }, ...extra }) as MailClientOptions;

  it.each([['maxConnections'], ['secure'], ['ignoreTLS'], ['hasOwnProperty']])(
    'refuses the unknown top-level key %s by name',
    (key) => {
      expect(() => createMailClient(options({ [key]: 1 }))).toThrow(
        expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining(`Invalid option ${key}:`) }),
      );
    },
  );

  it.each([
    [{ tls: { rejectUnauthorized: false } }, 'tls.rejectUnauthorized'],
    [{ rejectUnauthorized: false }, 'rejectUnauthorized'],
  ])('refuses turning TLS verification off, loudly (%#)', (extra, name) => {
    expect(() => createMailClient(options(extra))).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION',
        message: expect.stringContaining(`Invalid option ${name}: TLS verification is never turned off`),
      }),
    );
  });
});
