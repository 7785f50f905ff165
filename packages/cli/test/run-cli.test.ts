import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { DEFAULT_APP_ID, DEFAULT_SENDER, runEmulatorCli } from '@qcloudmail/emulator';
import { describe, expect, it, vi } from 'vitest';
import { type CliIo, COMMANDS, helpText, runCli } from '../src/index.js';
import { runInProcess } from './helpers.js';

describe('runCli', () => {
  it.each(COMMANDS)('prints the help of %s with --help, -h and help <command>', async (command) => {
    for (const args of [
      [command, '--help'],
      [command, '-h'],
      ['help', command],
    ]) {
      const run = await runInProcess(args);
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(helpText(command))).toBe(true);
    }
  });

  it('prints the version, and refuses unknown commands and top-level flags (exit 2)', async () => {
    expect(await runInProcess(['--version'])).toEqual({ code: 0, stdout: '0.0.0-test\n', stderr: '' });
    const command = await runInProcess(['mail']);
    expect(command).toMatchObject({ code: 2, stdout: '' });
    expect(command.stderr).toBe(
      'qcloudmail: unknown command mail\nUsage: qcloudmail <command> [options]\nRun "qcloudmail --help" for more.\n',
    );
    expect((await runInProcess(['--json'])).stderr.split('\n')[0]).toBe('qcloudmail: unknown option --json');
  });

  it('runs the emulator until stopped; it answers over TLS with the CA file it printed', async () => {
    const stop = new AbortController();
    let output = '';
    const io: CliIo = {
      stdout: { write: (chunk) => (output += String(chunk)) },
      stderr: { write: (chunk) => (output += String(chunk)) },
      stdin: (async function* () {})(),
      env: {},
      signal: stop.signal,
    };
    const running = runCli(['emulator', '--port', '0', '--no-http'], io);
    await vi.waitFor(() => expect(output).toContain('Press Ctrl-C'), { timeout: 15_000, interval: 50 });
    const url = /SMTP: smtps:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    const caFile = /CA file: (\S+)/.exec(output)?.[1] as string;
    const greeting = await new Promise<string>((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port: Number(url?.[1]),
        ca: readFileSync(caFile),
        servername: 'localhost',
      });
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(greeting).toMatch(/^220 /);
    stop.abort();
    expect(await running).toBe(0);
    expect(output).toContain('qcloudmail emulator stopped');
  });

  it("explains the emulator with every option of the emulator's own command, and starts nothing", async () => {
    const own: string[] = [];
    expect(await runEmulatorCli(['--help'], { stdout: (text) => own.push(text) })).toBe(0);
    const options = own.join('').match(/^ {2}(?:-h, )?--[a-z-]+/gm) ?? [];
    expect(options.length).toBeGreaterThan(10);
    const run = await runInProcess(['emulator', '--help']);
    expect(run).toEqual({ code: 0, stdout: `${helpText('emulator')}\n`, stderr: '' });
    expect(run.stdout).toMatch(/^Starts a local SMTP server/m);
    for (const option of options) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain(`(default ${DEFAULT_SENDER.user}:${DEFAULT_SENDER.pass})`);
    expect(run.stdout).toContain(`(default ${DEFAULT_APP_ID})`);
    expect(run.stdout).not.toMatch(/run "?qcloudmail emulator --help/i);
  });

  it('passes bad emulator options to its own usage error (exit 2)', async () => {
    const run = await runInProcess(['emulator', '--port', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port expects a port from 0 to 65535');
  });
});
