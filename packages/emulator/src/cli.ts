import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_APP_ID, DEFAULT_SENDER } from './accounts.js';
import { CALLBACK_FLAGS, CALLBACK_HELP, callbackOptionsFromFlags } from './callbacks/callback-flags.js';
import { normalizeAllowedHost } from './host-check.js';
import { MAX_LATENCY_MS } from './latency.js';
import { startEmulator } from './start-emulator.js';
import type { EmulatorCallbackOptions } from './callbacks/callback-options.js';
import type { SenderCredentials } from './types.js';
import { parseRulesBaseUrl } from './rule-links.js';

/** Where the command writes, and what stops it; the defaults are the process's streams and SIGINT/SIGTERM. */
export interface EmulatorCliIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Stops the emulator when it aborts; without it, SIGINT or SIGTERM does. */
  signal?: AbortSignal;
  /** Where `QCLOUDMAIL_EMULATOR_CALLBACK_SECRET` is read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

const HELP = `Usage: qcloudmail-emulator [options]

A local SMTP server that behaves like Tencent Cloud SES (implicit TLS, like port 465).

Options:
  --port <n>             SMTP port (default 2465; 0 picks a free one)
  --http-port <n>        HTTP API port (default 8025; 0 picks a free one)
  --no-http              Do not start the HTTP API
  --host <address>       Interface to listen on (default 127.0.0.1)
  --allowed-host <name>  A host name the HTTP API may be reached by, besides loopback
                         addresses and --host; repeatable (others get 403)
  --user <user:pass>     A sender address and its SMTP password; repeatable
                         (default ${DEFAULT_SENDER.user}:${DEFAULT_SENDER.pass})
  --app-id <id>          The account of the senders (default ${DEFAULT_APP_ID})
  --ca-file <path>       Write the CA certificate here (default: a temporary file, removed on exit)
  --max-messages <n>     Messages kept (default 1000)
  --no-rate-limit        Switch off the limits of 20 messages a second and 10 an hour per recipient
  --oversize <mode>      drop (break the connection, default) or reply (552) for messages over 10 MiB
  --latency <ms>         Hold every reply this long, as a service one round trip away (default 0)
  --rules-base-url <url> Link the inbox's rule ids under this URL (where docs/rules.md lies)
${CALLBACK_HELP}  --verbose              Log sessions to stderr
  -h, --help             Show this help
`;

function parseUser(value: string): SenderCredentials {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1)
    throw new Error(`--user expects user:password, got "${value.split(':')[0]}:..."`);
  return { user: value.slice(0, at), pass: value.slice(at + 1) };
}

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} expects a port from 0 to 65535`);
  return port;
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  if (signal !== undefined) {
    return signal.aborted
      ? Promise.resolve()
      : new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
  }
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

// Where events go, never the secret itself.
function callbackLines(callbacks: EmulatorCallbackOptions | undefined): string[] {
  if (callbacks === undefined) return [];
  const token = callbacks.secret === undefined ? 'no token' : 'with ?token=<secret>';
  const targets = [
    ...(callbacks.url === undefined ? [] : [callbacks.url]),
    ...Object.entries(callbacks.senders ?? {}).map(([sender, url]) => `${url} (for ${sender})`),
  ];
  return targets.length === 0 ? [] : [`Callbacks (${token}): ${targets.join(', ')}`];
}

/**
 * Runs the `qcloudmail-emulator` command with `argv` (without node and script) until stopped; resolves with the
 * exit code (0 after a clean stop, 2 for bad arguments, 1 when the emulator cannot start).
 */
export async function runEmulatorCli(argv: readonly string[], io: EmulatorCliIo = {}): Promise<number> {
  const out = io.stdout ?? ((text: string) => process.stdout.write(text));
  const err = io.stderr ?? ((text: string) => process.stderr.write(text));
  let values: ReturnType<typeof parse>['values'];
  const parse = (args: string[]) =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'http-port': { type: 'string' },
        'no-http': { type: 'boolean' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        user: { type: 'string', multiple: true },
        'app-id': { type: 'string' },
        'ca-file': { type: 'string' },
        'max-messages': { type: 'string' },
        'no-rate-limit': { type: 'boolean' },
        oversize: { type: 'string' },
        latency: { type: 'string' },
        'rules-base-url': { type: 'string' },
        ...CALLBACK_FLAGS,
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  let options: Parameters<typeof startEmulator>[0];
  try {
    values = parse([...argv]).values;
    if (values.help) {
      out(HELP);
      return 0;
    }
    const oversize = values.oversize ?? 'drop';
    if (oversize !== 'drop' && oversize !== 'reply') throw new Error('--oversize expects drop or reply');
    const maxMessages = values['max-messages'] === undefined ? 1000 : Number(values['max-messages']);
    if (!Number.isInteger(maxMessages) || maxMessages < 1)
      throw new Error('--max-messages expects a whole number of at least 1');
    const latencyMs = values.latency === undefined ? 0 : Number(values.latency);
    if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)
      throw new Error(`--latency expects a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
    const rulesBaseUrl = parseRulesBaseUrl(values['rules-base-url']);
    const callbacks = callbackOptionsFromFlags(values, io.env ?? process.env);
    options = {
      ...(callbacks === undefined ? {} : { callbacks }),
      latencyMs,
      ...(rulesBaseUrl === null ? {} : { rulesBaseUrl }),
      port: parsePort('--port', values.port, 2465),
      httpPort: values['no-http'] ? false : parsePort('--http-port', values['http-port'], 8025),
      host: values.host ?? '127.0.0.1',
      allowedHosts: (values['allowed-host'] ?? []).map(normalizeAllowedHost),
      users: (values.user ?? [`${DEFAULT_SENDER.user}:${DEFAULT_SENDER.pass}`]).map(parseUser),
      appId: values['app-id'] ?? DEFAULT_APP_ID,
      maxMessages,
      oversize,
      ...(values['no-rate-limit'] ? { rateLimit: false as const } : {}),
      ...(values.verbose ? { logger: (record) => err(`[${record.level}] ${record.message}\n`) } : {}),
    };
  } catch (error) {
    err(`qcloudmail-emulator: ${(error as Error).message}\nRun qcloudmail-emulator --help for the options.\n`);
    return 2;
  }

  const stopped = waitForStop(io.signal);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    err(`qcloudmail-emulator: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const caFile = values['ca-file'] === undefined ? undefined : resolve(values['ca-file']);
  const tempDir = caFile === undefined ? await mkdtemp(join(tmpdir(), 'qcloudmail-emulator-')) : undefined;
  const caPath = caFile ?? join(tempDir as string, 'ca.pem');
  await writeFile(caPath, emulator.ca, { mode: 0o644 });
  const senders = emulator.accounts.flatMap((account) => account.senders.map((s) => `${s} (appId ${account.appId})`));
  out(
    [
      'qcloudmail emulator is running',
      `SMTP: ${emulator.smtpUrl}`,
      `HTTP: ${emulator.httpUrl ?? 'off'}`,
      ...(emulator.httpUrl === undefined ? [] : [`Inbox: ${emulator.httpUrl}/ (open in a browser)`]),
      `CA file: ${caPath}`,
      `Senders: ${senders.join(', ')}`,
      ...(emulator.latency.perReplyMs === 0 ? [] : [`Latency: ${emulator.latency.perReplyMs} ms before each reply`]),
      ...callbackLines(options.callbacks),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await stopped;
  await emulator.close();
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  out('qcloudmail emulator stopped\n');
  return 0;
}
