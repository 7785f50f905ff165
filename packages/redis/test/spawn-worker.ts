import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./fixtures/outbox-worker.ts', import.meta.url));

/** Settings of a worker process. */
export interface WorkerProcessSettings {
  redisUrl: string;
  prefix: string;
  queue: string;
  smtp: { host: string; port: number; ca: string; user: string; pass: string; appId: string };
  concurrency?: number;
  lockMs?: number;
  stalledMs?: number;
}

/** A worker process and the lines it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  exited: Promise<void>;
}

/** Starts `fixtures/outbox-worker.ts` in its own Node process (tsx, sources through the workspace condition). */
export function spawnWorker(settings: WorkerProcessSettings): WorkerProcess {
  const child = spawn(process.execPath, ['--conditions=@qcloudmail/source', '--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      REDIS_URL: settings.redisUrl,
      QCM_PREFIX: settings.prefix,
      QCM_QUEUE: settings.queue,
      QCM_CONCURRENCY: String(settings.concurrency ?? 4),
      QCM_LOCK_MS: String(settings.lockMs ?? 30_000),
      QCM_STALLED_MS: String(settings.stalledMs ?? 30_000),
      QCM_SMTP_HOST: settings.smtp.host,
      QCM_SMTP_PORT: String(settings.smtp.port),
      QCM_SMTP_CA: settings.smtp.ca,
      QCM_SMTP_USER: settings.smtp.user,
      QCM_SMTP_PASS: settings.smtp.pass,
      QCM_APP_ID: settings.smtp.appId,
    },
  });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  let markReady: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line === 'ready') markReady();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      fail(new Error(`worker exited before ready (${code ?? signal}): ${stderr.slice(0, 2000)}`));
      resolve();
    });
  });
  return { child, lines, ready, exited };
}
