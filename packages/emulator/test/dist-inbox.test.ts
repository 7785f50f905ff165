import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';

// The built package serves the page's script from dist/, bundled at build time. Tests run from sources, so this
// runs where the package was built (CI builds before it tests).
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUNDLE = `${DIST}inbox-app.js`;
const CORE_CJS = fileURLToPath(new URL('../../core/dist/index.cjs', import.meta.url));
const BUILT = existsSync(BUNDLE) && existsSync(`${DIST}index.js`);

async function served(module: { startEmulator: typeof import('../src/index.js').startEmulator }): Promise<string> {
  const emulator = await module.startEmulator({ port: 0, httpPort: 0 });
  try {
    const response = await fetch(`${emulator.httpUrl}/inbox/app.js`);
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    await emulator.close();
  }
}

describe.runIf(BUILT)('the inbox script of the built package', () => {
  it('is one strict classic script with every page module, served as dist/inbox-app.js is (ESM)', async () => {
    const bundle = readFileSync(BUNDLE, 'utf8');
    expect(() => new Script(bundle)).not.toThrow();
    expect(bundle.startsWith('"use strict";\n(() => {')).toBe(true);
    for (const name of ['dom', 'api', 'list', 'detail', 'tabs', 'faults', 'main']) {
      expect(bundle).toContain(`// src/inbox/page/${name}.ts`);
    }
    const esm = (await import(`${DIST}index.js`)) as Parameters<typeof served>[0];
    expect(await served(esm)).toBe(bundle);
  });

  it.runIf(existsSync(CORE_CJS))('is served the same from the CommonJS build', async () => {
    const script = `
      const { startEmulator } = require(${JSON.stringify(`${DIST}index.cjs`)});
      (async () => {
        const emulator = await startEmulator({ port: 0, httpPort: 0 });
        const text = await (await fetch(emulator.httpUrl + '/inbox/app.js')).text();
        await emulator.close();
        process.stdout.write(text);
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { maxBuffer: 4 * 1024 * 1024 });
    expect(stdout).toBe(readFileSync(BUNDLE, 'utf8'));
  });
});
