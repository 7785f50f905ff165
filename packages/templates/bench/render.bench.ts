// Render and build a typical templated message (an order email: about 2 KB of Chinese and English HTML with a
// <style> block, a five-line loop, a partial and a templated subject) per engine, beside @nestjs-modules/mailer's
// Handlebars and MJML paths on the same templates. "Build" is what happens before SMTP: ours renders, derives the
// text part, validates and builds the MIME; the mailer's adapter renders and inlines CSS, then nodemailer's
// MailComposer builds the MIME (no text part: the mailer derives none). Run: `pnpm --filter @qcloudmail/templates bench`.
import { fileURLToPath } from 'node:url';
import { HandlebarsAdapter } from '@nestjs-modules/mailer/adapters/handlebars.adapter';
import { MjmlAdapter } from '@nestjs-modules/mailer/adapters/mjml.adapter';
import { buildMime, renderMessage, type TemplateRenderer } from '@qcloudmail/core';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createHandlebarsRenderer } from '../src/handlebars/index.js';
import { createMjmlRenderer } from '../src/mjml/index.js';
import { createReactEmailRenderer } from '../src/react-email/index.js';
import { ORDER } from './order-context.js';
import { OrderEmail } from './order-email.js';

const dir = fileURLToPath(new URL('./templates', import.meta.url));
const partials = fileURLToPath(new URL('./templates/partials', import.meta.url));
const from = 'noreply@mail.example.com';
const to = 'zhangsan@example.com';
const subject = '您的订单 {{order.id}} 已发货 Your order has shipped';

interface Measured {
  runs: number;
  medianMs: number;
  bestMs: number;
}

/**
 * Runs `fn` repeatedly for about `ms` milliseconds after a warm-up; the median, not the mean, since a shared
 * 2-core machine stalls some runs for reasons of its own.
 */
async function measure(fn: () => unknown, ms: number): Promise<Measured> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < ms) {
    const one = performance.now();
    await fn();
    times.push(performance.now() - one);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, medianMs: times[Math.floor(times.length / 2)] ?? 0, bestMs: times[0] ?? 0 };
}

const ours = (renderer: TemplateRenderer, template: string) => async () => {
  const message = await renderMessage({ from, to, subject, template, context: { ...ORDER } }, renderer);
  return buildMime(message).size;
};

type MailerAdapter = {
  compile(mail: { data: Record<string, unknown> }, callback: (error?: unknown) => void, options: unknown): void;
};

// The mailer's compile step as its nodemailer plugin calls it, then nodemailer's MailComposer.
const mailer = (adapter: MailerAdapter, template: string) => () =>
  new Promise<number>((resolve, reject) => {
    const mail = { data: { from, to, subject, template, context: { ...ORDER } } as Record<string, unknown> };
    adapter.compile(
      mail,
      (error) => {
        if (error !== undefined) return reject(error);
        const composer = new MailComposer(mail.data).compile();
        composer.build((buildError: Error | null, bytes: Buffer) =>
          buildError ? reject(buildError) : resolve(bytes.length),
        );
      },
      { template: { dir, options: { strict: false } }, options: { partials: { dir: partials } } },
    );
  });

const row = (name: string, m: Measured, bytes: number) => ({
  path: name,
  'median ms': m.medianMs.toFixed(3),
  'best ms': m.bestMs.toFixed(3),
  'per second (median)': Math.round(1000 / m.medianMs),
  'bytes (message, or html)': bytes,
});

async function main(): Promise<void> {
  const handlebars = createHandlebarsRenderer({ dir });
  const plainHandlebars = createHandlebarsRenderer({ dir, inlineCss: false });
  const mjml = createMjmlRenderer({ dir });
  const react = createReactEmailRenderer({ templates: { order: OrderEmail } });
  const mailerHandlebars = new HandlebarsAdapter() as unknown as MailerAdapter;
  // Its Handlebars pass must not inline CSS: css-inline would wrap the MJML in <html> and MJML refuses it.
  const mailerMjml = new MjmlAdapter('handlebars', { inlineCssEnabled: false }) as unknown as MailerAdapter;
  const cases: Array<[string, () => Promise<number>]> = [
    ['qcloudmail handlebars (juice, text derived)', ours(handlebars, 'order')],
    [
      '  of which: render (juice), no text, no build',
      async () => (await handlebars.render({ template: 'order', context: { ...ORDER }, subject })).html?.length ?? 0,
    ],
    [
      '  of which: render without CSS inlining',
      async () =>
        (await plainHandlebars.render({ template: 'order', context: { ...ORDER }, subject })).html?.length ?? 0,
    ],
    ['@nestjs-modules/mailer HandlebarsAdapter + MailComposer', mailer(mailerHandlebars, 'order')],
    ['qcloudmail mjml (text derived)', ours(mjml, 'order')],
    ['@nestjs-modules/mailer MjmlAdapter + MailComposer', mailer(mailerMjml, 'order.mjml')],
    ['qcloudmail react-email (React Email plain text)', ours(react, 'order')],
  ];
  const rows = [];
  for (const [name, fn] of cases) {
    const bytes = await fn();
    rows.push(row(name, await measure(fn, 2000), bytes));
  }
  console.log(`node ${process.version}`);
  console.table(rows);
}

await main();
