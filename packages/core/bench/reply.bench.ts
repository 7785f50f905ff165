// Reply parsing speed: parseSesReply on each kind of reply of the service (R16-R21), errorFromReply and
// toQcloudMailError on a nodemailer-shaped error, beside JSON.parse of the same JSON as a floor.
// Run: `pnpm tsx bench/reply.bench.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { errorFromReply } from '../src/reply/error-from-reply.js';
import { toQcloudMailError } from '../src/reply/to-qcloud-mail-error.js';
import { parseSesReply } from '../src/reply/parse-ses-reply.js';
import { R17_MESSAGES } from '../src/reply/r17-messages.js';
import { renderSesReply, SES_REPLIES } from '../src/reply/ses-replies.js';

const business = renderSesReply({
  providerCode: 'FailedOperation.EmailAddrInBlacklist',
  message: 'The email address is in the blocklist.',
  requestId: 'bee4e9fb-8127-48cc-b606-bbb1e801596b',
});
const r17 = renderSesReply({ ...R17_MESSAGES.content_type_unsupported, requestId: 'bee4e9fb', shape: 'inside' });
const truncated =
  '554 5.0.0 Error: transaction failed, blame it on the weather: ##SES-response-json: {"Response":{"RequestId":"bee4e9fb-8127-48cc-b606-bbb1e801596b"},"QcloudError":{"Error":{"Code":"FailedOperation.MissingEmailContent.操作失败。缺少发信内容（TemplateData和Simple不能同时为空）。';
const nodemailerError = Object.assign(new Error(`Message failed: ${business}`), {
  code: 'EMESSAGE',
  response: business,
  responseCode: 554,
  command: 'DATA',
});

function measure(
  name: string,
  run: () => unknown,
  iterations = 50_000,
): { name: string; opsPerSec: number; usPerOp: number } {
  for (let i = 0; i < Math.min(2_000, iterations); i += 1) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) run();
  const ms = performance.now() - start;
  return {
    name,
    opsPerSec: Math.round((iterations / ms) * 1000),
    usPerOp: Number(((ms * 1000) / iterations).toFixed(2)),
  };
}

const json = business.slice(business.indexOf('{'));
const hostile = `421 a${' '.repeat(100_000)}b`;
const rows = [
  measure('JSON.parse of the same JSON (floor)', () => JSON.parse(json)),
  measure('parseSesReply business error (R16)', () => parseSesReply(business)),
  measure('parseSesReply R17 error, inside shape (R20)', () => parseSesReply(r17)),
  measure('parseSesReply truncated, run-together (R16 doc)', () => parseSesReply(truncated)),
  measure('parseSesReply 250 queued (R15)', () => parseSesReply(SES_REPLIES.queued)),
  measure('parseSesReply 421 busy (R21)', () => parseSesReply(SES_REPLIES.busy)),
  measure('errorFromReply business error', () => errorFromReply(business, { command: 'DATA' })),
  measure('toQcloudMailError nodemailer EMESSAGE', () => toQcloudMailError(nodemailerError)),
  // Issue #17 (1c): this reply took 9.8 s when a regex joined its lines; apps/demo's adversarial bench has more.
  measure('parseSesReply "421 a" + 100,000 spaces + "b"', () => parseSesReply(hostile), 200),
];
console.table(rows);
mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../bench-results/reply.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
