// Idle sockets never keep the process alive: a script that sends and never calls close() still exits, though
// the pool keeps its connection open for the next send until pool.idleTimeoutMs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientOptions, type Emulator, startTestEmulator } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('a script that never closes its client', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ httpPort: false });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('exits once its send is answered, long before the pool would close for idleness', async () => {
    const options = clientOptions(emulator, { pool: { idleTimeoutMs: 600_000 } });
    const script = `
      import { createMailClient } from '@qcloudmail/core';
      const options = JSON.parse(process.env.QUOTA_EXIT_OPTIONS);
      const client = createMailClient(options);
      const sent = await client.send({ from: options.auth.user, to: 'exit@example.org', subject: 'Bye', text: 'bye' });
      console.log(sent.response);
    `;
    const child = spawn(
      process.execPath,
      ['--conditions=@qcloudmail/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: packageDir, env: { ...process.env, QUOTA_EXIT_OPTIONS: JSON.stringify(options) }, stdio: 'pipe' },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exit = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exit, output: output.trim().slice(0, 400) }).toMatchObject({
      exit: 0,
      output: expect.stringMatching(/^250/),
    });
    expect(emulator.stats.accepted).toBe(1);
  }, 30_000);
});
