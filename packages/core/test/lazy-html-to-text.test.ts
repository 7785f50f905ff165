// html-to-text is loaded by the first templated send only: a client that never renders never loads it. Checked on
// the built CommonJS entry, whose require cache shows every module loaded. Needs `pnpm build` first; skipped,
// visibly, without a dist.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${PACKAGE_DIR}/dist/index.cjs`);

const PROBE = `
const core = require('./dist/index.cjs');
const loaded = () => Object.keys(require.cache).some((path) => path.includes('html-to-text'));
const base = { from: 'a@mail.example.com', to: 'b@example.org', subject: 's' };
const renderer = { engine: 'probe', render: () => ({ html: '<p>Hello</p>' }) };
(async () => {
  const steps = { atLoad: loaded() };
  await core.renderMessage({ ...base, text: 'plain' }, renderer);
  steps.afterPlain = loaded();
  const rendered = await core.renderMessage({ ...base, template: 't' }, renderer);
  steps.afterTemplated = loaded();
  steps.text = rendered.text;
  console.log(JSON.stringify(steps));
})();
`;

describe.skipIf(!built)('html-to-text, loaded lazily', () => {
  it('is not loaded with core nor by a plain message, only by the first derived text', async () => {
    const { stdout } = await run(process.execPath, ['-e', PROBE], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(JSON.parse(stdout)).toEqual({ atLoad: false, afterPlain: false, afterTemplated: true, text: 'Hello' });
  });
});
