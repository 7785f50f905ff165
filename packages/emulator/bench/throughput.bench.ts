import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { RawSmtpClient } from '../test/raw-smtp-client.js';
import { startEmulator } from '../src/index.js';
import { judgeContent } from '../src/verdict.js';

const USER = 'bench@example.com';
const PASS = 'bench';

const message = (bodyBytes: number) =>
  [
    `From: Bench <${USER}>`,
    'To: user@example.org',
    'Subject: bench',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `${'x'.repeat(76)}\r\n`.repeat(Math.max(1, Math.ceil(bodyBytes / 78))),
  ].join('\r\n');

async function smtpThroughput(connections: number, total: number, bodyBytes: number) {
  const emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], rateLimit: false, httpPort: false });
  const raw = message(bodyBytes);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
      await client.login(USER, PASS);
      for (let i = worker; i < total; i += connections) {
        const at = performance.now();
        const reply = await client.send(USER, ['user@example.org'], raw);
        if (reply.code !== 250) throw new Error(reply.line);
        latencies.push(performance.now() - at);
      }
      await client.quit();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await emulator.close();
  latencies.sort((a, b) => a - b);
  return {
    case: `smtp ${connections} conn, ${bodyBytes} B body`,
    messages: total,
    perSecond: Math.round(total / seconds),
    p50Ms: Number((latencies[Math.floor(latencies.length / 2)] ?? 0).toFixed(2)),
    p99Ms: Number((latencies[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(2)),
  };
}

function verdictSpeed(bodyBytes: number, runs: number) {
  const raw = Buffer.from(message(bodyBytes));
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) {
    judgeContent({ raw, user: USER, envelope: { from: USER, to: ['user@example.org'] }, longestLine: 76 });
  }
  const ms = performance.now() - started;
  return {
    case: `verdict ${bodyBytes} B`,
    messages: runs,
    perSecond: Math.round((runs / ms) * 1000),
    p50Ms: Number((ms / runs).toFixed(3)),
    p99Ms: null,
  };
}

const results = [
  await smtpThroughput(1, 300, 2_000),
  await smtpThroughput(4, 600, 2_000),
  await smtpThroughput(4, 40, 900_000),
  verdictSpeed(2_000, 2_000),
  verdictSpeed(900_000, 40),
];
console.table(results);
await mkdir(new URL('../bench-results/', import.meta.url), { recursive: true });
await writeFile(
  new URL('../bench-results/throughput.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
