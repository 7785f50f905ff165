import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mime, rawClient, start, USER } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURE = 'packages/emulator/test/fixtures/close-with-pending-delay.ts';

// The resources an emulator opens: timers, its listeners and sockets (the test's own clients close with them).
const KINDS = ['Timeout', 'TCPServerWrap', 'TCPSocketWrap'];

function activeResources(): Record<string, number> {
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

const atMost = (counts: Record<string, number>, bound: Record<string, number>): boolean =>
  KINDS.every((kind) => (counts[kind] ?? 0) <= (bound[kind] ?? 0));

describe('close() closes everything the emulator opened', () => {
  it('leaves no timer, listener or socket behind while a delay fault, a held reply and an event stream are pending', async () => {
    const before = activeResources();
    const emulator = await start();
    emulator.faults.add({ type: 'delay', ms: 60_000 });
    const client = await rawClient(emulator);
    const reply = client.send(USER, ['user@example.org'], mime()).catch((error: Error) => error);
    await emulator.waitForMessage();
    const second = await rawClient(emulator, false);
    emulator.setLatency(30_000);
    const held = second.command('NOOP');
    const events = await fetch(`${emulator.httpUrl}/api/events`);
    const reader = events.body?.getReader();
    await reader?.read();
    const waiting = emulator.waitForMessage(() => false, 60_000).catch((error: { code?: string }) => error.code);

    await emulator.close();
    // The delayed DATA gets no reply; the held NOOP reply goes out at once rather than being lost.
    expect(await reply).toBeInstanceOf(Error);
    expect((await held).code).toBe(250);
    expect(await waiting).toBe('CLOSED');
    // The event stream ends (cut with its socket): a read neither hangs nor yields more events.
    const ended = await reader?.read().then(
      (chunk) => chunk.done,
      () => true,
    );
    expect(ended).toBe(true);
    // The clients' sides of the sockets close as the server's FIN or RST reaches them, a few turns later.
    for (let turn = 0; turn < 50 && !atMost(activeResources(), before); turn += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(atMost(activeResources(), before), JSON.stringify({ before, after: activeResources() })).toBe(true);
  });

  it('lets a process exit on its own soon after close(), as Jest and Vitest expect', async () => {
    const child = spawn(process.execPath, ['--conditions=@qcloudmail/source', '--import', 'tsx', FIXTURE], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    // Far below the fault's 60 s: a process kept up by it is killed here and fails the test.
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    clearTimeout(killer);
    expect({ code, signal, output }).toEqual({
      code: 0,
      signal: null,
      output: 'closed: no reply, waitForMessage CLOSED\n',
    });
  });

  it('is idempotent and resolves again once closed', async () => {
    const emulator = await start();
    const first = emulator.close();
    expect(emulator.close()).toBe(first);
    await first;
    await expect(emulator.close()).resolves.toBeUndefined();
  });
});
