import { renderMessage } from '@qcloudmail/core';
import { rejection } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { createReactEmailRenderer } from '../src/react-email/index.js';
import { BASE } from './fixtures.js';
import { BrokenEmail, type ShippedProps, ShippedEmail } from './fixtures/react/emails.js';

const order = { id: 'A-17', customer: 'Ada <3' };
const renderer = createReactEmailRenderer({
  templates: {
    shipped: ShippedEmail,
    'shipped-with-subject': {
      component: ShippedEmail,
      subject: (props: ShippedProps) => `Order ${props.order.id} shipped`,
    },
    broken: BrokenEmail,
  },
});

describe('createReactEmailRenderer', () => {
  it('renders the component with the context as props, the locale among them, and a plain-text part', async () => {
    const out = await renderer.render({ template: 'shipped', context: { order }, locale: 'zh-CN' });
    expect(out.html).toContain('<html lang="zh-CN">');
    expect(out.html).toContain('<h1 style="color:#d33">Order A-17 has shipped</h1>');
    expect(out.html).toContain('Thank you, Ada &lt;3.');
    expect(out.text).toContain('ORDER A-17 HAS SHIPPED');
    expect(out.text).toContain('Thank you, Ada <3.');
    expect(out.text).toContain('Track it https://example.com/orders');
    expect(out.text).not.toContain('logo.png');
    expect(out.subject).toBeUndefined();
  });

  it("gives the template's own subject, and leaves the text to core with plainText: false", async () => {
    const out = await renderer.render({ template: 'shipped-with-subject', context: { order } });
    expect(out.subject).toBe('Order A-17 shipped');
    const bare = createReactEmailRenderer({ templates: { shipped: ShippedEmail }, plainText: false });
    const message = await renderMessage({ ...BASE, subject: 'kept', template: 'shipped', context: { order } }, bare);
    expect(message.subject).toBe('kept');
    expect(message.text).toContain('Thank you, Ada <3.');
    expect(message.text).toContain('[https://example.com/orders]');
  });

  it('turns a failing component into TEMPLATE naming the template and the engine', async () => {
    const error = await rejection(renderer.render({ template: 'broken', context: {} }));
    expect(error.code).toBe('TEMPLATE');
    expect(error.details).toEqual({ template: 'broken', engine: 'react-email' });
    expect(error.message).toContain(
      'Template "broken" (react-email): Cannot read properties of undefined (reading \'name\')',
    );
  });

  it.each(['nope', 'constructor', 'toString', '__proto__'])('refuses the unregistered name %j', async (name) => {
    const error = await rejection(renderer.render({ template: name, context: {} }));
    expect(error.details).toEqual({ template: name, engine: 'react-email', field: 'template' });
  });

  it('refuses options without templates', () => {
    expect(() => createReactEmailRenderer({} as never)).toThrow(/templates: expected components by name/);
    expect(() => createReactEmailRenderer({ templates: {}, dir: 'x' } as never)).toThrow(
      /dir: not an option of the react-email renderer/,
    );
  });
});
