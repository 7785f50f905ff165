import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type Outbox } from '../src/index.js';
import { deleteKeys, probeRedis, REDIS_URL, uniquePrefix } from './redis-available.js';
import { spawnWorker, type WorkerProcess } from './spawn-worker.js';

const available = await probeRedis();

const USER = 'noreply@mail.example.com';
const PASS = 'emulator-secret';
const TOTAL = 40;

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!available)('outbox workers across a crash', () => {
  const prefix = uniquePrefix('crash');
  let redis: Redis;
  let emulator: Emulator;
  let outbox: Outbox;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'app-crash', httpPort: false });
    outbox = createOutbox({ connection: REDIS_URL, prefix: `${prefix}bull`, queueName: 'crash' });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await outbox.close();
    await emulator.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('delivers every message after a worker is killed mid-batch; only flagged ones arrive twice', async () => {
    // Every reply to DATA is held, so that the kill lands while sends are in flight.
    emulator.faults.add({ type: 'delay', ms: 150, count: 'always' });
    const ids = Array.from({ length: TOTAL }, (_, n) => `m-${n}`);
    for (const [n, id] of ids.entries()) {
      await outbox.enqueue({ from: USER, to: `user${n}@example.org`, subject: id, text: `message ${n}` }, { id });
    }
    const settings = {
      redisUrl: REDIS_URL,
      prefix: `${prefix}bull`,
      queue: 'crash',
      smtp: { host: emulator.host, port: emulator.port, ca: emulator.ca, user: USER, pass: PASS, appId: 'app-crash' },
      concurrency: 4,
      lockMs: 1000,
      stalledMs: 500,
    };
    const first = spawnWorker(settings);
    workers.push(first);
    await first.ready;
    await until(() => emulator.history.length >= 10, 15_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = emulator.history.length;
    expect(killedAt).toBeLessThan(TOTAL);

    const second = spawnWorker(settings);
    workers.push(second);
    await second.ready;
    await until(async () => {
      const counts = await outbox.counts();
      return counts.completed + counts.failed + counts.unknown === TOTAL;
    }, 20_000);

    const counts = await outbox.counts();
    expect(counts).toMatchObject({ completed: TOTAL, failed: 0, unknown: 0 });
    const arrived = new Map<string, number>();
    for (const each of emulator.messages) {
      const subject = each.parsed.subject ?? '';
      arrived.set(subject, (arrived.get(subject) ?? 0) + 1);
    }
    expect([...arrived.keys()].sort()).toEqual([...ids].sort());
    const flagged = new Set<string>();
    for (const id of ids) {
      const job = await outbox.getJob(id);
      if (job?.result?.possibleDuplicate) flagged.add(id);
    }
    const twice = [...arrived].filter(([, count]) => count > 1).map(([id]) => id);
    for (const id of twice) expect(flagged.has(id)).toBe(true);
    // The killed worker had sends in flight, and the second one said so for each of them.
    expect(flagged.size).toBeGreaterThan(0);
    expect(flagged.size).toBeLessThanOrEqual(4);
  }, 40_000);
});
