import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Emulator, PASS } from '@qcloudmail/test-helpers';

/** The package folder and the fixtures of the migration tests. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const MIGRATION_FIXTURES = fileURLToPath(new URL('./fixtures/migration/', import.meta.url));

/** What a child script did. */
export interface ScriptRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a child script reads its password and the emulator's endpoint from. */
export function emulatorEnv(server: Emulator): Record<string, string> {
  return {
    SES_SMTP_PASS: PASS,
    EMULATOR_HOST: server.host,
    EMULATOR_PORT: String(server.port),
    EMULATOR_CA: String(server.ca),
  };
}

/**
 * Writes `source` as `script.cjs` into a fresh folder outside the repository whose node_modules links
 * `nodemailer` and `@qcloudmail/nodemailer` (and the workspace's other `@qcloudmail/<name>` packages in `also`),
 * as a user's project would have them; returns the script's path.
 */
export function userProject(source: string, also: readonly string[] = []): { script: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-nodemailer-'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@qcloudmail'), { recursive: true });
  const nodemailerDir = dirname(createRequire(import.meta.url).resolve('nodemailer/package.json'));
  symlinkSync(realpathSync(nodemailerDir), join(modules, 'nodemailer'), 'dir');
  symlinkSync(realpathSync(PACKAGE_DIR), join(modules, '@qcloudmail', 'nodemailer'), 'dir');
  for (const name of also) {
    symlinkSync(realpathSync(join(PACKAGE_DIR, '..', name)), join(modules, '@qcloudmail', name), 'dir');
  }
  const script = join(dir, 'script.cjs');
  writeFileSync(script, source);
  return { script, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs a CommonJS script with the packages' sources (the `@qcloudmail/source` condition, TypeScript through tsx),
 * killed after `timeoutMs`: a script that outlives it ends with `signal` set.
 */
export function runScript(script: string, env: Record<string, string>, timeoutMs: number): Promise<ScriptRun> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const argv = ['--conditions=@qcloudmail/source', '--import', tsx, script];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: dirname(script), env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals | null }) | null;
        const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null;
        resolve({ code, signal: failure?.signal ?? null, stdout, stderr });
      },
    );
  });
}
