// The quota bench's parts: an emulator in its own process whose reply latency is set per run, a client sending a
// bounded run at the default options, and the measures of issue 19 (steady rate after the first 40 messages,
// connections opened, rate-limit replies). Shared by core's bench and the Redis package's four-process runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MailClientOptions } from '../src/client/types.js';

export const USER = 'noreply@mail.example.com';
export const PASS = 'emulator-secret';
export const APP_ID = 'app-1';
/** Messages per run, and how many are left out of the steady rate (the ramp-up), as in the issue. */
export const RUN_MESSAGES = 140;
export const WARMUP_MESSAGES = 40;

/** A reply latency: every reply `perReplyMs` late, the end of DATA `endOfDataMs` after its final dot. */
export interface Latency {
  perReplyMs: number;
  endOfDataMs: number;
}

/** What the emulator counted since its last reset. */
export interface EmulatorCounts {
  accepted: number;
  refused: number;
  rateLimited: number;
  connections: number;
}

/** An emulator in a child process. */
export interface BenchEmulator {
  host: string;
  port: number;
  ca: string;
  /** Forgets messages, rate windows and counters, and sets the latency of the next run. */
  prepare(latency: Latency): Promise<void>;
  counts(): Promise<EmulatorCounts>;
  stop(): Promise<void>;
}

/** Starts the bench's emulator, counting a message at its reply (the later end of what the service may do). */
export async function startBenchEmulator(countAt: 'data-end' | 'reply' = 'reply'): Promise<BenchEmulator> {
  const entry = fileURLToPath(new URL('./quota-emulator.ts', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@qcloudmail/source', '--import', 'tsx', entry, JSON.stringify({ countAt })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<{ host: string; port: number; ca: string; http: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)));
    });
    child.once('exit', (code) => reject(new Error(`the bench emulator exited with ${code} before it was ready`)));
  });
  const api = (path: string) => new URL(path, ready.http);
  const post = async (path: string, body?: unknown): Promise<void> => {
    const response = await fetch(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  };
  return {
    host: ready.host,
    port: ready.port,
    ca: ready.ca,
    async prepare(latency) {
      await post('/api/reset');
      await post('/api/latency', latency);
    },
    async counts() {
      const response = await fetch(api('/api/stats'));
      return (await response.json()) as EmulatorCounts;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The default client options for `emulator`: only what reaching it needs (host, TLS trust, sender). */
export function benchClientOptions(emulator: Pick<BenchEmulator, 'host' | 'port' | 'ca'>): MailClientOptions {
  return { host: emulator.host, port: emulator.port, ca: emulator.ca, auth: { user: USER, pass: PASS }, appId: APP_ID };
}

/** Message `index` of run `run`: a recipient of its own, so that no run meets the hourly limit (R6). */
export function benchMessage(run: string, index: number) {
  return {
    from: USER,
    to: `r${index}-${run}@example.org`,
    subject: `Quota bench ${run} ${index}`,
    text: `Hello ${index}\nA message of a few lines, as a notification would be.\n`.repeat(10),
  };
}

/** How a client's part of a run went: when each send was answered (ms since the epoch), and what failed. */
export interface SendTimes {
  done: number[];
  failed: string[];
}

/**
 * Sends `count` messages through `send`, keeping `backlog` sends outstanding (a steady producer: a queue worker
 * feeding the client, not 140 sends waiting at once past their maxQueueMs).
 */
export async function produce(
  count: number,
  backlog: number,
  send: (index: number) => Promise<unknown>,
): Promise<SendTimes> {
  const times: SendTimes = { done: [], failed: [] };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      try {
        await send(index);
        times.done.push(Date.now());
      } catch (error) {
        times.failed.push(String((error as { code?: string }).code ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: backlog }, lane));
  return times;
}

/**
 * Messages a second after the first `WARMUP_MESSAGES` answers, from the answer times of every process: the
 * messages answered after the 40th answer, over the time from it to the last answer (grants come in bursts of up
 * to 20 at a window's edge, so the span runs from one burst's end to another's).
 */
export function steadyRate(done: readonly number[]): number {
  const sorted = [...done].sort((a, b) => a - b);
  const from = sorted[WARMUP_MESSAGES - 1];
  const last = sorted.at(-1);
  if (from === undefined || last === undefined || last <= from) return 0;
  return ((sorted.length - WARMUP_MESSAGES) * 1000) / (last - from);
}

/** The safe bound of issue 19: 20 a second, each slot busy for the reply latency and the 1 s window. */
export function safeBound(latencyMs: number): number {
  return 20 / (1 + latencyMs / 1000);
}
