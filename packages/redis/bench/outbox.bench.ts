/**
 * Four worker processes share the Redis rate limit and send 400 messages to the emulator, which enforces the
 * service's 20 messages a second (R5). Targets: no rate-limit reply at all, and at least 19 messages a second
 * in aggregate (the limiter keeps a 50 ms margin per window, so 20/1.05 ≈ 19.05 is the ceiling after the first
 * window).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startEmulator } from '@qcloudmail/emulator';
import { Redis } from 'ioredis';
import { createOutbox } from '../src/index.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../test/redis-available.js';
import { spawnWorker } from '../test/spawn-worker.js';

const WORKERS = 4;
const MESSAGES = 400;
const USER = 'noreply@mail.example.com';
const PASS = 'bench-secret';

const prefix = uniquePrefix('bench');
const redis = new Redis(REDIS_URL);
const emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], appId: 'app-bench', httpPort: false });
const outbox = createOutbox({ connection: REDIS_URL, prefix: `${prefix}bull`, queueName: 'bench' });
const smtp = { host: emulator.host, port: emulator.port, ca: emulator.ca, user: USER, pass: PASS, appId: 'app-bench' };
const workers = Array.from({ length: WORKERS }, () =>
  spawnWorker({ redisUrl: REDIS_URL, prefix: `${prefix}bull`, queue: 'bench', smtp, concurrency: 4 }),
);

try {
  await Promise.all(workers.map((worker) => worker.ready));
  const started = Date.now();
  await Promise.all(
    Array.from({ length: MESSAGES }, (_, n) =>
      outbox.enqueue({ from: USER, to: `user${n}@example.org`, subject: `bench ${n}`, text: `message ${n}` }),
    ),
  );
  const enqueuedMs = Date.now() - started;
  const deadline = started + 60_000;
  while (emulator.messages.length < MESSAGES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const elapsedMs = Date.now() - started;

  const accepted = emulator.messages.map((each) => each.receivedAt.getTime()).sort((a, b) => a - b);
  let maxInAnySecond = 0;
  for (let i = 0, j = 0; i < accepted.length; i += 1) {
    while ((accepted[i] as number) - (accepted[j] as number) >= 1000) j += 1;
    maxInAnySecond = Math.max(maxInAnySecond, i - j + 1);
  }
  const perWorker = workers.map((worker) => worker.lines.filter((line) => line.startsWith('sent ')).length);
  const result = {
    workers: WORKERS,
    messages: MESSAGES,
    accepted: emulator.stats.accepted,
    rateLimitReplies: emulator.stats.rateLimited,
    refused: emulator.stats.refused,
    elapsedMs,
    enqueueMs: enqueuedMs,
    aggregatePerSecond: Number(((emulator.stats.accepted / elapsedMs) * 1000).toFixed(2)),
    maxAcceptedInAnySecond: maxInAnySecond,
    sentPerWorker: perWorker,
    targets: { rateLimitReplies: 0, minAggregatePerSecond: 19 },
  };
  const pass = result.accepted === MESSAGES && result.rateLimitReplies === 0 && result.aggregatePerSecond >= 19;
  console.table({
    'outbox, 4 processes': {
      messages: result.accepted,
      'rate-limit replies': result.rateLimitReplies,
      'elapsed ms': result.elapsedMs,
      'msg/s': result.aggregatePerSecond,
      'max in any 1 s': result.maxAcceptedInAnySecond,
      'per worker': perWorker.join('/'),
      target: pass ? 'met' : 'MISSED',
    },
  });
  const dir = new URL('../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('outbox.json', dir), `${JSON.stringify({ ...result, pass }, null, 2)}\n`);
  process.exitCode = pass ? 0 : 1;
} finally {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((worker) => worker.exited));
  await outbox.close();
  await emulator.close();
  await deleteKeys(redis, prefix);
  await redis.quit();
}
