// Client throughput against the emulator: pooled sends per second beside plain nodemailer's pool (both limiters
// off), and 200 messages at the service's 20 a second (R5) with the limiter on. Run: `pnpm bench client`.
// The emulator runs in its own process (emulator-process.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { SendOutcome } from '../src/client/types.js';
import { PASS, startEmulatorProcess, USER } from './emulator-process.js';

const APP_ID = 'bench';
const CONNECTIONS = 4;
const THROUGHPUT_MESSAGES = 400;
const ROUNDS = 5;
const LIMITED_MESSAGES = 200;

/** The emulator in its own process, its limiter on or off, with what it counted read from its HTTP API. */
async function startEmulator(rateLimit: boolean) {
  const emulator = await startEmulatorProcess([
    ...['--http-port', '0', '--app-id', APP_ID, '--max-messages', '5000'],
    ...(rateLimit ? [] : ['--no-rate-limit']),
  ]);
  if (emulator.http === undefined) throw new Error('the emulator started without its HTTP API');
  const stats = new URL('/api/stats', emulator.http);
  return {
    ...emulator,
    async stats(): Promise<{ accepted: number; refused: number; rateLimited: number }> {
      const response = await fetch(stats);
      return (await response.json()) as { accepted: number; refused: number; rateLimited: number };
    },
  };
}

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

async function throughput() {
  const emulator = await startEmulator(false);
  const messages = Array.from({ length: THROUGHPUT_MESSAGES }, (_, i) => messageFor(i));
  const client = createMailClient({
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    pool: { maxConnections: CONNECTIONS, maxMessages: 100_000 },
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
    maxMessages: 100_000,
  });
  // Warm both pools up so that connection setup is not measured.
  await Promise.all(messages.slice(0, CONNECTIONS * 2).map((m) => client.send({ ...m })));
  await Promise.all(messages.slice(0, CONNECTIONS * 2).map((m) => plain.sendMail({ ...m })));
  const clientMs: number[] = [];
  const plainMs: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const runClient = async () => {
      clientMs.push(await timed(() => Promise.all(messages.map((m) => client.send({ ...m })))));
    };
    const runPlain = async () => {
      plainMs.push(await timed(() => Promise.all(messages.map((m) => plain.sendMail({ ...m })))));
    };
    // Alternate the order so that neither side always runs on a warmer process.
    if (round % 2 === 0) await runClient().then(runPlain);
    else await runPlain().then(runClient);
  }
  const stats = await emulator.stats();
  await client.close();
  plain.close();
  await emulator.stop();
  const perSecond = (ms: number[]) => (THROUGHPUT_MESSAGES * ms.length * 1000) / ms.reduce((a, b) => a + b, 0);
  // Each round's two runs are back to back: the median of their ratios is robust to other load on the machine.
  const ratios = clientMs.map((ms, round) => (plainMs[round] ?? 0) / ms).sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? 0;
  return { client: perSecond(clientMs), nodemailer: perSecond(plainMs), ratio, ratios, refused: stats.refused };
}

async function limited() {
  const emulator = await startEmulator(true);
  const client = createMailClient({
    host: emulator.host,
    port: emulator.port,
    ca: emulator.ca,
    auth: { user: USER, pass: PASS },
    appId: APP_ID,
    pool: { maxConnections: CONNECTIONS },
    // The last of 200 waits about 10 s for its turn: longer than the default maxQueueMs.
    rateLimit: { maxQueueMs: 15_000 },
    timeouts: { total: 30_000 },
  });
  let outcomes: Array<PromiseSettledResult<SendOutcome>> = [];
  const ms = await timed(async () => {
    outcomes = await Promise.allSettled(Array.from({ length: LIMITED_MESSAGES }, (_, i) => client.send(messageFor(i))));
  });
  const stats = await emulator.stats();
  await client.close();
  await emulator.stop();
  const transmit = outcomes
    .flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.timings.transmitMs] : []))
    .sort((a, b) => a - b);
  return {
    seconds: ms / 1000,
    failed: outcomes.filter((outcome) => outcome.status === 'rejected').length,
    emulatorAccepted: stats.accepted,
    emulatorRateLimited: stats.rateLimited,
    transmitMsP50: transmit[Math.floor(transmit.length / 2)] ?? 0,
    transmitMsP95: transmit[Math.floor(transmit.length * 0.95)] ?? 0,
  };
}

const rates = await throughput();
const limit = await limited();
const result = {
  connections: CONNECTIONS,
  throughput: {
    messages: THROUGHPUT_MESSAGES * ROUNDS,
    clientPerSecond: Math.round(rates.client),
    nodemailerPerSecond: Math.round(rates.nodemailer),
    ratio: Number(rates.ratio.toFixed(3)),
    roundRatios: rates.ratios.map((each) => Number(each.toFixed(3))),
    emulatorRefused: rates.refused,
    target: 'median ratio of paired rounds >= 1.0',
  },
  limited: {
    messages: LIMITED_MESSAGES,
    seconds: Number(limit.seconds.toFixed(2)),
    failed: limit.failed,
    emulatorAccepted: limit.emulatorAccepted,
    emulatorRateLimited: limit.emulatorRateLimited,
    transmitMsP50: Math.round(limit.transmitMsP50),
    transmitMsP95: Math.round(limit.transmitMsP95),
    target: '<= 10.5 s, 0 rate-limited by the emulator',
  },
};
const met = {
  throughput: rates.ratio >= 1 && rates.refused === 0,
  limited: result.limited.seconds <= 10.5 && result.limited.emulatorRateLimited === 0 && result.limited.failed === 0,
};
console.table({
  'client (limiter off)': { value: `${result.throughput.clientPerSecond} msg/s`, target: '' },
  'nodemailer pool': { value: `${result.throughput.nodemailerPerSecond} msg/s`, target: '' },
  'ratio client / nodemailer': { value: result.throughput.ratio, target: met.throughput ? '>= 1.0 met' : 'MISSED' },
  [`${LIMITED_MESSAGES} at 20/s (limiter on)`]: {
    value: `${result.limited.seconds} s`,
    target: met.limited ? '<= 10.5 s met' : 'MISSED',
  },
  'rate-limited by the emulator': { value: result.limited.emulatorRateLimited, target: '0' },
  'failed sends': { value: result.limited.failed, target: '0' },
  'transmit p50 / p95': { value: `${result.limited.transmitMsP50} / ${result.limited.transmitMsP95} ms`, target: '' },
});
const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('client.json', dir), `${JSON.stringify({ ...result, met }, null, 2)}\n`);
if (!met.throughput || !met.limited) process.exitCode = 1;
