// Speed of the command's own work beside core's: lintRaw (lintMime plus placing each issue in the file),
// explainReply (finding the reply in a log line plus parseSesReply), and the start-up of the built command.
// Run: `pnpm bench` in this package (the sources of core and emulator through the source condition).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildMime, lintMime, parseSesReply } from '@qcloudmail/core';
import { renderSesReply } from '@qcloudmail/core/internal';
import { explainReply, lintRaw } from '../src/index.js';

interface Row {
  name: string;
  msPerOp: number;
  opsPerSec: number;
  mbPerSec?: number;
}

function measure(name: string, run: () => unknown, iterations: number, bytes?: number): Row {
  for (let i = 0; i < Math.max(2, iterations / 10); i += 1) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) run();
  const ms = (performance.now() - start) / iterations;
  const row: Row = { name, msPerOp: Number(ms.toFixed(4)), opsPerSec: Math.round(1000 / ms) };
  if (bytes !== undefined) row.mbPerSec = Number((bytes / 1048576 / (ms / 1000)).toFixed(1));
  return row;
}

const large = buildMime({
  from: 'ada@mail.example.com',
  to: 'bob@example.com',
  subject: 'Quarterly report',
  text: 'See the attachments.\n'.repeat(2000),
  attachments: [
    { filename: 'a.pdf', content: Buffer.alloc(2 * 1048576, 1) },
    { filename: 'b.pdf', content: Buffer.alloc(2 * 1048576, 2) },
  ],
}).raw;
const longLines = Buffer.from(
  `From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${`${'x'.repeat(1200)}\r\n`.repeat(500)}`,
);
const reply = renderSesReply({
  providerCode: 'FailedOperation.EmailAddrInBlacklist',
  message: 'blocked',
  requestId: 'bee4e9fb',
});
const logLine = `2026-03-01T10:00:00.123Z ERROR [mailer] send failed: ${reply}`;

const rows: Row[] = [
  measure('lintMime, clean 4 MiB message (core floor)', () => lintMime(large), 20, large.length),
  measure('lintRaw, clean 4 MiB message', () => lintRaw('large.eml', large), 20, large.length),
  measure('lintMime, 500 long lines (core floor)', () => lintMime(longLines), 50, longLines.length),
  measure('lintRaw, 500 long lines, each placed', () => lintRaw('long.eml', longLines), 50, longLines.length),
  measure('parseSesReply, bare reply (core floor)', () => parseSesReply(reply), 20_000),
  measure('explainReply, log line with timestamp', () => explainReply(logLine), 20_000),
];

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
if (existsSync(bin)) {
  const runs: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const start = performance.now();
    execFileSync(process.execPath, [bin, '--version']);
    runs.push(performance.now() - start);
  }
  const median = runs.sort((a, b) => a - b)[3] as number;
  rows.push({
    name: 'dist/bin.js --version, process start to exit (median of 7)',
    msPerOp: Number(median.toFixed(1)),
    opsPerSec: Math.round(1000 / median),
  });
}

console.table(rows);
mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../bench-results/cli.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
