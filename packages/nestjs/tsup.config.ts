import { defineConfig } from 'tsup';

export default defineConfig({
  // `health` is its own entry so that the main one never loads @nestjs/terminus, an optional peer.
  entry: { index: 'src/index.ts', health: 'src/health/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
