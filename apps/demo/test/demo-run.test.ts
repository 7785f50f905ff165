import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs `pnpm run demo` as a user would (sources through the `@qcloudmail/source` condition, no build). */
function runDemoScript(
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['run', '--silent', 'demo', ...args], {
      cwd: DEMO_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function withoutServiceEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['QCLOUDMAIL_USER', 'QCLOUDMAIL_PASS', 'QCLOUDMAIL_REGION', 'QCLOUDMAIL_TO', 'NO_COLOR'])
    delete env[name];
  // Vitest's own conditions must not leak into the child: the script sets the one it needs.
  delete env.NODE_OPTIONS;
  return env;
}

describe('pnpm demo', () => {
  it('sends through the three adapters, shows both errors and exits 0', { timeout: 90_000 }, async () => {
    const { code, stdout, stderr } = await runDemoScript(withoutServiceEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const adapter of ['NestJS', 'Express', 'nodemailer']) {
      expect(stdout).toMatch(
        new RegExp(
          `^  ${adapter} +sent <[0-9a-f]+@mail\\.example\\.com> to ${adapter.toLowerCase()}@example\\.org$`,
          'm',
        ),
      );
      expect(stdout).toContain(`subject        您的季度报告已生成 (${adapter})`);
    }
    expect(stdout.match(/attachments +季度报告\.csv \(text\/csv, 30 bytes\)/g)).toHaveLength(3);
    expect(stdout.match(/verdict +accepted, 250 2\.0\.0 OK: queued/g)).toHaveLength(3);
    expect(stdout).toMatch(/^ {2}validation +VALIDATION cc_unsupported \(R9\)$/m);
    expect(stdout).toMatch(/^ {2}provider +RATE_LIMIT RequestLimitExceeded\.SmtpRateLimit \(R7\)$/m);
    expect(stdout).toContain('触发 SMTP 调用频率限制');
    expect(stdout).toMatch(/^ {2}result +ok$/m);
    // Not a terminal: no colour codes.
    expect(stdout).not.toContain('\u001b[');
  });

  it('fails with a CONFIGURATION error naming what is missing when only part of the real service is configured', {
    timeout: 60_000,
  }, async () => {
    const { code, stdout } = await runDemoScript({
      ...withoutServiceEnv(),
      QCLOUDMAIL_USER: 'noreply@mail.example.com',
      QCLOUDMAIL_PASS: 'pw-never-printed',
    });
    expect(code).toBe(1);
    expect(stdout).toContain('CONFIGURATION: To send through the real service set QCLOUDMAIL_REGION, QCLOUDMAIL_TO');
    expect(stdout).not.toContain('pw-never-printed');
  });

  it('refuses an unknown argument with the usage and exit status 2', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await runDemoScript(withoutServiceEnv(), ['--sevre']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown argument: --sevre');
    expect(stderr).toContain('Usage: pnpm demo [--serve]');
  });
});
