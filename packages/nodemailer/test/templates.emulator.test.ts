import { createMailClient, type TemplateRenderer, templateError } from '@qcloudmail/core';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo, recipient, USER } from '@qcloudmail/test-helpers';
import { qcloudmailTransport } from '../src/index.js';
import { clientOptions, emulator, rejection } from './helpers.js';

// A user's own renderer (the contract's extension point): one template, `shipped`, that needs `order.id`.
const renderer: TemplateRenderer = {
  engine: 'own',
  render({ template, context, subject, locale }) {
    const order = context.order as { id?: string } | undefined;
    if (template !== 'shipped') throw templateError({ template, engine: 'own' }, { reason: 'no such template' });
    if (order?.id === undefined) {
      throw templateError(
        { template, engine: 'own', line: 1, variable: 'order.id' },
        { reason: 'order.id is missing' },
      );
    }
    const greeting = locale === 'zh-CN' ? '您的订单已发货' : 'has shipped';
    return {
      subject: subject?.replace('{{order.id}}', order.id),
      html: `<p>Order <b>${order.id}</b> ${greeting}.</p>`,
    };
  },
};

let server: Emulator;
let transporter: ReturnType<typeof nodemailer.createTransport>;
beforeAll(async () => {
  server = await emulator();
  transporter = nodemailer.createTransport(qcloudmailTransport(clientOptions(server, { templates: renderer })));
});
afterAll(async () => {
  await transporter?.transporter.close?.();
  await server?.close();
});

const templated = (to: string, extra: Record<string, unknown> = {}) => ({
  from: USER,
  to,
  subject: 'Order {{order.id}}',
  template: 'shipped',
  context: { order: { id: 'A-42' } },
  ...extra,
});

describe('sendMail({ template, context }) through the transport', () => {
  it('renders with the transport’s renderer: subject and html from the template, text derived from the html', async () => {
    const to = recipient('tpl');
    const info = await transporter.sendMail(templated(to));
    expect(info.accepted).toEqual([to]);
    const [stored] = messagesTo(server, to);
    expect(stored?.status).toBe('accepted');
    expect(stored?.parsed.subject).toBe('Order A-42');
    expect(stored?.parsed.html).toBe('<p>Order <b>A-42</b> has shipped.</p>');
    expect(stored?.parsed.text?.trim()).toBe('Order A-42 has shipped.');
  });

  it('hands the locale to the renderer', async () => {
    const to = recipient('tpl');
    await transporter.sendMail(templated(to, { locale: 'zh-CN' }));
    expect(messagesTo(server, to)[0]?.parsed.html).toContain('您的订单已发货');
  });

  it('works the same with the callback API, on a wrapped client that has the renderer', async () => {
    const client = createMailClient(clientOptions(server, { templates: renderer }));
    const wrapped = nodemailer.createTransport(qcloudmailTransport({ client }));
    const to = recipient('tpl');
    try {
      const info = await new Promise<{ accepted: unknown }>((resolve, reject) =>
        wrapped.sendMail(templated(to), (error, sent) => (error ? reject(error) : resolve(sent))),
      );
      expect(info.accepted).toEqual([to]);
      expect(messagesTo(server, to)[0]?.parsed.subject).toBe('Order A-42');
    } finally {
      await client.close();
    }
  });

  it('refuses a missing variable as TEMPLATE naming the template, line and variable; nothing is sent', async () => {
    const to = recipient('tpl');
    const error = await rejection(transporter.sendMail(templated(to, { context: { order: {} } })));
    expect(error).toMatchObject({
      code: 'TEMPLATE',
      nodemailerCode: 'EMESSAGE',
      details: { template: 'shipped', engine: 'own', line: 1, variable: 'order.id' },
    });
    expect(error.message).toContain('Template "shipped" (own) at line 1');
    expect(error.message).toContain('order.id');
    expect(messagesTo(server, to)).toEqual([]);
  });

  it.each([
    ['html beside the template', { html: '<p>also</p>' }, 'html'],
    ['text beside the template', { text: 'also' }, 'text'],
    ['a raw message beside the template', { raw: 'From: x\r\n\r\nbody' }, 'raw'],
  ])('refuses %s as TEMPLATE naming the field', async (_name, extra, field) => {
    const to = recipient('tpl');
    const error = await rejection(transporter.sendMail(templated(to, extra)));
    expect(error).toMatchObject({ code: 'TEMPLATE', details: { template: 'shipped', field } });
    expect(error.message).toContain(field);
    expect(messagesTo(server, to)).toEqual([]);
  });

  it('refuses a template when the transport has no renderer, naming the field', async () => {
    const plain = nodemailer.createTransport(qcloudmailTransport(clientOptions(server)));
    const to = recipient('tpl');
    try {
      const error = await rejection(plain.sendMail(templated(to)));
      expect(error).toMatchObject({ code: 'TEMPLATE', details: { template: 'shipped', field: 'template' } });
      expect(error.message).toContain('no renderer is configured');
      expect(messagesTo(server, to)).toEqual([]);
    } finally {
      plain.close();
    }
  });

  it("refuses nodemailer-express-handlebars' text_template as an unknown option, naming it", async () => {
    const to = recipient('tpl');
    const error = await rejection(transporter.sendMail(templated(to, { text_template: 'shipped-text' })));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ code: 'option_unknown', path: ['text_template'] })],
    });
    expect(messagesTo(server, to)).toEqual([]);
  });

  it('applies every service rule to the rendered message: Cc is still refused (R9)', async () => {
    const to = recipient('tpl');
    const error = await rejection(transporter.sendMail(templated(to, { cc: 'copy@example.org' })));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      issues: [expect.objectContaining({ path: ['cc'], rule: 'R9' })],
    });
    expect(messagesTo(server, to)).toEqual([]);
  });
});
