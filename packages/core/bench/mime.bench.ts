// MIME building speed beside nodemailer's MailComposer on the same input: a typical message (about 5 KB
// of Chinese HTML, a text part, a 2 KB attachment with a Chinese name) and two attachments of 7.9 MiB
// in total, against a bare Buffer-to-base64 conversion of the same bytes. Run: `pnpm tsx bench/mime.bench.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { buildMimeFromMessage } from '../src/mime/build-mime.js';
import type { MailMessage } from '../src/model/message.js';

const MiB = 1024 * 1024;
const paragraph =
  '<p>尊敬的客户，您好！感谢您使用腾讯云邮件推送服务，这是一封测试邮件。Thank you for using qcloudmail.</p>\n';
const html = `<html><body>${paragraph.repeat(Math.ceil(5000 / Buffer.byteLength(paragraph)))}</body></html>`;
const text = '尊敬的客户，您好！感谢您使用腾讯云邮件推送服务。\nThank you for using qcloudmail.\n'.repeat(20);

function message(attachments: MailMessage['attachments']): MailMessage {
  return {
    from: { name: '腾讯云邮件', address: 'noreply@mail.example.com' },
    to: [{ name: '张三', address: 'zhangsan@example.com' }],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: '您的订单已确认 Your order is confirmed',
    text,
    html,
    attachments,
    headers: [],
  };
}

function composerInput(input: MailMessage) {
  return {
    from: { name: input.from.name, address: input.from.address },
    to: input.to.map((mailbox) => ({ name: mailbox.name, address: mailbox.address })),
    subject: input.subject,
    text: input.text,
    html: input.html,
    attachments: input.attachments.map((a) => ({ filename: a.filename, content: a.content })),
  };
}

const composerBuild = (input: MailMessage) => new MailComposer(composerInput(input)).compile().build();

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second and mean milliseconds. */
async function measure(fn: () => unknown, ms: number): Promise<{ opsPerSec: number; meanMs: number; bestMs: number }> {
  for (let i = 0; i < 3; i++) await fn();
  let runs = 0;
  let bestMs = Number.POSITIVE_INFINITY;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const one = performance.now();
    await fn();
    bestMs = Math.min(bestMs, performance.now() - one);
    runs++;
  }
  const elapsed = performance.now() - start;
  return { opsPerSec: (runs * 1000) / elapsed, meanMs: elapsed / runs, bestMs };
}

const row = (m: { opsPerSec: number; meanMs: number; bestMs: number }, digits: number) => ({
  'ops/s': m.opsPerSec.toFixed(1),
  'mean ms': m.meanMs.toFixed(digits),
  'best ms': m.bestMs.toFixed(digits),
});

function memoryDelta(fn: () => unknown): { rssMiB: number; heapMiB: number; arrayBuffersMiB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const kept = fn();
  const after = process.memoryUsage();
  void kept;
  const mib = (value: number) => Math.round((value / MiB) * 10) / 10;
  return {
    rssMiB: mib(after.rss - before.rss),
    heapMiB: mib(after.heapUsed - before.heapUsed),
    arrayBuffersMiB: mib(after.arrayBuffers - before.arrayBuffers),
  };
}

async function main(): Promise<void> {
  const typical = message([{ filename: '发票明细.pdf', content: randomBytes(2048) }]);
  const typicalOurs = await measure(() => buildMimeFromMessage(typical), 1500);
  const typicalComposer = await measure(() => composerBuild(typical), 1500);

  const first = randomBytes(Math.round(4.2 * MiB));
  const second = randomBytes(Math.round(7.9 * MiB) - first.length);
  const large = message([
    { filename: '季度报告.pdf', content: first },
    { filename: 'data.zip', content: second },
  ]);
  const largeMemory = memoryDelta(() => buildMimeFromMessage(large));
  const largeOurs = await measure(() => buildMimeFromMessage(large), 3000);
  const largeComposer = await measure(() => composerBuild(large), 3000);
  const bareBase64 = await measure(() => {
    first.toString('base64');
    second.toString('base64');
  }, 3000);
  const composerMemory = memoryDelta(() => composerBuild(large));

  const results = {
    node: process.version,
    typical: {
      bytes: buildMimeFromMessage(typical).size,
      buildMimeFromMessage: typicalOurs,
      mailComposer: typicalComposer,
      speedup: typicalOurs.opsPerSec / typicalComposer.opsPerSec,
    },
    large: {
      attachmentBytes: first.length + second.length,
      bytes: buildMimeFromMessage(large).size,
      buildMimeFromMessage: largeOurs,
      mailComposer: largeComposer,
      bareBase64,
      speedup: largeComposer.meanMs / largeOurs.meanMs,
      timeVsBareBase64: largeOurs.meanMs / bareBase64.meanMs,
      bestTimeVsBareBase64: largeOurs.bestMs / bareBase64.bestMs,
      memoryOneBuild: largeMemory,
      memoryOneComposerBuild: composerMemory,
    },
    targets: { typicalSpeedup: 10, largeSpeedup: 3, largeVsBareBase64: 2 },
  };
  console.table({
    'typical: buildMimeFromMessage': row(typicalOurs, 3),
    'typical: MailComposer': row(typicalComposer, 3),
    '7.9 MiB: buildMimeFromMessage': row(largeOurs, 2),
    '7.9 MiB: MailComposer': row(largeComposer, 2),
    '7.9 MiB: bare toString(base64)': row(bareBase64, 2),
  });
  console.log(
    `typical speedup ${results.typical.speedup.toFixed(1)}x (target 10x); large speedup ${results.large.speedup.toFixed(1)}x (target 3x); ` +
      `large vs bare base64 ${results.large.timeVsBareBase64.toFixed(2)}x mean, ${results.large.bestTimeVsBareBase64.toFixed(2)}x best (target <= 2x)`,
  );
  console.log('memory growth of one 7.9 MiB build (MiB):', largeMemory, 'MailComposer:', composerMemory);
  const dir = new URL('../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('mime.json', dir), `${JSON.stringify(results, null, 2)}\n`);
}

await main();
