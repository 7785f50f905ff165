// What telemetry costs a send: pooled sends per second against the emulator (its own process, limiter off) with
// telemetry off, on without an SDK (the default: the API's no-ops), and on with an SDK recording every span and
// metric in memory. Run: `pnpm bench telemetry`.
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createMailClient } from '../src/client/create-mail-client.js';
import type { MailClient, MailClientOptions } from '../src/client/types.js';
import { PASS, startEmulatorProcess, USER } from './emulator-process.js';

const CONNECTIONS = 4;
const MESSAGES = 400;
const ROUNDS = 6;

const messageFor = (i: number) => ({
  from: USER,
  to: `user${i}@example.org`,
  subject: `Bench message ${i}`,
  text: `Hello ${i}\nThis is a benchmark message of a few lines.\n`.repeat(20),
});

const emulator = await startEmulatorProcess([
  '--http-port',
  '0',
  '--app-id',
  'bench',
  '--max-messages',
  '5000',
  '--no-rate-limit',
]);
const base: MailClientOptions = {
  host: emulator.host,
  port: emulator.port,
  ca: emulator.ca,
  auth: { user: USER, pass: PASS },
  pool: { maxConnections: CONNECTIONS, maxMessages: 100_000 },
  rateLimit: false,
  retry: false,
};
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    }),
  ],
});
const clients: Record<string, MailClient> = {
  off: createMailClient({ ...base, telemetry: false }),
  'no SDK': createMailClient(base),
  'SDK, in memory': createMailClient({ ...base, telemetry: { tracerProvider, meterProvider } }),
};
const messages = Array.from({ length: MESSAGES }, (_, i) => messageFor(i));
for (const client of Object.values(clients)) {
  await Promise.all(messages.slice(0, CONNECTIONS * 2).map((m) => client.send({ ...m })));
}
const times: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((name) => [name, []]));
const names = Object.keys(clients);
for (let round = 0; round < ROUNDS; round += 1) {
  // Rotate the order so that no variant always runs on a warmer process.
  for (let i = 0; i < names.length; i += 1) {
    const name = names[(round + i) % names.length] as string;
    const client = clients[name] as MailClient;
    const start = performance.now();
    await Promise.all(messages.map((m) => client.send({ ...m })));
    times[name]?.push(performance.now() - start);
    spans.reset();
  }
}
for (const client of Object.values(clients)) await client.close();
await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
await emulator.stop();

const off = times.off ?? [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows = Object.fromEntries(
  names.map((name) => {
    const ms = times[name] ?? [];
    const perSecond = (MESSAGES * ms.length * 1000) / ms.reduce((a, b) => a + b, 0);
    // Paired with the same round's run without telemetry: robust to other load on the machine.
    const ratio = median(ms.map((each, round) => (off[round] ?? 0) / each));
    return [name, { 'msg/s': Math.round(perSecond), 'speed vs off (median of rounds)': Number(ratio.toFixed(3)) }];
  }),
);
console.table(rows);
console.log(JSON.stringify({ connections: CONNECTIONS, messages: MESSAGES * ROUNDS, rows }));
