import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    tsconfig: 'tsconfig.build.json',
  },
  {
    // Both configs build at once, so neither cleans (the build script empties dist first).
    // The command: ESM only, with a shebang, and no types since nothing imports it.
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
    tsconfig: 'tsconfig.build.json',
  },
]);
