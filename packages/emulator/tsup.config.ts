import { defineConfig } from 'tsup';
import { INBOX_BUNDLE_FILE, INBOX_BUNDLE_OPTIONS } from './src/inbox/bundle-options.js';

// The configs build at once, so none cleans: the build script empties dist first.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    // The CommonJS build needs import.meta.url too: the inbox finds its script beside the module.
    shims: true,
    tsconfig: 'tsconfig.build.json',
  },
  {
    // The command: ESM only, runnable directly; it has no types because nothing imports it.
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
    tsconfig: 'tsconfig.build.json',
  },
  {
    // The inbox page's script: its TypeScript modules as one classic script for the browser (dist/inbox-app.js).
    entry: { [INBOX_BUNDLE_FILE.replace(/\.js$/, '')]: 'src/inbox/page/main.ts' },
    format: [INBOX_BUNDLE_OPTIONS.format],
    platform: INBOX_BUNDLE_OPTIONS.platform,
    target: INBOX_BUNDLE_OPTIONS.target,
    outExtension: () => ({ js: '.js' }),
    dts: false,
    clean: false,
    minify: false,
    sourcemap: false,
    esbuildOptions(options) {
      options.charset = INBOX_BUNDLE_OPTIONS.charset;
      options.legalComments = INBOX_BUNDLE_OPTIONS.legalComments;
    },
    tsconfig: 'src/inbox/page/tsconfig.json',
  },
]);
