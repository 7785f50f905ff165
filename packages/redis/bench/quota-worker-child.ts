// One of the four processes of the quota bench: a client with default options but for the shared Redis store,
// started on "go" from its parent, sending its share of the run; prints the answer times as one RESULT line.
import { createMailClient } from '@qcloudmail/core';
import { benchClientOptions, benchMessage, produce } from '../../core/bench/quota-harness.js';
import { createRedisRateLimitStore } from '../src/index.js';

interface WorkerConfig {
  host: string;
  port: number;
  ca: string;
  run: string;
  first: number;
  count: number;
  prefix: string;
  redisUrl: string;
  countAt: 'transaction' | 'data-end';
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const store = createRedisRateLimitStore(config.redisUrl, { prefix: config.prefix });
const client = createMailClient({
  ...benchClientOptions(config),
  rateLimit: { store, ...(config.countAt === 'transaction' ? {} : { countAt: config.countAt }) },
});
process.stdout.write('READY\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const times = await produce(config.count, 10, (index) => client.send(benchMessage(config.run, config.first + index)));
await client.close();
await store.close();
process.stdout.write(`RESULT ${JSON.stringify(times)}\n`);
process.exit(0);
