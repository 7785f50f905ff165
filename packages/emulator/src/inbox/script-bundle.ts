import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { QcloudMailError } from '@qcloudmail/core';
import { INBOX_BUNDLE_FILE, INBOX_BUNDLE_OPTIONS } from './bundle-options.js';
import { loadOnce } from './load-once.js';

/** Where the page's script comes from: the prebuilt bundle, else the TypeScript entry to bundle on demand. */
export interface InboxScriptSources {
  prebuilt: URL;
  entry: URL;
}

// From dist/index.js (or .cjs, through tsup's import.meta shim) the prebuilt bundle is dist/inbox-app.js; from
// src/inbox/script-bundle.ts it is absent, and the page's sources sit in src/inbox/page/.
const DEFAULT_SOURCES: InboxScriptSources = {
  prebuilt: new URL(`./${INBOX_BUNDLE_FILE}`, import.meta.url),
  entry: new URL('./page/main.ts', import.meta.url),
};

/** The part of esbuild's API this module uses. */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ text: string }> }>;
}

function missing(detail: string): QcloudMailError {
  return new QcloudMailError({
    code: 'CONFIGURATION',
    message: `The inbox page's script is not built (${detail}): run pnpm --filter @qcloudmail/emulator build`,
  });
}

// Only when running from sources (the workspace's tests, tsx, the demo): the built package ships the bundle.
// esbuild is not a dependency of the emulator; it comes with tsup, the workspace's build tool.
async function bundleFromSource(entry: URL): Promise<string> {
  let esbuild: Esbuild;
  try {
    const tsup = createRequire(import.meta.url).resolve('tsup');
    esbuild = createRequire(tsup)('esbuild') as Esbuild;
  } catch {
    throw missing('no prebuilt bundle, and no tsup to bundle the sources with');
  }
  let result: Awaited<ReturnType<Esbuild['build']>>;
  try {
    result = await esbuild.build({
      ...INBOX_BUNDLE_OPTIONS,
      // The package's root, as for tsup, so that both builds write the same path comments.
      absWorkingDir: fileURLToPath(new URL('../../../', entry)),
      entryPoints: [fileURLToPath(entry)],
      tsconfig: fileURLToPath(new URL('./tsconfig.json', entry)),
      bundle: true,
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    throw missing(`bundling ${fileURLToPath(entry)} failed: ${String((error as Error).message).slice(0, 500)}`);
  }
  const [output] = result.outputFiles;
  if (output === undefined) throw missing('esbuild wrote nothing');
  return output.text;
}

async function loadScript({ prebuilt, entry }: InboxScriptSources): Promise<string> {
  try {
    return await readFile(prebuilt, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw missing(`${fileURLToPath(prebuilt)} cannot be read: ${code}`);
  }
  return bundleFromSource(entry);
}

/**
 * Returns a function giving the page's script: the package's prebuilt bundle, or, from sources, the page's
 * TypeScript modules bundled once on first use. A failure is not kept, so a later request tries again.
 */
export function createInboxScriptLoader(sources: InboxScriptSources = DEFAULT_SOURCES): () => Promise<string> {
  return loadOnce(() => loadScript(sources));
}
