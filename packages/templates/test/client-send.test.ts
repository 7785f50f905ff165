// Every first-party renderer behind a real client and the emulator over TLS: what arrives is the rendered
// message, validated after rendering like any other.
import { createMailClient, type MailClient } from '@qcloudmail/core';
import {
  clientOptions,
  type Emulator,
  recipient,
  rejection,
  seen,
  startTestEmulator,
  storedById,
  USER,
} from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplateRenderer, type TemplateEngineConfig } from '../src/index.js';
import { fixtureDir } from './fixtures.js';
import { ShippedEmail } from './fixtures/react/emails.js';

const order = { id: 'A-17', customer: 'Ada', carrier: 'sf', notes: 'none' };
const i18n = (key: string) => key;

const engines: Array<[string, TemplateEngineConfig, Record<string, unknown>, string]> = [
  [
    'handlebars',
    { engine: 'handlebars', dir: fixtureDir('handlebars'), helpers: { upper: (v: unknown) => String(v) }, i18n },
    { template: 'shipped', context: { order } },
    'Order A-17 ships sf.',
  ],
  [
    'mjml',
    { engine: 'mjml', dir: fixtureDir('mjml'), i18n },
    { template: 'welcome', context: { user: { name: 'Ada' }, items: ['one'] } },
    'one',
  ],
  [
    'react-email',
    { engine: 'react-email', templates: { shipped: ShippedEmail } },
    { template: 'shipped', context: { order } },
    'Order A-17 has shipped',
  ],
];

describe.each(engines)('a templated send with %s', (engine, config, input, expected) => {
  let emulator: Emulator;
  let client: MailClient;
  beforeAll(async () => {
    emulator = await startTestEmulator({ httpPort: false });
    client = createMailClient(clientOptions(emulator, { templates: await loadTemplateRenderer(config) }));
  });
  afterAll(async () => {
    await client.close({ timeoutMs: 2000 });
    await emulator.close();
  });

  it('arrives rendered, with a text part, the subject templated', async () => {
    const outcome = await client.send({
      from: USER,
      to: recipient(),
      subject: `Sent by {{engine}}`,
      ...input,
      context: { ...(input.context as object), engine },
    } as never);
    const stored = storedById(emulator, outcome.messageId);
    expect(stored?.status).toBe('accepted');
    expect(stored?.parsed.html).toContain(expected);
    expect(stored?.parsed.text?.length).toBeGreaterThan(0);
    if (engine !== 'react-email') expect(stored?.parsed.subject).toBe(`Sent by ${engine}`);
  });

  it('stops a template error before the network', async () => {
    const before = seen(emulator).connections;
    const error = await rejection(client.send({ from: USER, to: recipient(), subject: 's', template: 'nope' }));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details).toMatchObject({ template: 'nope', engine });
    expect(seen(emulator).connections).toBe(before);
  });
});

describe('loadTemplateRenderer', () => {
  it('refuses an engine it does not know, naming the ones it does', async () => {
    const error = await rejection(loadTemplateRenderer({ engine: 'pug', dir: '.' } as never));
    expect(error.code).toBe('TEMPLATE');
    expect(error.message).toContain('engine: expected one of handlebars, mjml, react-email');
  });
});
