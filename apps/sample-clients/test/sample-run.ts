import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, PASS, startTestEmulator, USER } from '@qcloudmail/test-helpers';
import type { StoredMessage } from '@qcloudmail/emulator';
import { describe, expect, it } from 'vitest';

/** The folder holding the samples as copied from the provider's document. */
export const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

// Whether CI runs these tests: there a missing toolchain is a failure, not a skip.
const IN_CI = process.env.CI === 'true';

/** What a sample printed and how it ended. */
export interface SampleOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** An emulator with the test CA written to a file, a scratch folder, and the samples' connection details. */
export interface SampleHarness {
  emulator: Emulator;
  dir: string;
  caFile: string;
  /** The connection details the samples read instead of the document's placeholders. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts an emulator for the samples and writes its CA where the languages' trust settings can name it. */
export async function startSampleHarness(): Promise<SampleHarness> {
  const emulator = await startTestEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'qcloudmail-samples-'));
  const caFile = join(dir, 'emulator-ca.pem');
  writeFileSync(caFile, emulator.ca);
  return {
    emulator,
    dir,
    caFile,
    env: {
      SES_SMTP_HOST: emulator.host,
      SES_SMTP_PORT: String(emulator.port),
      SES_SMTP_USER: USER,
      SES_SMTP_PASS: PASS,
    },
    async close() {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a command without blocking this process (the emulator answers from it). The environment is the parent's
 * PATH and HOME plus `env`, so no trust setting of the machine's leaks in.
 */
export function runSample(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<SampleOutput> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether `command` runs at all (`--version` or the like exits 0). */
export async function hasCommand(command: string, versionArgs: string[] = ['--version']): Promise<boolean> {
  const { code } = await runSample(command, versionArgs, tmpdir(), {});
  return code === 0;
}

/** Whether every file exists. */
export const haveFiles = (...files: string[]): boolean => files.every((file) => existsSync(file));

/** The one message the emulator stored (tests clear it before each run), failing loudly otherwise. */
export function onlyMessage(emulator: Emulator): StoredMessage {
  const stored = emulator.history;
  if (stored.length !== 1) throw new Error(`expected one stored message, found ${stored.length}`);
  return stored[0] as StoredMessage;
}

/**
 * Applies the toolchain policy for one language: outside CI a missing toolchain skips its tests with a notice naming
 * the apt packages it needs; in CI (`CI=true`) it is a failing test. `tools` names what the tests run.
 */
export function requireToolchain(language: string, available: boolean, packages: string, tools: string): void {
  if (available) return;
  if (!IN_CI) {
    console.warn(`Skipping the ${language} sample clients: install ${packages} (apt-get install -y ${packages}).`);
    return;
  }
  describe(`the ${language} sample clients in CI`, () => {
    it(`needs ${tools}`, () => {
      expect(available, `it needs ${tools}: CI must install ${packages}`).toBe(true);
    });
  });
}
