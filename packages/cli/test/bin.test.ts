import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTargets, FIXTURES, PACKAGE_DIR, runChild, sourceTarget } from './helpers.js';

// A child process starts node (and, from the sources, tsx): generous limits so a loaded CI machine does not flake.
const CHILD_TIMEOUT = 60_000;
const SENDER = { user: 'sender@example.com', pass: 'child-process-secret' };

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qcloudmail-cli-bin-'));
  emulator = await startEmulator({ users: [SENDER], httpPort: false, rateLimit: false });
  await writeFile(join(dir, 'ca.pem'), emulator.ca);
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

// The command as a child process (see cliTargets). Each spawn costs a node start-up, so the runs of one test
// go in parallel and each covers several behaviours.
describe.each(cliTargets())('the qcloudmail command ($name)', (target) => {
  it(
    'prints help and version (exit 0), and the help on stderr without a command (exit 2)',
    async () => {
      const [help, version, bare] = await Promise.all([
        runChild(target, ['lint', '--help']),
        runChild(target, ['--version']),
        runChild(target, []),
      ]);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toMatch(/^Usage: qcloudmail lint/);
      const manifest = JSON.parse(await readFile(`${PACKAGE_DIR}package.json`, 'utf8'));
      expect(version.stdout).toBe(`${manifest.version}\n`);
      expect(bare.code).toBe(2);
      expect(bare.stderr).toMatch(/^qcloudmail: missing command\nUsage: qcloudmail <command>/);
    },
    CHILD_TIMEOUT,
  );

  it(
    'lints files (exit 1 with issues, 2 unreadable) and standard input, without colors in a pipe',
    async () => {
      const [bad, stdin] = await Promise.all([
        runChild(target, ['lint', 'good-hand-plain.eml', 'bad-cc-mime-version.eml', 'nothing-here.eml']),
        runChild(target, ['lint', '-'], { stdin: await readFile(`${FIXTURES}bad-long-line.eml`) }),
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toContain('good-hand-plain.eml: ok');
      expect(bad.stdout).toMatch(/R9 +header Cc, line 3 +cc_unsupported/);
      expect(bad.stderr).toContain('nothing-here.eml: cannot read nothing-here.eml: no such file');
      expect(bad.stdout).not.toContain('\u001b[');
      expect(stdin.code).toBe(1);
      expect(stdin.stdout).toContain('<stdin>: 1 issue');
    },
    CHILD_TIMEOUT,
  );

  it(
    'explains a log line from standard input, and refuses an unknown flag with the usage (exit 2)',
    async () => {
      const [piped, flag] = await Promise.all([
        runChild(target, ['explain', '--json'], {
          stdin: '2026-03-01T10:00:00Z ERROR 535 5.7.8 Authentication failed\n',
        }),
        runChild(target, ['explain', '--verbose', 'x']),
      ]);
      expect(piped.code).toBe(0);
      expect(JSON.parse(piped.stdout)).toMatchObject({
        code: 'auth_failed',
        retryable: false,
        meaningZh: expect.any(String),
      });
      expect(flag.code).toBe(2);
      expect(flag.stderr.split('\n').slice(0, 2)).toEqual([
        'qcloudmail explain: unknown option --verbose',
        expect.stringMatching(/^Usage: qcloudmail explain/),
      ]);
    },
    CHILD_TIMEOUT,
  );

  it(
    'sends a dry run, refuses a password flag, and sends to the emulator over TLS',
    async () => {
      const env = { QCLOUDMAIL_USER: SENDER.user, QCLOUDMAIL_PASS: SENDER.pass };
      const message = ['--to', 'bob@example.com', '--subject', `From ${target.name}`, '--text', 'Hello'];
      const [dry, secret, sent] = await Promise.all([
        runChild(target, ['send', '--dry-run', ...message], { env }),
        runChild(target, ['send', '--password', SENDER.pass, ...message], { env }),
        runChild(target, ['send', '--emulator-url', emulator.smtpUrl, '--ca', 'ca.pem', ...message], { env, cwd: dir }),
      ]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`Subject: From ${target.name}`);
      expect(secret.code).toBe(2);
      expect(secret.stderr).toMatch(/^qcloudmail send: --password is not accepted/);
      expect(secret.stderr).not.toContain(SENDER.pass);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stdout).toMatch(/^Accepted <.+> for bob@example\.com/);
      expect(emulator.messages.map((stored) => stored.envelope.to)).toContainEqual(['bob@example.com']);
    },
    CHILD_TIMEOUT,
  );
});

describe('the qcloudmail command from its sources', () => {
  it.skipIf(cliTargets().some((target) => target.name === 'src/bin.ts'))(
    'runs through tsx with the source condition',
    async () => {
      const run = await runChild(sourceTarget(), ['lint', 'bad-content-type.eml']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('content_type_unsupported');
    },
    CHILD_TIMEOUT,
  );
});

describe('pnpm qcloudmail at the repository root', () => {
  it(
    'runs the command from its sources, as the README says',
    async () => {
      const root = fileURLToPath(new URL('../../../', import.meta.url));
      const manifest = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
      expect(manifest.scripts.qcloudmail).toContain('--conditions=@qcloudmail/source');
      // pnpm itself starts the script, as a developer would: the pnpm running this suite when known, else PATH's.
      const execPath = process.env.npm_execpath;
      const [command, ...prefix] = execPath?.match(/\.c?js$/) ? [process.execPath, execPath] : [execPath ?? 'pnpm'];
      const args = [...prefix, '--silent', 'qcloudmail', 'explain', '421 4.4.5 Too busy'];
      const run = await new Promise<{ code: unknown; stdout: string; stderr: string }>((done) => {
        execFile(
          command,
          args,
          { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 45_000 },
          (error, stdout, stderr) => done({ code: error === null ? 0 : error.code, stdout, stderr }),
        );
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Code: +service_busy$/m);
      expect(run.stdout).toMatch(/^Retry: +yes, after 5 s$/m);
    },
    CHILD_TIMEOUT,
  );
});
