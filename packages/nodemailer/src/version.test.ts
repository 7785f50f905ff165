import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSPORT_NAME, TRANSPORT_VERSION } from './version.js';

describe('transport version', () => {
  it('matches package.json, so that nodemailer logs the installed version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TRANSPORT_VERSION).toBe(pkg.version);
    expect(TRANSPORT_NAME).toBe('qcloudmail');
  });
});
