// The four-process rows of the quota bench (core's bench/quota.bench.ts): four child processes, each a client
// with default options over one shared Redis store, sending their share of a 140-message run to one emulator.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { type BenchEmulator, RUN_MESSAGES, type SendTimes } from '../../core/bench/quota-harness.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from '../test/redis-available.js';

const PROCESSES = 4;

/** True when the Redis of the tests answers. */
export function redisAnswers(): Promise<boolean> {
  return probeRedis();
}

/** Runs one 140-message run from four processes sharing a fresh Redis prefix; their answer times merged. */
export async function runFourProcesses(
  emulator: BenchEmulator,
  run: string,
  countAt: 'transaction' | 'data-end',
): Promise<SendTimes & { processes: number }> {
  const prefix = uniquePrefix('quota-bench');
  const entry = fileURLToPath(new URL('./quota-worker-child.ts', import.meta.url));
  const share = RUN_MESSAGES / PROCESSES;
  const children = Array.from({ length: PROCESSES }, (_, index) => {
    const config = {
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      run,
      first: index * share,
      count: share,
      prefix,
      redisUrl: REDIS_URL,
      countAt,
    };
    const child = spawn(
      process.execPath,
      ['--conditions=@qcloudmail/source', '--import', 'tsx', entry, JSON.stringify(config)],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line === 'READY') resolve();
      });
      child.once('exit', (code) => reject(new Error(`a quota worker exited with ${code}`)));
    });
    const result = new Promise<SendTimes>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('RESULT ')) resolve(JSON.parse(line.slice(7)) as SendTimes);
      });
      child.once('exit', (code) => reject(new Error(`a quota worker exited with ${code} before its result`)));
    });
    return { child, ready, result };
  });
  try {
    await Promise.all(children.map((each) => each.ready));
    for (const each of children) each.child.stdin?.write('go\n');
    const results = await Promise.all(children.map((each) => each.result));
    return {
      done: results.flatMap((each) => each.done),
      failed: results.flatMap((each) => each.failed),
      processes: PROCESSES,
    };
  } finally {
    for (const each of children) if (each.child.exitCode === null) each.child.kill('SIGTERM');
    const redis = new Redis(REDIS_URL);
    await deleteKeys(redis, prefix);
    await redis.quit();
  }
}
