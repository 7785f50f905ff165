// Issue 19: with default options, does the client fill the service's 20 a second (R5) when the service is far
// away? Runs of 140 messages against an emulator answering L ms late (the end of DATA only, or every reply), in
// one process here and in four processes sharing Redis (packages/redis/bench/quota-workers.ts) when Redis answers.
// Run: `pnpm bench quota`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClientOptions } from '../src/client/types.js';
import {
  type BenchEmulator,
  benchClientOptions,
  benchMessage,
  type Latency,
  produce,
  RUN_MESSAGES,
  safeBound,
  type SendTimes,
  startBenchEmulator,
  steadyRate,
} from './quota-harness.js';

interface Row {
  model: 'end of DATA' | 'every reply';
  latencyMs: number;
  processes: number;
  countAt: 'transaction' | 'data-end';
  steady: number;
  bound: number;
  share: number;
  connections: number;
  rateLimited: number;
  failed: number;
  seconds: number;
}

type Runner = (
  emulator: BenchEmulator,
  run: string,
  countAt: Row['countAt'],
) => Promise<SendTimes & { processes: number }>;

const oneProcess: Runner = async (emulator, run, countAt) => {
  const options: MailClientOptions = {
    ...benchClientOptions(emulator),
    ...(countAt === 'transaction' ? {} : { rateLimit: { countAt } }),
  };
  const client = createMailClient(options);
  const times = await produce(RUN_MESSAGES, 40, (index) => client.send(benchMessage(run, index)));
  await client.close();
  return { ...times, processes: 1 };
};

async function fourProcesses(): Promise<Runner | undefined> {
  try {
    const workers = await import('../../redis/bench/quota-workers.js');
    return (await workers.redisAnswers()) ? workers.runFourProcesses : undefined;
  } catch (error) {
    console.warn('four-process rows skipped:', error instanceof Error ? error.message : error);
    return undefined;
  }
}

async function measure(
  emulator: BenchEmulator,
  runner: Runner,
  model: Row['model'],
  latencyMs: number,
  countAt: Row['countAt'],
): Promise<Row> {
  const latency: Latency =
    model === 'end of DATA'
      ? { perReplyMs: 0, endOfDataMs: latencyMs }
      : { perReplyMs: latencyMs, endOfDataMs: latencyMs };
  await emulator.prepare(latency);
  const run = `${model === 'end of DATA' ? 'e' : 'p'}${latencyMs}-${countAt}-${Date.now()}`;
  const started = Date.now();
  const times = await runner(emulator, run, countAt);
  const seconds = (Date.now() - started) / 1000;
  const counts = await emulator.counts();
  const steady = steadyRate(times.done);
  const bound = safeBound(latencyMs);
  return {
    model,
    latencyMs,
    processes: times.processes,
    countAt,
    steady: Number(steady.toFixed(1)),
    bound: Number(bound.toFixed(1)),
    share: Math.round((steady / bound) * 100),
    connections: counts.connections,
    rateLimited: counts.rateLimited,
    failed: times.failed.length,
    seconds: Number(seconds.toFixed(1)),
  };
}

interface BigRow {
  countAt: Row['countAt'];
  messages: number;
  mib: number;
  seconds: number;
  rate: number;
  rateLimited: number;
  failed: number;
}

const BIG_MESSAGES = 20;
// Two attachments of 2.25 MiB (each under the 4 MiB limit): about 6 MiB on the wire once in base64.
const BIG_ATTACHMENT = Buffer.alloc(Math.floor(2.25 * 1024 * 1024), 7);

/** A batch of 6 MiB messages at 300 ms per reply, under each assumption of when the service counts. */
async function bigMessages(emulator: BenchEmulator): Promise<BigRow[]> {
  const rows: BigRow[] = [];
  for (const countAt of ['transaction', 'data-end'] as const) {
    await emulator.prepare({ perReplyMs: 300, endOfDataMs: 300 });
    const client = createMailClient({
      ...benchClientOptions(emulator),
      ...(countAt === 'transaction' ? {} : { rateLimit: { countAt } }),
    });
    const run = `big-${countAt}-${Date.now()}`;
    const started = Date.now();
    let size = 0;
    const times = await produce(BIG_MESSAGES, BIG_MESSAGES, async (index) => {
      const outcome = await client.send({
        ...benchMessage(run, index),
        attachments: [
          { filename: 'part1.pdf', content: BIG_ATTACHMENT },
          { filename: 'part2.pdf', content: BIG_ATTACHMENT },
        ],
      });
      size = outcome.size;
    });
    const seconds = (Date.now() - started) / 1000;
    await client.close();
    const counts = await emulator.counts();
    rows.push({
      countAt,
      messages: BIG_MESSAGES,
      mib: Number((size / 1024 / 1024).toFixed(2)),
      seconds: Number(seconds.toFixed(1)),
      rate: Number((times.done.length / seconds).toFixed(1)),
      rateLimited: counts.rateLimited,
      failed: times.failed.length,
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
  return rows;
}

const only = process.env.QUOTA_BENCH_ROWS;
const bigRows: BigRow[] = [];
const emulator = await startBenchEmulator('reply');
const four = await fourProcesses();
const rows: Row[] = [];
const plan: Array<[Row['model'], number, Row['countAt']]> = [
  ['end of DATA', 0, 'transaction'],
  ['end of DATA', 100, 'transaction'],
  ['end of DATA', 300, 'transaction'],
  ['end of DATA', 600, 'transaction'],
  ['every reply', 300, 'transaction'],
  ['every reply', 600, 'transaction'],
  ['every reply', 300, 'data-end'],
  ['every reply', 600, 'data-end'],
];
try {
  // QUOTA_BENCH_ROWS=300,600 runs only those latencies (for a quick look).
  const wanted = plan.filter(([, latencyMs]) => only === undefined || only.split(',').includes(String(latencyMs)));
  for (const [model, latencyMs, countAt] of wanted) {
    for (const runner of four === undefined ? [oneProcess] : [oneProcess, four]) {
      const row = await measure(emulator, runner, model, latencyMs, countAt);
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
  bigRows.push(...(await bigMessages(emulator)));
} finally {
  await emulator.stop();
}

console.log(
  [
    '| reply after L | L applies to | processes | countAt | steady rate | 20/(1+L) | share | connections | rate-limit replies | failed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.latencyMs} ms | ${row.model} | ${row.processes} | ${row.countAt} | ${row.steady}/s | ${row.bound}/s | ${row.share}% | ${row.connections} | ${row.rateLimited} | ${row.failed} |`,
    ),
  ].join('\n'),
);
console.log(
  [
    '',
    '| 6 MiB messages, 300 ms per reply | messages | size | time | rate | rate-limit replies | failed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...bigRows.map(
      (row) =>
        `| countAt ${row.countAt} | ${row.messages} | ${row.mib} MiB | ${row.seconds} s | ${row.rate}/s | ${row.rateLimited} | ${row.failed} |`,
    ),
  ].join('\n'),
);
const dir = new URL('../bench-results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('quota.json', dir), `${JSON.stringify({ rows, big: bigRows }, null, 2)}\n`);
const missed = rows.filter(
  (row) => row.model === 'end of DATA' && (row.share < 90 || row.rateLimited > 0 || row.failed > 0),
);
if (missed.length > 0 || [...rows, ...bigRows].some((row) => row.rateLimited > 0)) process.exitCode = 1;
