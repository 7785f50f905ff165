// Memory under large messages: one message just under the service's limits (7.2 MiB of attachments, about 9.9 MiB
// on the wire; SIZES) sent 50 times in a row through the client, measuring resident memory and heap before and
// after. Run: `pnpm --filter @qcloudmail/core bench memory`, or with forced GC for steadier figures:
// `node --expose-gc --import tsx bench/run-all.ts memory`.
// The emulator runs in its own process (keeping at most 2 messages) so that only the client's memory is measured.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createMailClient } from '../src/client/create-mail-client.js';
import { LIMITS } from '../src/limits/limits.js';
import { PASS, startEmulatorProcess, USER } from './emulator-process.js';

const SENDS = 50;
const MiB = 1024 * 1024;
// Two attachments of 3.6 MiB: each under 4 MiB, together under 8 MiB, and base64 with line breaks (78 bytes per
// 57) keeps the whole message under the 10 MiB on the wire (7.4 MiB would already be 10.1 MiB encoded).
const ATTACHMENT_BYTES = Math.floor(3.6 * MiB);

const gc = (globalThis as { gc?: () => void }).gc;
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Sample {
  label: string;
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
}
function sample(label: string): Sample {
  const usage = process.memoryUsage();
  const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
  return {
    label,
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    externalMiB: mib(usage.external),
    arrayBuffersMiB: mib(usage.arrayBuffers),
  };
}

const emulator = await startEmulatorProcess(['--no-http', '--max-messages', '2', '--no-rate-limit']);
const client = createMailClient({
  host: emulator.host,
  port: emulator.port,
  ca: emulator.ca,
  auth: { user: USER, pass: PASS },
  rateLimit: false,
  retry: false,
  timeouts: { total: 120_000, socket: 60_000 },
});
const attachments = [
  { filename: 'one.pdf', content: randomBytes(ATTACHMENT_BYTES) },
  { filename: 'two.zip', content: randomBytes(ATTACHMENT_BYTES) },
];
const message = (i: number) => ({
  from: USER,
  to: `user${i}@example.org`,
  subject: `Large message ${i}`,
  text: 'Two attachments just under the service limits.',
  attachments,
});

const samples: Sample[] = [];
let wireBytes = 0;
const started = performance.now();
try {
  // Warm-up: the pool, TLS and the first large buffers are not growth.
  for (let i = 0; i < 3; i++) wireBytes = (await client.send(message(i))).size;
  await settle();
  samples.push(sample('after warm-up (3 sends)'));
  for (let i = 1; i <= SENDS; i++) {
    await client.send(message(i));
    if (i % 10 === 0) {
      await settle();
      samples.push(sample(`after ${i} sends`));
    }
  }
} finally {
  await client.close({ timeoutMs: 5000 });
  await emulator.stop();
}
const elapsedMs = performance.now() - started;
const first = samples[0] as Sample;
const last = samples.at(-1) as Sample;
const growth = {
  rssMiB: Math.round((last.rssMiB - first.rssMiB) * 10) / 10,
  heapUsedMiB: Math.round((last.heapUsedMiB - first.heapUsedMiB) * 10) / 10,
};
// Growth of less than two messages' worth over 50 sends means nothing is kept per message.
const boundMiB = (2 * wireBytes) / MiB;
const met = growth.rssMiB < boundMiB && growth.heapUsedMiB < boundMiB;

console.table(samples);
console.table({
  sends: SENDS,
  'wire size (MiB)': Math.round((wireBytes / MiB) * 100) / 100,
  'limit (MiB)': LIMITS.maxMessageBytes / MiB,
  'forced gc': gc !== undefined,
  'rss growth (MiB)': growth.rssMiB,
  'heap growth (MiB)': growth.heapUsedMiB,
  'bound (MiB)': Math.round(boundMiB * 10) / 10,
  seconds: Math.round(elapsedMs / 100) / 10,
  met,
});

const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const result = { sends: SENDS, wireBytes, forcedGc: gc !== undefined, samples, growth, boundMiB, elapsedMs, met };
writeFileSync(new URL('memory.json', dir), `${JSON.stringify(result, null, 2)}\n`);
