// Validations per second of a typical message (about 5 KB of Chinese HTML, a text part, one small attachment
// with a Chinese file name); target: at least 100,000 a second. Then hostile input at 20k and 80k characters.
// Run: `pnpm bench validate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { messageSchema } from '../src/model/message-schema.js';
import { type ValidateMessageOptions, validateMessage } from '../src/model/validate-message.js';

const paragraph = '<p>尊敬的客户，您好！感谢您使用腾讯云邮件推送服务。以下是您本月的账单摘要，请查收。</p>\n';
const html = `<html><body>${paragraph.repeat(Math.ceil(5000 / Buffer.byteLength(paragraph)))}</body></html>`;
const typical = {
  from: '腾讯云通知 <noreply@mail.example.com>',
  to: 'Customer <customer@example.org>',
  replyTo: 'support@example.com',
  subject: '您的月度账单已生成',
  text: '尊敬的客户，您好！您的月度账单已生成，请登录控制台查看。',
  html,
  attachments: [{ filename: '月度账单.pdf', content: Buffer.alloc(2048, 1), contentType: 'application/pdf' }],
  headers: { 'X-Campaign': 'billing-2025-01' },
};
const invalid = { ...typical, from: 'Boss: <noreply@mail.example.com>', cc: 'x@example.com', subject: '' };

function opsPerSecond(run: () => unknown): number {
  for (let i = 0; i < 20_000; i++) run();
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < 400) {
      for (let i = 0; i < 1000; i++) run();
      count += 1000;
    }
    rates.push((count * 1000) / (performance.now() - start));
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[2] as number);
}

// Hostile input (issue #17): each case at 20k and 80k characters; linear growth keeps the ratio near 4 and
// every 80k case under 50 ms. The answers stay small: at most 20 issues, each message cut short.
const HOSTILE_BUDGET_MS = 50;
const hostileBase = { from: 'noreply@mail.example.com', to: 'user@example.org', subject: 'Hi', text: 'Hi' };
const repeat = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));
const hostile: Array<[string, (n: number) => unknown, ValidateMessageOptions?]> = [
  ["to: 'x' + spaces + 'y'", (n) => ({ ...hostileBase, to: `x${' '.repeat(n)}y` })],
  ['spaces in a display name', (n) => ({ ...hostileBase, to: `a${' '.repeat(n)}b <user@example.org>` })],
  ['spaces around a { name }', (n) => ({ ...hostileBase, to: { name: ` ${' '.repeat(n)}x`, address: 'a@b.co' } })],
  ['a long display name (from)', (n) => ({ ...hostileBase, from: { name: 'N'.repeat(n), address: 'a@b.co' } })],
  [
    '". " runs in a file name',
    (n) => ({ ...hostileBase, attachments: [{ filename: `${repeat('. ', n)}x`, content: 'x' }] }),
  ],
  ['a long local part', (n) => ({ ...hostileBase, to: `${'a'.repeat(n)}@example.org` })],
  ['many domain labels', (n) => ({ ...hostileBase, to: `a@${repeat('b.', n)}com` })],
  ['a non-ASCII domain', (n) => ({ ...hostileBase, to: `a@${'é'.repeat(n)}.com` })],
  ['"@" runs', (n) => ({ ...hostileBase, to: '@'.repeat(n) })],
  ['unclosed comments', (n) => ({ ...hostileBase, to: `a@b.co ${'('.repeat(n)}` })],
  ['comments before an address', (n) => ({ ...hostileBase, to: `${repeat('(a)', n)}a@b.co` })],
  ['words before an address', (n) => ({ ...hostileBase, to: `${repeat('a ', n)}<a@b.co>` })],
  ['bad recipients, one string', (n) => ({ ...hostileBase, to: repeat('bad,', n) })],
  ['bad recipients, an array', (n) => ({ ...hostileBase, to: Array.from({ length: n / 4 }, () => 'bad') })],
  [
    'bad recipients, split policy',
    (n) => ({ ...hostileBase, to: Array.from({ length: n / 4 }, () => 'bad') }),
    { recipients: 'split' },
  ],
  ['a long messageId', (n) => ({ ...hostileBase, messageId: `${'a'.repeat(n)}@example.com` })],
  ['a long header name', (n) => ({ ...hostileBase, headers: { [`X-${'a'.repeat(n)}`]: 'v' } })],
  ['an unbreakable header value', (n) => ({ ...hostileBase, headers: { 'X-A': 'a'.repeat(n) } })],
  ['spaces in a header value', (n) => ({ ...hostileBase, headers: { 'X-A': `${' '.repeat(n)}v` } })],
  ['many attachments', (n) => ({ ...hostileBase, attachments: Array.from({ length: n / 4 }, () => ({})) })],
];

function bestOf(run: () => unknown, rounds = 7): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function hostileRows() {
  return hostile.map(([name, make, options]) => {
    const [small, large] = [20_000, 80_000].map((n) => {
      const input = make(n);
      validateMessage(make(2_000), options);
      return bestOf(() => validateMessage(input, options));
    }) as [number, number];
    const answer = JSON.stringify(validateMessage(make(80_000), options)).length;
    return { name, ms20k: +small.toFixed(2), ms80k: +large.toFixed(2), answerBytes80k: answer };
  });
}

if (!validateMessage(typical).ok) throw new Error('the typical message must be valid');
const result = {
  htmlBytes: Buffer.byteLength(html),
  typicalPerSecond: opsPerSecond(() => validateMessage(typical)),
  invalidPerSecond: opsPerSecond(() => validateMessage(invalid)),
  zodSchemaOnlyPerSecond: opsPerSecond(() => messageSchema.safeParse(typical)),
  target: '>= 100000 validations/s for the typical message',
  hostile: hostileRows(),
  hostileTarget: `every 80k case under ${HOSTILE_BUDGET_MS} ms, growth about 4x from 20k`,
};
console.table({
  'validateMessage, typical message': { 'per second': result.typicalPerSecond },
  'validateMessage, invalid message (3 issues)': { 'per second': result.invalidPerSecond },
  'messageSchema.safeParse alone': { 'per second': result.zodSchemaOnlyPerSecond },
});
console.table(
  Object.fromEntries(
    result.hostile.map((row) => [
      row.name,
      {
        'ms at 20k': row.ms20k,
        'ms at 80k': row.ms80k,
        ratio: +(row.ms80k / Math.max(row.ms20k, 0.01)).toFixed(1),
        'answer bytes': row.answerBytes80k,
        [`< ${HOSTILE_BUDGET_MS} ms`]: row.ms80k < HOSTILE_BUDGET_MS ? 'ok' : 'SLOW',
      },
    ]),
  ),
);
const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('validate.json', dir), `${JSON.stringify(result, null, 2)}\n`);
