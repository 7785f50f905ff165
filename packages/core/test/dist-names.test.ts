import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const built = ['dist/index.js', 'dist/index.cjs'].every((file) => existsSync(`${PACKAGE_DIR}/${file}`));

// What a user sees of an error nobody caught: the class name Node prints in the stack header.
const PROBE = `
const { QcloudMailError } = ENTRY;
const error = new QcloudMailError({ code: 'VALIDATION', message: 'probe' });
console.log(JSON.stringify({ className: QcloudMailError.name, constructorName: error.constructor.name, text: String(error) }));
throw error;
`;

async function probe(kind: 'esm' | 'cjs') {
  const source =
    kind === 'esm'
      ? PROBE.replace('ENTRY', "await import('./dist/index.js')")
      : PROBE.replace('ENTRY', "require('./dist/index.cjs')");
  const args = kind === 'esm' ? ['--input-type=module', '-e', source] : ['-e', source];
  const outcome = await run(process.execPath, args, {
    cwd: PACKAGE_DIR,
    env: { ...process.env, NODE_OPTIONS: '' },
  }).then(
    () => ({ stdout: '', stderr: 'the probe did not throw' }),
    (error: { stdout: string; stderr: string }) => error,
  );
  return { names: JSON.parse(outcome.stdout) as Record<string, string>, stderr: outcome.stderr };
}

// The built entries as a published package is loaded. Needs `pnpm build` first; skipped, visibly, without a dist.
describe.skipIf(!built)("the built package keeps QcloudMailError's name (esbuild keepNames)", () => {
  it.each(['esm', 'cjs'] as const)(
    '%s: the class, an instance and an uncaught error say QcloudMailError',
    async (kind) => {
      const { names, stderr } = await probe(kind);
      expect(names).toEqual({
        className: 'QcloudMailError',
        constructorName: 'QcloudMailError',
        text: 'QcloudMailError: probe',
      });
      expect(stderr).toContain('QcloudMailError: probe');
      expect(stderr).not.toContain('_QcloudMailError');
    },
  );
});
