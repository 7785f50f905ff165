import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { runEmulatorCli } from '../src/index.js';
import { startReceiver } from './callback-receiver.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

function readUntil(stream: NodeJS.ReadableStream, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(marker)) {
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`ended before "${marker}": ${text}`)));
  });
}

const field = (output: string, name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(output)?.[1] ?? '';

describe('the qcloudmail-emulator command', () => {
  it('starts, prints its URLs and CA file, takes a mail, and stops cleanly on SIGINT', async () => {
    child = spawn(
      process.execPath,
      [
        '--conditions=@qcloudmail/source',
        '--import',
        'tsx',
        'packages/emulator/src/bin.ts',
        '--port',
        '0',
        '--http-port',
        '0',
        '--user',
        'cli@example.com:cli:pass',
        '--app-id',
        'cli-app',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const output = await readUntil(child.stdout as NodeJS.ReadableStream, 'Press Ctrl-C');
    const smtp = new URL(field(output, 'SMTP'));
    const caFile = field(output, 'CA file');
    expect(smtp.protocol).toBe('smtps:');
    expect(field(output, 'Senders')).toBe('cli@example.com (appId cli-app)');
    expect(output).not.toContain('cli:pass');
    const info = await nodemailer
      .createTransport({
        host: smtp.hostname,
        port: Number(smtp.port),
        secure: true,
        auth: { user: 'cli@example.com', pass: 'cli:pass' },
        tls: { ca: readFileSync(caFile, 'utf8'), servername: 'localhost' },
      })
      .sendMail({
        from: 'cli@example.com',
        to: 'user@example.org',
        subject: 'From the CLI test',
        text: 'Hi',
        html: '<p>Hi</p>',
      });
    expect(info.response).toBe('250 2.0.0 OK: queued');
    const list = (await (await fetch(`${field(output, 'HTTP')}/api/messages`)).json()) as { messages: unknown[] };
    expect(list.messages).toMatchObject([{ subject: 'From the CLI test', appId: 'cli-app' }]);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(caFile)).toBe(false);
    expect(stderr.join('')).toBe('');
  }, 30_000);

  it('prints help, and refuses bad arguments with exit code 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };
    expect(await runEmulatorCli(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('--user <user:pass>');
    expect(await runEmulatorCli(['--port', 'abc'], io)).toBe(2);
    expect(await runEmulatorCli(['--user', 'nopassword'], io)).toBe(2);
    expect(await runEmulatorCli(['--bogus'], io)).toBe(2);
    expect(await runEmulatorCli(['--oversize', 'explode'], io)).toBe(2);
    expect(await runEmulatorCli(['--latency', 'slow'], io)).toBe(2);
    expect(await runEmulatorCli(['--rules-base-url', 'javascript:alert(1)'], io)).toBe(2);
    expect(out.join('')).toContain('--rules-base-url <url>');
    expect(err.join('')).toContain('rulesBaseUrl must be an absolute http(s) URL');
    expect(err.join('')).toContain('--port expects a port');
    expect(err.join('')).toContain('--latency expects a whole number of milliseconds');
  });

  it('runs in-process until its signal aborts, writing the CA to --ca-file', async () => {
    const out: string[] = [];
    const controller = new AbortController();
    const dir = await mkdtemp(`${tmpdir()}/emulator-cli-`);
    const running = runEmulatorCli(['--port', '0', '--no-http', '--ca-file', `${dir}/ca.pem`, '--latency', '300'], {
      stdout: (text) => {
        out.push(text);
        if (text.includes('Press Ctrl-C')) controller.abort();
      },
      signal: controller.signal,
    });
    expect(await running).toBe(0);
    expect(out.join('')).toContain('HTTP: off');
    expect(out.join('')).toContain('Latency: 300 ms before each reply');
    expect(readFileSync(`${dir}/ca.pem`, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('posts delivery events to --callback-url with the secret from the environment, never printing it', async () => {
    const receiver = await startReceiver();
    const out: string[] = [];
    const err: string[] = [];
    const controller = new AbortController();
    const dir = await mkdtemp(`${tmpdir()}/emulator-cli-`);
    let ready: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const running = runEmulatorCli(
      [
        ...['--port', '0', '--http-port', '0', '--ca-file', `${dir}/ca.pem`, '--user', 'cli@example.com:pw'],
        ...['--callback-url', receiver.url, '--callback-delay', '0', '--callback-attempts', '2'],
      ],
      {
        stdout: (text) => {
          out.push(text);
          if (text.includes('Press Ctrl-C')) ready();
        },
        stderr: (text) => err.push(text),
        signal: controller.signal,
        env: { QCLOUDMAIL_EMULATOR_CALLBACK_SECRET: 'env-secret' },
      },
    );
    try {
      await started;
      const output = out.join('');
      expect(output).toContain(`Callbacks (with ?token=<secret>): ${receiver.url}`);
      expect(output).not.toContain('env-secret');
      const smtp = new URL(field(output, 'SMTP'));
      await nodemailer
        .createTransport({
          host: smtp.hostname,
          port: Number(smtp.port),
          secure: true,
          auth: { user: 'cli@example.com', pass: 'pw' },
          tls: { ca: readFileSync(`${dir}/ca.pem`, 'utf8'), servername: 'localhost' },
        })
        .sendMail({ from: 'cli@example.com', to: 'bounce@example.org', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
      const [callback] = await receiver.waitFor(1);
      expect(callback?.url.searchParams.get('token')).toBe('env-secret');
      expect(callback?.body).toMatchObject({ event: 'bounce', bounceType: 'hard_bounce', from: 'cli@example.com' });
    } finally {
      controller.abort();
      expect(await running).toBe(0);
      await receiver.close();
    }
    expect(err.join('')).toBe('');
  });

  it('refuses malformed callback flags (2) and a non-provider port under --strict-callback-ports (1)', async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => err.push(text) };
    expect(await runEmulatorCli(['--sender-callback-url', 'a@example.com'], io)).toBe(2);
    expect(await runEmulatorCli(['--callback-attempts', 'many'], io)).toBe(2);
    expect(err.join('')).toContain('--sender-callback-url expects sender=url');
    expect(err.join('')).toContain('--callback-attempts expects a whole number');
    const strict = ['--port', '0', '--no-http', '--callback-url', 'http://127.0.0.1:1234/', '--strict-callback-ports'];
    expect(await runEmulatorCli(strict, io)).toBe(1);
    expect(err.join('')).toContain('callbacks.url: port 1234 is not one the provider allows');
  });
});
