import { defineConfig } from 'tsup';

export default defineConfig({
  // `health` and `outbox` are entries of their own so that the main one never loads their optional peers
  // (@nestjs/terminus; @qcloudmail/redis with bullmq and ioredis).
  entry: { index: 'src/index.ts', health: 'src/health/index.ts', outbox: 'src/outbox/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
