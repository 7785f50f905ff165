// A templated send renders before validation: the rendered message is what reaches the emulator, and every rule
// (and every template failure) stops it before the network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, recipient, rejection, seen, storedById } from '@qcloudmail/test-helpers';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { TemplateRenderer, TemplateRenderRequest } from '../src/templates/types.js';
import { type Harness, harness } from './helpers.js';

// A user's own renderer: the subject and html from the context, no text (the client derives it).
const renderer: TemplateRenderer = {
  engine: 'own',
  render(request: TemplateRenderRequest) {
    const name = request.context.name;
    if (typeof name !== 'string') throw new Error('name is required');
    if (request.template === 'long-subject') return { subject: 's'.repeat(999), html: '<p>x</p>' };
    return { subject: `Shipped to ${name}`, html: `<h1>Hello ${name}</h1><p>Your order has shipped.</p>` };
  },
};

const templated = (to: string, extra: Record<string, unknown> = {}) => {
  const { text: _text, ...rest } = message(to, { messageId: `<tpl-${to}>` });
  return { ...rest, template: 'shipped', context: { name: 'Ada' }, ...extra };
};

describe('templated send through the client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ templates: renderer });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends the rendered subject and html with the text derived from it', async () => {
    const to = recipient();
    const outcome = await h.client.send(templated(to));
    const stored = storedById(h, outcome.messageId);
    expect(stored?.status).toBe('accepted');
    expect(stored?.parsed).toMatchObject({
      subject: 'Shipped to Ada',
      html: '<h1>Hello Ada</h1><p>Your order has shipped.</p>',
      text: 'HELLO ADA\n\nYour order has shipped.',
    });
  });

  it('applies the service rules to the rendered message (R23), before any connection', async () => {
    const before = seen(h).connections;
    const error = await rejection(h.client.send(templated(recipient(), { template: 'long-subject' })));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((issue) => issue.code)).toContain('subject_too_long');
    expect(seen(h).connections).toBe(before);
  });

  it('reports a template failure as TEMPLATE naming the template, before any connection', async () => {
    const before = seen(h).connections;
    const error = await rejection(h.client.send(templated(recipient(), { context: {} })));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details).toEqual({ template: 'shipped', engine: 'own' });
    expect(error.message).toContain('name is required');
    expect(seen(h).connections).toBe(before);
  });

  it('refuses a templated message without a configured renderer', async () => {
    const plain = createMailClient({ ...h.clientOptions, templates: undefined });
    try {
      const error = await rejection(plain.send(templated(recipient())));
      expect(error.code).toBe('TEMPLATE');
      expect(error.details?.field).toBe('template');
    } finally {
      await plain.close();
    }
  });

  it('refuses a templates option that is no renderer, naming it', () => {
    expect(() => createMailClient({ ...h.clientOptions, templates: { engine: 'x' } as never })).toThrow(
      /Invalid option templates: expected a TemplateRenderer/,
    );
  });
});
