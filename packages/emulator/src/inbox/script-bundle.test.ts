import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { isQcloudMailError } from '@qcloudmail/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxScriptLoader } from './script-bundle.js';

const dir = mkdtempSync(join(tmpdir(), 'inbox-bundle-'));
const inDir = (name: string) => pathToFileURL(join(dir, name));
const ENTRY = new URL('./page/main.ts', import.meta.url);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the inbox script loader', () => {
  it('serves the prebuilt bundle as it is when the package has one, without bundling', async () => {
    writeFileSync(join(dir, 'prebuilt.js'), '"use strict";/* prebuilt */');
    const load = createInboxScriptLoader({ prebuilt: inDir('prebuilt.js'), entry: inDir('no-such-entry.ts') });
    expect(await load()).toBe('"use strict";/* prebuilt */');
  });

  it('bundles the TypeScript page into one strict classic script when running from sources, once', async () => {
    const load = createInboxScriptLoader({ prebuilt: inDir('absent.js'), entry: ENTRY });
    const first = load();
    expect(load()).toBe(first);
    const code = await first;
    expect(code.startsWith('"use strict";\n(() => {')).toBe(true);
    expect(() => new Script(code)).not.toThrow();
    // Every module is in, and none of the module syntax is left for the browser to trip on.
    for (const name of ['dom', 'api', 'format', 'list', 'detail', 'tabs', 'faults', 'main']) {
      expect(code).toContain(`// src/inbox/page/${name}.ts`);
    }
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain("new EventSource('/api/events')".replaceAll("'", '"'));
  });

  it('says how to build when there is neither a bundle nor a source, and tries again later', async () => {
    const load = createInboxScriptLoader({ prebuilt: inDir('late.js'), entry: inDir('missing.ts') });
    const error = await load().catch((caught: unknown) => caught);
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect((error as Error).message).toContain('pnpm --filter @qcloudmail/emulator build');
    writeFileSync(join(dir, 'late.js'), '"use strict";');
    expect(await load()).toBe('"use strict";');
  });
});
