import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { buildMime, renderMessage, type TemplateRenderer } from '@qcloudmail/core';
import { createHandlebarsRenderer } from '@qcloudmail/templates/handlebars';
import { describe, expect, it } from 'vitest';
import { messagesTo, PASS, postJson, recipient, USER } from '@qcloudmail/test-helpers';
import {
  createSendController,
  getMailerToken,
  QcloudMailModule,
  type QcloudMailModuleOptions,
  type QcloudMailService,
} from '../src/index.js';
import { type SentReply, sendController } from './controllers.js';
import {
  appSuite,
  expectConfiguration,
  failureOf,
  loose,
  MARKETING_PASS,
  MARKETING_USER,
  mailerOptions,
} from './helpers.js';

const DIR = join(import.meta.dirname, 'fixtures', 'templates');
const HANDLEBARS = {
  dir: DIR,
  engine: 'handlebars',
  helpers: { shout: (text: string) => text.toUpperCase() },
} as const;

// A user's own renderer, for the named mailer: any engine behind core's contract.
const OWN: TemplateRenderer = {
  engine: 'own',
  render: ({ context }) => ({ html: `<p>News for ${String(context.name)}</p>` }),
};

/** The message with its multipart boundaries (random per build) numbered by first appearance. */
function sameBoundaries(raw: string): string {
  const seen = new Map<string, string>();
  return raw.replace(/=_qcm_[0-9a-f]{22}/g, (boundary) => {
    if (!seen.has(boundary)) seen.set(boundary, `BOUNDARY-${seen.size + 1}`);
    return seen.get(boundary) as string;
  });
}

const shipped = (to: string, extra: Record<string, unknown> = {}) => ({
  to,
  subject: 'Order {{order.id}} has shipped',
  template: 'shipped',
  context: { customer: '小明', order: { id: 'A-42', total: '¥99' } },
  ...extra,
});

describe('templates: { dir, engine } on the module, send({ template, context }) on the service', () => {
  const suite = appSuite();

  it('forRoot with the Handlebars engine: subject, html (CSS inlined, partial, helper) and the text template go out', async () => {
    const { app } = await suite.start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: HANDLEBARS }))],
    });
    const to = recipient('tpl');
    const outcome = await app.get<QcloudMailService>(getMailerToken()).send(shipped(to));
    const [stored] = messagesTo(suite.emulator, to);
    expect(stored).toMatchObject({ status: 'accepted', user: USER, parsed: { subject: 'Order A-42 has shipped' } });
    expect(stored?.parsed.messageId).toBe(outcome.messageId);
    // The mailer's defaults still apply: `from` comes from them.
    expect(stored?.parsed.from).toContain(USER);
    expect(stored?.parsed.html).toContain('<span class="total" style="color: #c00;">¥99</span>');
    expect(stored?.parsed.html).toContain('THANKS');
    expect(stored?.parsed.text?.trim()).toBe('您好 小明！Order A-42 has shipped: ¥99');
  });

  it('an engine named in the module renders exactly what its renderer given to core renders (same bytes)', async () => {
    const { app } = await suite.start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: HANDLEBARS }))],
    });
    const to = recipient('tpl');
    const input = shipped(to, { from: USER, messageId: '<same-bytes@mail.example.com>', date: new Date(0) });
    await app.get<QcloudMailService>(getMailerToken()).send(input);
    const { engine: _engine, ...options } = HANDLEBARS;
    const expected = buildMime(await renderMessage(input, createHandlebarsRenderer(options))).raw.toString();
    const [stored] = messagesTo(suite.emulator, to);
    expect(sameBoundaries(stored?.raw.toString() ?? '')).toBe(sameBoundaries(expected));
  });

  it('forRootAsync: templates from the factory; each named mailer has its own renderer, or none', async () => {
    const { app } = await suite.start({
      imports: [
        QcloudMailModule.forRootAsync({
          useFactory: async (): Promise<QcloudMailModuleOptions> =>
            mailerOptions(suite.emulator, { templates: HANDLEBARS }),
        }),
        QcloudMailModule.forRoot({
          ...mailerOptions(suite.emulator, { auth: { user: MARKETING_USER, pass: MARKETING_PASS } }),
          defaults: { from: MARKETING_USER },
          name: 'marketing',
          templates: OWN,
        }),
        QcloudMailModule.forRoot({ ...mailerOptions(suite.emulator), name: 'plain' }),
      ],
    });
    const news = recipient('tpl');
    await app
      .get<QcloudMailService>(getMailerToken('marketing'))
      .send({ to: news, subject: 'News', template: 'x', context: { name: 'Ann' } });
    expect(messagesTo(suite.emulator, news)[0]).toMatchObject({
      user: MARKETING_USER,
      parsed: { html: '<p>News for Ann</p>' },
    });
    const order = recipient('tpl');
    await app.get<QcloudMailService>(getMailerToken()).send(shipped(order));
    expect(messagesTo(suite.emulator, order)[0]?.parsed.subject).toBe('Order A-42 has shipped');

    const plain = recipient('tpl');
    const failure = await failureOf(() => app.get<QcloudMailService>(getMailerToken('plain')).send(shipped(plain)));
    expect(failure).toMatchObject({ code: 'TEMPLATE', details: { template: 'shipped', field: 'template' } });
    expect(messagesTo(suite.emulator, plain)).toEqual([]);
  });

  it('the MJML engine, loaded only for the mailer that names it', async () => {
    const { app } = await suite.start({
      imports: [
        QcloudMailModule.forRoot(
          mailerOptions(suite.emulator, { templates: { dir: join(DIR, '..', 'mjml'), engine: 'mjml' } }),
        ),
      ],
    });
    const to = recipient('tpl');
    await app
      .get<QcloudMailService>(getMailerToken())
      .send({ to, subject: 'Hi', template: 'welcome', context: { user: { name: 'Ann' } } });
    const [stored] = messagesTo(suite.emulator, to);
    expect(stored?.status).toBe('accepted');
    expect(stored?.parsed.html).toContain('Welcome, Ann');
    expect(stored?.parsed.html).toContain('<table');
    expect(stored?.parsed.text).toContain('Welcome, Ann');
  });

  it('the send controller renders a templated JSON body', async () => {
    const { url } = await suite.start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: HANDLEBARS }))],
      controllers: [sendController('mail')],
    });
    const to = recipient('tpl');
    const response = await postJson(`${url}/mail/send`, shipped(to, { template: 'orders/receipt' }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as SentReply).mailer).toBe('default');
    expect(messagesTo(suite.emulator, to)[0]?.parsed.html).toContain('<p>Receipt A-42</p>');
  });

  it('createSendController answers a variable the context lacks as 422 with the details; nothing is sent', async () => {
    const allow = { canActivate: () => true };
    const { url } = await suite.start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: { ...HANDLEBARS, strict: true } })),
      ],
      controllers: [createSendController({ path: 'mail', guards: [allow], templates: true })],
    });
    const to = recipient('tpl');
    const response = await postJson(`${url}/mail`, shipped(to, { context: { customer: 'Ann' } }));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      code: 'TEMPLATE',
      category: 'content',
      details: { template: 'shipped', engine: 'handlebars', variable: 'order.id' },
    });
    expect(messagesTo(suite.emulator, to)).toEqual([]);
  });

  it('createSendController without `templates: true` refuses a templated body as 422 naming the field', async () => {
    const allow = { canActivate: () => true };
    const { url } = await suite.start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: HANDLEBARS }))],
      controllers: [createSendController({ path: 'mail', guards: [allow] })],
    });
    const to = recipient('tpl');
    const response = await postJson(`${url}/mail`, shipped(to, { context: { order: { id: 'A-1' } } }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      code: 'TEMPLATE',
      details: { template: 'shipped', field: 'template' },
    });
    expect(messagesTo(suite.emulator, to)).toEqual([]);
  });

  it('a template failure is TEMPLATE naming the template and the missing variable (strict); nothing is sent', async () => {
    const { app } = await suite.start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates: { ...HANDLEBARS, strict: true } })),
      ],
    });
    const to = recipient('tpl');
    const failure = await failureOf(() =>
      app.get<QcloudMailService>(getMailerToken()).send(shipped(to, { context: { customer: 'Ann' } })),
    );
    expect(failure).toMatchObject({ code: 'TEMPLATE', details: { template: 'shipped', engine: 'handlebars' } });
    expect((failure as Error).message).toContain('Template "shipped" (handlebars)');
    expect((failure as Error).message).toContain('order');
    expect(messagesTo(suite.emulator, to)).toEqual([]);
  });

  it.each([
    [
      "the mailer's `template: { dir, adapter }`",
      { template: { dir: DIR } },
      ['`template`', "templates: { dir, engine: 'handlebars' }"],
    ],
    ['`templates.adapter`', { templates: { dir: DIR, adapter: {} } }, ['`templates.adapter`', "engine: 'handlebars'"]],
    [
      '`templates.options`',
      { templates: { dir: DIR, engine: 'handlebars', options: { strict: true } } },
      ['`templates.options`', 'beside `engine`'],
    ],
    [
      '`inlineCssEnabled`',
      { templates: { ...HANDLEBARS, inlineCssEnabled: false } },
      ['`templates.inlineCssEnabled`', '`inlineCss`'],
    ],
    [
      'an unknown engine',
      { templates: { dir: DIR, engine: 'pug' } },
      ['`templates.engine` is "pug"', 'TemplateRenderer'],
    ],
    ['no engine', { templates: { dir: DIR } }, ['`templates.engine` is missing']],
    [
      'a template as a default',
      { defaults: { from: USER, template: 'shipped' } },
      ['`defaults.template`', 'on each message'],
    ],
  ])('forRoot refuses %s, naming it and what to write', async (_what, extra, parts) => {
    const failure = await failureOf(() =>
      QcloudMailModule.forRoot(loose({ region: 'hongkong', auth: { user: USER, pass: PASS }, ...extra })),
    );
    expectConfiguration(failure, 'QcloudMailModule.forRoot', ...parts);
  });

  it("forRootAsync refuses the factory's bad templates, and a directory that is not there, naming the mailer", async () => {
    const start = (templates: unknown) =>
      failureOf(() =>
        Test.createTestingModule({
          imports: [
            QcloudMailModule.forRootAsync({
              name: 'orders',
              useFactory: () => loose<QcloudMailModuleOptions>({ ...mailerOptions(suite.emulator), templates }),
            }),
          ],
        }).compile(),
      );
    expectConfiguration(await start({ dir: DIR, engine: 'ejs' }), 'mailer "orders"', '`templates.engine` is "ejs"');
    expectConfiguration(
      await start({ dir: join(DIR, 'missing'), engine: 'handlebars' }),
      'Mailer "orders"',
      'is no directory',
      'assets',
    );
    // The engine's entry is loaded and its renderer refuses options it does not have, by name; the mailer is named.
    expectConfiguration(
      await start({ dir: DIR, engine: 'handlebars', partialsDir: DIR }),
      'Mailer "orders", templates (engine "handlebars")',
      'partialsDir: not an option of the handlebars renderer',
    );
    expectConfiguration(
      await start({ dir: DIR, engine: 'mjml', inlineCss: false }),
      'Mailer "orders", templates (engine "mjml")',
      'inlineCss: not an option of the mjml renderer',
    );
    expectConfiguration(
      await start({ engine: 'react-email', templates: 'welcome' }),
      'Mailer "orders", templates (engine "react-email")',
      'components by name',
    );
  });
});
