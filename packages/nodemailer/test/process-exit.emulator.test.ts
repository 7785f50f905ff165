import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo } from '@qcloudmail/test-helpers';
import { emulatorEnv, MIGRATION_FIXTURES, runScript, userProject } from './child-script.js';
import { emulator } from './helpers.js';

let server: Emulator | undefined;
let remove: (() => void) | undefined;
afterEach(async () => {
  remove?.();
  remove = undefined;
  await server?.close();
  server = undefined;
});

// The pool's idle sockets must not hold the event loop, as with plain nodemailer: core's pool transport unrefs a
// connection while it is idle. The kill timeout is below the pool's idle timeout (15 s, after which the pool closes
// its connections) and the 60 s socket timeout: only unref'd sockets let the script exit in time.
describe('a script that never calls close()', () => {
  it('exits on its own once its send is done', { timeout: 20_000 }, async () => {
    server = await emulator();
    const project = userProject(readFileSync(`${MIGRATION_FIXTURES}never-close.cjs`, 'utf8'));
    remove = project.remove;
    const env = { ...emulatorEnv(server), MAIL_TO: 'never-close@example.org' };
    const run = await runScript(project.script, env, 10_000);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('sent');
    expect(messagesTo(server, 'never-close@example.org')).toHaveLength(1);
  });
});
