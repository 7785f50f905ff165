// Delivery-event speed: parseSesEvent on R29's examples, parseSesEvents on a batch, and the callback handler
// end to end (token check, shape scan, JSON.parse, parse), beside JSON.parse of the same body as a floor; and
// the handler on hostile bodies at the default 256 KiB cap, which must cost about as much as a valid one.
// Run: `pnpm tsx bench/events.bench.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseSesEvent, parseSesEvents } from '../src/events/parse-ses-event.js';
import { createEventCallbackHandler } from '../src/http/event-callback-handler.js';

const EXAMPLE_2025 =
  '{"event":"bounce","email":"example@example.com","bulkId":"qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1","timestamp":1654064683,"reason":"551 5.1.1 recipient is not exist","bounceType":"hard_bounce","username":"251200670","from":"test@fromexample.com","fromDomain":"fromexample.com","templateId":123456,"subject":"=?UTF-8?B?5L2g5aW977yM5LiW55WM?=","messageId":"ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com","sentTimestamp":1761555487,"X-Tencentcloudses-Cb-Custom":"ses callback"}';
const EXAMPLE_2021 =
  '{"event":"delivered","email":"example@example.com","bulkId":"qcloud-ses-4F001945B2D9BE90362","timestamp":1587953211,"reason":"the reason when email failed to delivered","bounceType":""}';
const batch = `[${Array.from({ length: 100 }, () => EXAMPLE_2025).join(',')}]`;
const SECRET = 'bench-callback-secret-0123';
const handle = createEventCallbackHandler({ secret: SECRET, onEvents: () => {} });
const url = `/ses/events?token=${SECRET}`;
const request = (text: string) => ({ method: 'POST', url, headers: {}, body: { bytes: Buffer.from(text) } });
const cap = 256 * 1024 - 2;
const hostile = {
  deep: `${'['.repeat(cap / 2)}${']'.repeat(cap / 2)}`,
  wide: `[${'0,'.repeat(cap / 2 - 1)}0]`,
  longString: `{"event":"bounce","email":"a@b.c","timestamp":1,"reason":"${'x'.repeat(cap - 60)}"}`,
};

async function measure(name: string, run: () => unknown, iterations = 20_000) {
  for (let i = 0; i < Math.min(500, iterations); i += 1) await run();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) await run();
  const ms = performance.now() - start;
  return {
    name,
    opsPerSec: Math.round((iterations / ms) * 1000),
    usPerOp: Number(((ms * 1000) / iterations).toFixed(2)),
  };
}

const parsed2025 = JSON.parse(EXAMPLE_2025) as unknown;
const parsed2021 = JSON.parse(EXAMPLE_2021) as unknown;
const rows = [
  await measure('JSON.parse of the 2025 example (floor)', () => JSON.parse(EXAMPLE_2025)),
  await measure('parseSesEvent 2025 example (encoded subject)', () => parseSesEvent(parsed2025)),
  await measure('parseSesEvent 2021 example', () => parseSesEvent(parsed2021)),
  await measure('parseSesEvents, 100 events', () => parseSesEvents(JSON.parse(batch)), 500),
  await measure('handler, one event (token, scan, parse, 200)', () => handle(request(EXAMPLE_2025))),
  await measure('handler, wrong token (401)', () => handle({ ...request(EXAMPLE_2025), url: '/ses/events?token=x' })),
  await measure('handler, 256 KiB of nesting (400)', () => handle(request(hostile.deep)), 200),
  await measure('handler, 256 KiB array of numbers (400)', () => handle(request(hostile.wide)), 200),
  await measure('handler, 256 KiB reason (400)', () => handle(request(hostile.longString)), 200),
];
console.table(rows);
mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../bench-results/events.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
