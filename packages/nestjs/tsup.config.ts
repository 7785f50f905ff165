import { defineConfig } from 'tsup';

export default defineConfig({
  // `health`, `outbox` and `events` are entries of their own so that the main one never loads their optional
  // peers (@nestjs/terminus; @qcloudmail/redis with bullmq and ioredis; @nestjs/event-emitter).
  entry: {
    index: 'src/index.ts',
    health: 'src/health/index.ts',
    outbox: 'src/outbox/index.ts',
    events: 'src/events/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
});
