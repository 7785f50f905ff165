import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, type Emulator, PASS, recipient, USER } from '@qcloudmail/test-helpers';
import { startTestEmulator } from './helpers.js';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const built = ['dist/index.cjs', 'dist/index.js', 'dist/health.js'].every((file) =>
  existsSync(`${PACKAGE_DIR}/${file}`),
);

// The built entries, as a published package is loaded: plain Node, no source condition. Needs `pnpm build`
// (of core and of this package) first; skipped, visibly, when the dist is absent.
describe.skipIf(!built)('the built package in CommonJS and ESM Nest applications', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function runFixture(file: string): Promise<{ stdout: string; to: string }> {
    const to = recipient();
    const options = {
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      auth: { user: USER, pass: PASS },
      appId: APP_ID,
      retry: false,
    };
    const { stdout } = await run(process.execPath, [file], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NODE_OPTIONS: '', QCLOUDMAIL_TEST_ENV: JSON.stringify({ options, to }) },
      timeout: 15_000,
    });
    return { stdout, to };
  }

  it('require()s the CommonJS entry, sends, shuts down, and never loads @nestjs/terminus', async () => {
    const { stdout, to } = await runFixture('test/fixtures/cjs-app.cjs');
    expect(JSON.parse(stdout)).toEqual({ response: expect.stringMatching(/^250 /), terminusLoaded: false });
    await expect(emulator.waitForMessage((each) => each.envelope.to.includes(to))).resolves.toMatchObject({
      status: 'accepted',
      parsed: { subject: 'from CommonJS' },
    });
  });

  it.skipIf(!existsSync(`${PACKAGE_DIR}/../templates/dist/index.cjs`))(
    'the CommonJS entry loads @qcloudmail/templates by engine name and sends a rendered message',
    async () => {
      const { stdout, to } = await runFixture('test/fixtures/cjs-templates-app.cjs');
      expect(JSON.parse(stdout)).toEqual({ response: expect.stringMatching(/^250 /) });
      const stored = await emulator.waitForMessage((each) => each.envelope.to.includes(to));
      expect(stored).toMatchObject({ status: 'accepted', parsed: { subject: 'Order C-7' } });
      expect(stored.parsed.html).toContain('<b style="color: #0a0;">C-7</b>');
    },
  );

  it('imports the ESM entries (health included), checks health, sends and shuts down', async () => {
    const { stdout, to } = await runFixture('test/fixtures/esm-app.mjs');
    expect(JSON.parse(stdout)).toEqual({
      response: expect.stringMatching(/^250 /),
      health: { mail: { status: 'up', mailer: 'default' } },
    });
    await expect(emulator.waitForMessage((each) => each.envelope.to.includes(to))).resolves.toMatchObject({
      parsed: { subject: 'from ESM' },
    });
  });
});
