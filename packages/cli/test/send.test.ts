import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintMime } from '@qcloudmail/core';
import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './helpers.js';

const SENDER = { user: 'noreply@mail.example.com', pass: 'correct horse battery staple' };
const ENV = { QCLOUDMAIL_USER: SENDER.user, QCLOUDMAIL_PASS: SENDER.pass };
const MESSAGE = ['--to', 'bob@example.com', '--subject', 'Hello'];

let dir: string;
let emulator: Emulator;
let caFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qcloudmail-cli-send-'));
  await writeFile(join(dir, 'body.html'), '<h1>Report</h1><p>See attached.</p>');
  await writeFile(join(dir, 'report.pdf'), Buffer.alloc(3000, 1));
  await writeFile(join(dir, 'setup.exe'), Buffer.alloc(10, 1));
  emulator = await startEmulator({ users: [SENDER], httpPort: false, rateLimit: false });
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, emulator.ca);
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.reset());

const toEmulator = () => ['--emulator-url', emulator.smtpUrl, '--ca', caFile];

describe('qcloudmail send --dry-run', () => {
  it('validates and prints SES-safe MIME without connecting, exit 0', async () => {
    const run = await runInProcess(
      ['send', '--dry-run', ...MESSAGE, '--html', 'body.html', '--attach', 'report.pdf', '--text', 'Hi'],
      {
        env: ENV,
        cwd: dir,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^From: noreply@mail\.example\.com\r\n/m);
    expect(run.stdout).toContain('Content-Type: multipart/mixed');
    expect(run.stdout).toContain('filename="report.pdf"');
    expect(lintMime(run.stdout).issues).toEqual([]);
    expect(run.stderr).toMatch(
      /^Dry run: valid, \d+ bytes, Message-ID <.+>, from noreply@mail\.example\.com to bob@example\.com; nothing was sent\.$/m,
    );
    expect(emulator.history).toHaveLength(0);
  });

  it('needs no credentials, and gives the MIME as JSON with --json', async () => {
    const run = await runInProcess([
      'send',
      '--dry-run',
      '--json',
      '--from',
      'a@example.com',
      ...MESSAGE,
      '--text',
      'Hi',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      dryRun: true,
      envelope: { from: 'a@example.com', to: ['bob@example.com'] },
    });
    expect(result.mime).toContain('Subject: Hello');
  });

  it('prints every validation issue with its rule id, exit 1', async () => {
    const run = await runInProcess(
      [
        'send',
        '--dry-run',
        '--from',
        '"Ops: Team" <a@example.com>',
        '--to',
        'not-an-address',
        '--subject',
        'x'.repeat(1000),
        '--text',
        'Hi',
        '--attach',
        'setup.exe',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    for (const [rule, code] of [
      ['R23', 'sender_name_invalid'],
      ['R23', 'subject_too_long'],
      ['R22', 'attachment_type_blocked'],
    ]) {
      expect(run.stderr).toMatch(new RegExp(`^  ${rule} +\\S+  ${code}$`, 'm'));
    }
    expect(run.stderr).toContain('invalid_address');
    expect(run.stderr).toMatch(/^ {2}\S+ +attachments\[0\]\.filename {2}attachment_type_blocked$/m);
  });

  it('reports an empty body as R10 rather than refusing the flags', async () => {
    const run = await runInProcess(['send', '--dry-run', '--from', 'a@example.com', ...MESSAGE, '--text', '']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/R10 +\S+ +body_required/);
  });
});

describe('qcloudmail send: arguments and environment', () => {
  it.each([
    [['--pass', 'hunter2'], /--pass is not accepted: a password on the command line stays in shell history/],
    [['--password=hunter2'], /--password is not accepted/],
    [['--user', 'a@example.com'], /--user is not accepted: the sender and its password both come from the environment/],
    [['--subject', 'x', '--text', 'y'], /missing --to/],
    [['--to', 'b@example.com', '--text', 'y'], /missing --subject/],
    [MESSAGE, /missing body: give --text TEXT, --text-file FILE or --html FILE/],
    [[...MESSAGE, '--text', 'a', '--text-file', 'b.txt'], /--text and --text-file both give the text body/],
    [[...MESSAGE, '--text', 'a', '--attempts', '0'], /--attempts expects a whole number from 1 to 10/],
    [[...MESSAGE, '--text'], /--text needs a value/],
    [[...MESSAGE, '--text', 'a', '--cc', 'c@example.com'], /unknown option --cc/],
    [[...MESSAGE, '--text', 'a', 'extra'], /unexpected argument extra/],
  ])('refuses %j with one line and the usage, exit 2', async (args, message) => {
    const run = await runInProcess(['send', ...args], { env: ENV });
    expect(run.code).toBe(2);
    const [first, second] = run.stderr.split('\n');
    expect(first).toMatch(message);
    expect(second).toMatch(/^Usage: qcloudmail send/);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('asks for credentials from the environment, naming what is missing', async () => {
    const run = await runInProcess(['send', ...MESSAGE, '--text', 'Hi'], { env: { QCLOUDMAIL_USER: SENDER.user } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^qcloudmail send: missing credentials: set QCLOUDMAIL_PASS \(/);
  });

  it('refuses an unknown region, a plain smtp:// emulator URL, --ca without the emulator and an emulator without CA', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--region', 'beijing'], ENV, /unknown region "beijing": use hongkong, guangzhou, singapore/],
      [[], { ...ENV, QCLOUDMAIL_REGION: 'mars' }, /unknown region "mars"/],
      [
        ['--emulator-url', 'smtp://127.0.0.1:25'],
        ENV,
        /invalid emulator URL "smtp:\/\/127\.0\.0\.1:25": expected smtps:\/\/HOST:PORT/,
      ],
      [['--ca', 'ca.pem'], ENV, /--ca applies only to the emulator/],
      [['--emulator'], ENV, /pass --ca FILE .* or set QCLOUDMAIL_EMULATOR_CA/],
    ];
    for (const [args, env, message] of cases) {
      const run = await runInProcess(['send', ...MESSAGE, '--text', 'Hi', ...args], { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('exits 2 for an unreadable body or attachment file', async () => {
    const run = await runInProcess(['send', '--dry-run', ...MESSAGE, '--html', 'nope.html'], { env: ENV, cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('qcloudmail: cannot read nope.html: no such file\n');
  });
});

describe('qcloudmail send: through the emulator over TLS', () => {
  it('sends text, HTML and an attachment; the emulator accepts it', async () => {
    const run = await runInProcess(
      ['send', ...toEmulator(), ...MESSAGE, '--text', 'Hi Bob', '--html', 'body.html', '--attach', 'report.pdf'],
      { env: ENV, cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Accepted <.+> for bob@example\.com by smtps:\/\/127\.0\.0\.1:\d+ \(emulator\): 250 /m);
    expect(run.stdout).toContain('Accepted is not delivered');
    expect(emulator.messages).toHaveLength(1);
    const [stored] = emulator.messages;
    expect(stored?.envelope).toMatchObject({ from: SENDER.user, to: ['bob@example.com'] });
    expect(run.stdout + run.stderr).not.toContain(SENDER.pass);
  });

  it('takes the emulator from QCLOUDMAIL_EMULATOR_URL and QCLOUDMAIL_EMULATOR_CA with --emulator, and prints JSON', async () => {
    const run = await runInProcess(['send', '--emulator', '--json', ...MESSAGE, '--text', 'Hi'], {
      env: { ...ENV, QCLOUDMAIL_EMULATOR_URL: emulator.smtpUrl, QCLOUDMAIL_EMULATOR_CA: caFile },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, accepted: ['bob@example.com'], attempts: 1 });
    expect(result.response).toMatch(/^250 /);
    expect(emulator.messages).toHaveLength(1);
  });

  it('reports wrong credentials as an auth error that is not retried, exit 1', async () => {
    const run = await runInProcess(['send', ...toEmulator(), ...MESSAGE, '--text', 'Hi'], {
      env: { ...ENV, QCLOUDMAIL_PASS: 'wrong password' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Send failed\.$/m);
    expect(run.stderr).toMatch(/^ {2}Error: +AUTH \(auth\)$/m);
    expect(run.stderr).toMatch(/^ {2}Retry: +no:/m);
    expect(run.stderr).not.toContain('wrong password');
    expect(emulator.messages).toHaveLength(0);
  });

  it('reports a business error with its provider code, meaning and request id, exit 1', async () => {
    emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const run = await runInProcess(['send', ...toEmulator(), ...MESSAGE, '--text', 'Hi'], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ {2}Provider: +FailedOperation\.EmailAddrInBlacklist$/m);
    expect(run.stderr).toMatch(/^ {2}含义 \(zh\): +\S*黑名单/m);
    expect(run.stderr).toMatch(/^ {2}Request: +\S+/m);
  });

  it('exits 75 for a temporary failure once the attempts are used up', async () => {
    emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit', count: 'always' });
    const run = await runInProcess(['send', ...toEmulator(), '--attempts', '1', '--json', ...MESSAGE, '--text', 'Hi'], {
      env: ENV,
    });
    expect(run.code).toBe(75);
    const { error } = JSON.parse(run.stdout);
    expect(error).toMatchObject({
      code: 'RATE_LIMIT',
      retryable: true,
      providerCode: 'RequestLimitExceeded.SmtpRateLimit',
    });
    expect(JSON.stringify(error)).not.toContain(SENDER.pass);
  });
});
