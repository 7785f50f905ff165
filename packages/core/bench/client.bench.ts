// Client throughput against the emulator: pooled sends per second beside plain nodemailer (limiter off), and
// 200 messages at the service's 20 a second (R5) with the limiter on. Run: `pnpm tsx bench/client.bench.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startEmulator } from '@qcloudmail/emulator';
import nodemailer from 'nodemailer';
import { createMailClient } from '../src/client/create-mail-client.js';

const USER = 'bench@mail.example.com';
const PASS = 'bench-secret';
const CONNECTIONS = 4;
const THROUGHPUT_MESSAGES = 400;
const LIMITED_MESSAGES = 200;

const messageFor = (i: number) => ({
  from: USER,
  to: `user${i}@example.org`,
  subject: `Bench message ${i}`,
  text: `Hello ${i}\nThis is a benchmark message of a few lines.\n`.repeat(20),
  html: `<p>Hello ${i}</p>`.repeat(20),
});

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function throughput(): Promise<{ client: number; nodemailer: number }> {
  const emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'bench', rateLimit: false });
  const messages = Array.from({ length: THROUGHPUT_MESSAGES }, (_, i) => messageFor(i));
  const client = createMailClient({
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    pool: { maxConnections: CONNECTIONS, maxMessages: 1000 },
    rateLimit: false,
  });
  const plain = nodemailer.createTransport({
    pool: true,
    host: emulator.host,
    port: emulator.port,
    secure: true,
    auth: { user: USER, pass: PASS },
    tls: { ca: emulator.ca },
    maxConnections: CONNECTIONS,
    maxMessages: 1000,
  });
  // Warm both pools up so that connection setup is not measured.
  await Promise.all(messages.slice(0, CONNECTIONS).map((m) => client.send({ ...m })));
  await Promise.all(messages.slice(0, CONNECTIONS).map((m) => plain.sendMail({ ...m })));
  const rounds = 3;
  let clientMs = 0;
  let plainMs = 0;
  for (let round = 0; round < rounds; round += 1) {
    // Alternate the order so that neither side always runs on a warmer process.
    const runClient = () => timed(() => Promise.all(messages.map((m) => client.send({ ...m }))));
    const runPlain = () => timed(() => Promise.all(messages.map((m) => plain.sendMail({ ...m }))));
    if (round % 2 === 0) {
      clientMs += await runClient();
      plainMs += await runPlain();
    } else {
      plainMs += await runPlain();
      clientMs += await runClient();
    }
  }
  await client.close();
  plain.close();
  await emulator.close();
  return {
    client: (THROUGHPUT_MESSAGES * rounds * 1000) / clientMs,
    nodemailer: (THROUGHPUT_MESSAGES * rounds * 1000) / plainMs,
  };
}

async function limited(): Promise<{ seconds: number; rateLimitReplies: number; failed: number }> {
  const emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'bench' });
  const client = createMailClient({
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: 'bench',
    pool: { maxConnections: CONNECTIONS },
    rateLimit: { maxQueueMs: 15_000 },
    timeouts: { total: 30_000 },
  });
  let rateLimitReplies = 0;
  const count = (event: { error: { providerCode?: string | undefined } }) => {
    if (event.error.providerCode?.startsWith('RequestLimitExceeded')) rateLimitReplies += 1;
  };
  client.on('retrying', count);
  client.on('failed', count);
  let failed = 0;
  const ms = await timed(async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: LIMITED_MESSAGES }, (_, i) => client.send(messageFor(i))),
    );
    failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  });
  await client.close();
  await emulator.close();
  return { seconds: ms / 1000, rateLimitReplies, failed };
}

const rates = await throughput();
const limit = await limited();
const result = {
  connections: CONNECTIONS,
  throughput: {
    messages: THROUGHPUT_MESSAGES,
    clientPerSecond: Math.round(rates.client),
    nodemailerPerSecond: Math.round(rates.nodemailer),
    ratio: Number((rates.client / rates.nodemailer).toFixed(2)),
    target: '>= 1.0',
  },
  limited: {
    messages: LIMITED_MESSAGES,
    seconds: Number(limit.seconds.toFixed(2)),
    rateLimitReplies: limit.rateLimitReplies,
    failed: limit.failed,
    target: '<= 10.5 s, 0 rate-limit replies',
  },
};
console.table({
  'client (limiter off)': { value: `${result.throughput.clientPerSecond} msg/s` },
  'nodemailer pool': { value: `${result.throughput.nodemailerPerSecond} msg/s` },
  'ratio client / nodemailer': { value: result.throughput.ratio },
  [`${LIMITED_MESSAGES} at 20/s (limiter on)`]: { value: `${result.limited.seconds} s` },
  'rate-limit replies': { value: result.limited.rateLimitReplies },
  'failed sends': { value: result.limited.failed },
});
const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('client.json', dir), `${JSON.stringify(result, null, 2)}\n`);
