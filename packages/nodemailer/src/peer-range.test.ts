import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../package.json' with { type: 'json' };

const SRC = new URL('./', import.meta.url);

describe('the nodemailer peer range', () => {
  // nodemailer before 10 has no exports map: a subpath such as nodemailer/lib/addressparser fails under ESM
  // (ERR_UNSUPPORTED_DIR_IMPORT). The root entry works in 6.9, 6.10, 7.0 and 10 (checked with packed releases).
  it('imports only nodemailer itself at runtime, so every release of the peer range loads it', () => {
    const runtime = readdirSync(SRC)
      .filter((name) => name.endsWith('.ts') && !name.includes('.test'))
      .flatMap(
        (name) =>
          readFileSync(new URL(name, SRC), 'utf8').match(/^import (?!type )[^;]*from '(nodemailer[^']*)'/gm) ?? [],
      );
    expect(runtime.map((line) => line.slice(line.indexOf("'")))).toEqual(["'nodemailer'"]);
    expect(manifest.peerDependencies.nodemailer).toBe('>=6.9.0');
  });
});
