// Validations per second of a typical message (about 5 KB of Chinese HTML, a text part, one small attachment
// with a Chinese file name); target: at least 100,000 a second. Run: `pnpm bench validate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { messageSchema } from '../src/model/message-schema.js';
import { validateMessage } from '../src/model/validate-message.js';

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

if (!validateMessage(typical).ok) throw new Error('the typical message must be valid');
const result = {
  htmlBytes: Buffer.byteLength(html),
  typicalPerSecond: opsPerSecond(() => validateMessage(typical)),
  invalidPerSecond: opsPerSecond(() => validateMessage(invalid)),
  zodSchemaOnlyPerSecond: opsPerSecond(() => messageSchema.safeParse(typical)),
  target: '>= 100000 validations/s for the typical message',
};
console.table({
  'validateMessage, typical message': { 'per second': result.typicalPerSecond },
  'validateMessage, invalid message (3 issues)': { 'per second': result.invalidPerSecond },
  'messageSchema.safeParse alone': { 'per second': result.zodSchemaOnlyPerSecond },
});
const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('validate.json', dir), `${JSON.stringify(result, null, 2)}\n`);
