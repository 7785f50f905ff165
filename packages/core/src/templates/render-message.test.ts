import { rejection } from '@qcloudmail/test-helpers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS } from '../limits/limits.js';
import { isTemplatedMessage } from './is-templated-message.js';
import { renderMessage } from './render-message.js';
import { templateError } from './template-error.js';
import type { RenderedTemplate, SendInput, TemplateRenderer, TemplateRenderRequest } from './types.js';

const base = { from: 'sender@mail.example.com', to: 'user@example.org', subject: 'Order {{id}}' };

// A user's own renderer: fills `{{name}}` from the context by plain string splitting, and records each request.
function ownRenderer(output?: (request: TemplateRenderRequest) => RenderedTemplate): TemplateRenderer & {
  requests: TemplateRenderRequest[];
} {
  const requests: TemplateRenderRequest[] = [];
  const fill = (source: string, context: Readonly<Record<string, unknown>>) =>
    source
      .split('{{')
      .map((part, i) => {
        if (i === 0) return part;
        const end = part.indexOf('}}');
        return `${String(context[part.slice(0, end)])}${part.slice(end + 2)}`;
      })
      .join('');
  return {
    engine: 'own',
    requests,
    render(request) {
      requests.push(request);
      if (output !== undefined) return output(request);
      return {
        subject: fill(request.subject ?? '', request.context),
        html: fill('<h1>Order {{id}}</h1><p>Shipped to <b>{{name}}</b>.</p>', request.context),
      };
    },
  };
}

describe('renderMessage', () => {
  it('renders the subject and html and derives the text from the html', async () => {
    const renderer = ownRenderer();
    const input: SendInput = { ...base, template: 'shipped', context: { id: 7, name: 'Ada' }, locale: 'en' };
    const out = await renderMessage(input, renderer);
    expect(out).toEqual({
      from: base.from,
      to: base.to,
      subject: 'Order 7',
      html: '<h1>Order 7</h1><p>Shipped to <b>Ada</b>.</p>',
      text: 'ORDER 7\n\nShipped to Ada.',
    });
    expect(renderer.requests).toEqual([
      { template: 'shipped', context: { id: 7, name: 'Ada' }, subject: 'Order {{id}}', locale: 'en' },
    ]);
  });

  it("keeps the renderer's own text, and the given subject when the renderer returns none", async () => {
    const renderer = ownRenderer(() => ({ html: '<p>a</p>', text: 'own text' }));
    const out = await renderMessage({ ...base, template: 't' }, renderer);
    expect(out).toMatchObject({ subject: 'Order {{id}}', html: '<p>a</p>', text: 'own text' });
    expect(renderer.requests[0]?.context).toEqual({});
  });

  it('passes a plain message through as it is, without a renderer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (subject, text) => {
        const input = { ...base, subject, text };
        expect(await renderMessage(input, undefined)).toBe(input);
      }),
    );
    expect(isTemplatedMessage({ ...base, text: 'x' })).toBe(false);
    expect(isTemplatedMessage({ ...base, template: 't' })).toBe(true);
  });

  it('refuses a templated message when no renderer is configured', async () => {
    const error = await rejection(renderMessage({ ...base, template: 'shipped' }, undefined));
    expect(error.code).toBe('TEMPLATE');
    expect(error.category).toBe('configuration');
    expect(error.details).toEqual({ template: 'shipped', field: 'template' });
    expect(error.message).toContain('Template "shipped"');
    expect(error.action).toContain('templates option');
  });

  it.each([
    ['html', { html: '<p>x</p>' }],
    ['text', { text: 'x' }],
    ['context', { context: ['not', 'an', 'object'] }],
    ['locale', { locale: '' }],
    ['locale', { locale: 'x'.repeat(65) }],
    ['template', { template: '' }],
    ['template', { template: 'x'.repeat(257) }],
    ['template', { template: 42 }],
  ])('refuses a bad %s, naming the field, before the renderer runs', async (field, change) => {
    const renderer = ownRenderer();
    const error = await rejection(renderMessage({ ...base, template: 't', ...change } as SendInput, renderer));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details?.field).toBe(field);
    expect(error.message).toContain(`${field}:`);
    expect(error.message.length).toBeLessThan(600);
    expect(renderer.requests).toEqual([]);
  });

  it.each(['context', 'locale'])('refuses %s without a template', async (field) => {
    const error = await rejection(renderMessage({ ...base, text: 'x', [field]: { a: 1 } } as SendInput, ownRenderer()));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details?.field).toBe(field);
  });

  it("turns a renderer's own failure into TEMPLATE naming the template and engine, with the cause", async () => {
    const cause = new TypeError(`cannot read ${'x'.repeat(5000)}`);
    const error = await rejection(
      renderMessage(
        { ...base, template: 'broken' },
        ownRenderer(() => Promise.reject(cause) as never),
      ),
    );
    expect(error.code).toBe('TEMPLATE');
    expect(error.details).toEqual({ template: 'broken', engine: 'own' });
    expect(error.message.startsWith('Template "broken" (own): cannot read')).toBe(true);
    expect(error.message.length).toBeLessThan(1100);
    expect(error.cause).toBe(cause);
  });

  it('passes a QcloudMailError of the renderer on as it is', async () => {
    const own = templateError(
      { template: 'x', engine: 'own', line: 3, column: 5, variable: 'order.id' },
      { reason: 'strict mode' },
    );
    const error = await rejection(
      renderMessage(
        { ...base, template: 'x' },
        ownRenderer(() => {
          throw own;
        }),
      ),
    );
    expect(error).toBe(own);
    expect(error.message).toBe('Template "x" (own) at line 3, column 5: strict mode (missing variable "order.id")');
    expect(error.category).toBe('content');
    expect(error.nodemailerCode).toBe('EMESSAGE');
    expect(error.toJSON().details).toEqual(own.details);
  });

  it.each([
    ['neither html nor text', {}],
    ['html as number', { html: 1 }],
    ['subject as object', { html: 'x', subject: {} }],
  ])('refuses a rendered result with %s', async (_name, rendered) => {
    const error = await rejection(
      renderMessage(
        { ...base, template: 't' },
        ownRenderer(() => rendered as never),
      ),
    );
    expect(error.code).toBe('TEMPLATE');
    expect(error.category).toBe('configuration');
    expect(error.details?.template).toBe('t');
  });

  it('writes each table cell of the html on a line of its own in the derived text', async () => {
    const html =
      '<table><tr><th>Item</th><th>Price</th></tr><tr><td>Keyboard</td><td>¥699</td></tr></table><p>Thanks</p>';
    const out = await renderMessage(
      { ...base, template: 't' },
      ownRenderer(() => ({ html })),
    );
    expect(out.text).toBe('Item\nPrice\nKeyboard\n¥699\n\nThanks');
  });

  it('spends no work deriving text from html past the body limit: validation refuses it', async () => {
    const html = `<p>${'a'.repeat(LIMITS.maxBodyBytes)}</p>`;
    const out = await renderMessage(
      { ...base, template: 't' },
      ownRenderer(() => ({ html })),
    );
    expect(out.html).toBe(html);
    expect(out.text).toBeUndefined();
  });

  it('derives text from hostile html: deep nesting is cut, nothing throws', async () => {
    const deep = `${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}`;
    const open = `<p>${'<b '.repeat(20_000)}`;
    for (const html of [deep, open, '<a href="'.repeat(10_000), '<<<<>>>>'.repeat(10_000)]) {
      const out = await renderMessage(
        { ...base, template: 't' },
        ownRenderer(() => ({ html })),
      );
      expect(typeof out.text).toBe('string');
    }
    const cut = await renderMessage(
      { ...base, template: 't' },
      ownRenderer(() => ({ html: deep })),
    );
    expect(cut.text).not.toContain('deep');
  });

  it('is a QcloudMailError in every refusal', () => {
    expect(templateError({ template: 'a' }, { reason: 'r' })).toBeInstanceOf(QcloudMailError);
  });
});
