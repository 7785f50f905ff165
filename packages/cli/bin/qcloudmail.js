#!/usr/bin/env node
// Committed, unlike dist/, so that `pnpm install` can link the command in a fresh clone before any build.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'qcloudmail: dist/bin.js is missing: build it with `pnpm --filter @qcloudmail/cli build`, ' +
      'or run the sources with `pnpm qcloudmail` from the repository root\n',
  );
  process.exit(1);
}
await import(built.href);
