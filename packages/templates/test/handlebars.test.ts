import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMessage, type TemplateRenderRequest } from '@qcloudmail/core';
import { rejection } from '@qcloudmail/test-helpers';
import { describe, expect, it } from 'vitest';
import { createHandlebarsRenderer } from '../src/handlebars/index.js';
import { BASE, fixtureDir } from './fixtures.js';

const dir = fixtureDir('handlebars');
const order = { id: 'A-17', customer: 'Ada', carrier: 'sf express', notes: 'Leave at <door> & ring' };
const translations: Record<string, Record<string, string>> = {
  en: { 'shipped.title': 'Your order is on its way, NAME' },
  zh: { 'shipped.title': 'NAME，您的订单已发货' },
};

const renderer = (extra: Partial<Parameters<typeof createHandlebarsRenderer>[0]> = {}) =>
  createHandlebarsRenderer({
    dir,
    helpers: { upper: (value: unknown) => String(value).toUpperCase() },
    i18n: (key, { locale, params }) =>
      (translations[locale ?? 'en']?.[key] ?? key).replace('NAME', String(params.name)),
    ...extra,
  });

const request = (template: string, context: Record<string, unknown>, extra: Partial<TemplateRenderRequest> = {}) => ({
  template,
  context,
  ...extra,
});

describe('createHandlebarsRenderer', () => {
  it('renders html with partials, helpers and the t helper, CSS inlined, and the text template unescaped', async () => {
    const out = await renderer().render(
      request('shipped', { order }, { locale: 'zh', subject: 'Order {{order.id}} & more' }),
    );
    expect(out.html).toContain('<h1 class="title" style="color: #d33; font-weight: bold;">Ada，您的订单已发货</h1>');
    expect(out.html).toContain('<p style="margin: 0 0 8px;">Order A-17 ships SF EXPRESS.</p>');
    expect(out.html).toContain('The Shop team');
    expect(out.html).not.toContain('<style>');
    expect(out.text).toBe('Ada，您的订单已发货\nOrder A-17 ships SF EXPRESS.\nNotes: Leave at <door> & ring\n');
    expect(out.subject).toBe('Order A-17 & more');
  });

  it('escapes context values in html', async () => {
    const out = await renderer({ inlineCss: false }).render(request('orders/receipt', { id: 1, note: '<script>' }));
    expect(out.html).toBe('<p>Receipt 1 &amp; &lt;script&gt;</p>\n');
    expect(out.text).toBeUndefined();
  });

  it('leaves CSS alone with inlineCss: false and takes juice options otherwise', async () => {
    const plain = await renderer({ inlineCss: false }).render(request('shipped', { order }));
    expect(plain.html).toContain('<style>');
    const kept = await renderer({ inlineCss: { removeStyleTags: false } }).render(request('shipped', { order }));
    expect(kept.html).toContain('<style>');
    expect(kept.html).toContain('style="color: #d33; font-weight: bold;"');
  });

  it('wraps every html template in the layout, and offers layouts as partial blocks', async () => {
    const wrapped = await renderer({ layout: 'main', inlineCss: false }).render(
      request('orders/receipt', { id: 2, note: 'n' }, { locale: 'en' }),
    );
    expect(wrapped.html).toBe(
      '<html><body><div class="frame"><p>Receipt 2 &amp; n</p>\n</div><p>en</p></body></html>\n',
    );
    // As @nestjs-modules/mailer: the layout in the template directory, `{{body}}` not escaped, `concat` there.
    const mailer = await renderer({ layout: 'mailer-layout', inlineCss: false }).render(
      request('orders/receipt', { id: 3, note: 'n' }),
    );
    expect(mailer.html).toBe('<div class="mailer"><p>Receipt 3 &amp; n</p>\n</div>\n');
    expect(await renderer({ inlineCss: false }).render(request('concat', { a: 'x', b: 'y' }))).toEqual({
      html: 'xy-z\n',
    });
    const boxed = await renderer({ inlineCss: false }).render(request('boxed', { name: 'Ada' }));
    expect(boxed.html).toBe('<table><tr><td><p>Hi Ada</p></td></tr></table>\n\n');
  });

  it('reports the missing variable of strict mode with its line and column', async () => {
    const error = await rejection(renderer({ strict: true }).render(request('strict', { order: {} })));
    expect(error.code).toBe('TEMPLATE');
    expect(error.category).toBe('content');
    expect(error.details).toEqual({
      template: 'strict',
      engine: 'handlebars',
      line: 3,
      column: 11,
      variable: 'order.id',
    });
    expect(error.message).toBe(
      'Template "strict" (handlebars) at line 3, column 11: strict.hbs: "id" is not defined (missing variable "order.id")',
    );
    const outer = await rejection(renderer({ strict: true }).render(request('strict', {})));
    expect(outer.details?.variable).toBe('order.id');
    // Without strict mode a missing value renders empty, as Handlebars does.
    expect((await renderer({ inlineCss: false }).render(request('strict', {}))).html).toContain('Order \n');
  });

  it('reports a syntax error with its line', async () => {
    const error = await rejection(renderer().render(request('broken', {})));
    expect(error.code).toBe('TEMPLATE');
    expect(error.category).toBe('configuration');
    expect(error.details).toMatchObject({ template: 'broken', engine: 'handlebars', line: 4 });
    expect(error.message).toContain('broken.hbs: Parse error on line 4:');
  });

  it('reports a strict subject variable and a helper that throws', async () => {
    const subject = await rejection(
      renderer({ strict: true }).render(
        request('orders/receipt', { id: 1, note: 'n' }, { subject: 'For {{user.name}}' }),
      ),
    );
    expect(subject.details).toMatchObject({ variable: 'user.name', line: 1, column: 7 });
    expect(subject.message).toContain('subject:');
    const helper = await rejection(
      renderer({
        helpers: {
          explode: () => {
            throw new Error('boom');
          },
        },
      }).render(request('helper-fails', {})),
    );
    expect(helper.message).toBe('Template "helper-fails" (handlebars): helper-fails.hbs: boom');
  });

  it.each(['../secret', '/etc/passwd', 'a/../../b', 'a\\b', 'a//b', 'name\u0000'])(
    'refuses the template name %j before touching the file system',
    async (name) => {
      const error = await rejection(renderer().render(request(name, {})));
      expect(error.code).toBe('TEMPLATE');
      expect(error.details?.field).toBe('template');
      expect(error.category).toBe('validation');
    },
  );

  it('names a template that does not exist, and a missing layout or partials directory', async () => {
    const missing = await rejection(renderer().render(request('nope', {})));
    expect(missing.message).toBe('Template "nope" (handlebars): no template file nope.hbs in the template directory');
    const layout = await rejection(renderer({ layout: 'absent' }).render(request('orders/receipt', {})));
    expect(layout.message).toContain('layout: no file absent.hbs');
    const partials = await rejection(renderer({ partials: join(dir, 'absent') }).render(request('orders/receipt', {})));
    expect(partials.message).toContain('partials: no directory');
    expect(() => createHandlebarsRenderer({ dir: '' })).toThrow(/dir: expected the template directory/);
    expect(() => createHandlebarsRenderer({ dir, inlineCSS: false } as never)).toThrow(
      /inlineCSS: not an option of the handlebars renderer/,
    );
  });

  it('bounds a subject template before parsing it', async () => {
    const error = await rejection(
      renderer().render(request('orders/receipt', {}, { subject: `{{a}}${'x'.repeat(4000)}` })),
    );
    expect(error.details?.field).toBe('subject');
  });

  it('caches compiled templates, and re-reads them with cache: false', async () => {
    const work = await mkdtemp(join(tmpdir(), 'hbs-'));
    await writeFile(join(work, 'note.hbs'), '<p>one {{n}}</p>');
    const cached = createHandlebarsRenderer({ dir: work, inlineCss: false });
    const fresh = createHandlebarsRenderer({ dir: work, inlineCss: false, cache: false });
    expect((await cached.render(request('note', { n: 1 }))).html).toBe('<p>one 1</p>');
    expect((await fresh.render(request('note', { n: 1 }))).html).toBe('<p>one 1</p>');
    await copyFile(join(dir, 'orders', 'receipt.hbs'), join(work, 'note.hbs'));
    expect((await cached.render(request('note', { n: 1 }))).html).toBe('<p>one 1</p>');
    expect((await fresh.render(request('note', { id: 3, note: 'x' }))).html).toBe('<p>Receipt 3 &amp; x</p>\n');
  });

  it("keeps helpers on the renderer's own Handlebars instance", async () => {
    const Handlebars = (await import('handlebars')).default;
    renderer();
    expect(Handlebars.helpers.upper).toBeUndefined();
  });

  it('renders a whole message through core: text from the text template, subject templated', async () => {
    const out = await renderMessage(
      { ...BASE, subject: 'Order {{order.id}}', template: 'shipped', context: { order }, locale: 'en' },
      renderer(),
    );
    expect(out.subject).toBe('Order A-17');
    expect(out.text).toContain('Your order is on its way, Ada');
    const derived = await renderMessage(
      { ...BASE, subject: 's', template: 'orders/receipt', context: { id: 5, note: 'n' } },
      renderer(),
    );
    expect(derived.text).toBe('Receipt 5 & n');
  });
});
