import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Sibling packages resolve to their sources through the `@qcloudmail/source` export condition,
// so tests run without a prior build.
const conditions = ['@qcloudmail/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: {
    conditions,
  },
  // Only these reach Node as --conditions: 'import' there would make require() load ESM entries (Express 5's is-promise).
  ssr: { resolve: { conditions: ['@qcloudmail/source', 'node'], externalConditions: ['node'] } },
  test: {
    projects: [
      ...['packages', 'apps']
        .flatMap((root) => readdirSync(root).map((name) => `${root}/${name}`))
        .filter((dir) => existsSync(`${dir}/package.json`))
        .map((dir) => ({
          extends: true as const,
          test: { include: [`${dir}/{src,test}/**/*.test.ts`], name: dir.split('/')[1] ?? dir },
        })),
      // Every package's type tests in one project, so that each runs once (a root `typecheck.include` would be
      // inherited, and run, by every project above).
      {
        extends: true as const,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/{src,test}/**/*.test-d.ts'],
            tsconfig: './tsconfig.typetests.json',
          },
        },
      },
    ],
    // A worker runs one project's files one after another in one module graph, so core, zod, nodemailer and
    // NestJS load once per worker, not once per file: a fresh graph per file was a third of the run's CPU time.
    // A test file must therefore leave nothing behind (restore globals, environment variables, process listeners
    // and timers in afterEach or finally; close servers and clients in afterAll).
    isolate: false,
    // Most tests wait on sockets and timers (the emulator, Redis, HTTP), not on the CPU: more files at once than
    // the default (one per spare core, so one on a 2-core CI machine) keeps both cores busy.
    maxWorkers: 4,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './tooling/summary-reporter.ts'],
  },
});
