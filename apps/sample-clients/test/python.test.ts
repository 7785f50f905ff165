import { join } from 'node:path';
import { USER } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  hasCommand,
  onlyMessage,
  requireToolchain,
  runSample,
  SAMPLES,
  type SampleHarness,
  startSampleHarness,
} from './sample-run.js';

const PACKAGES = 'python3';
const AVAILABLE = await hasCommand('python3');
const SAMPLE = join(SAMPLES, 'python', 'send_mail.py');
requireToolchain('Python', AVAILABLE, PACKAGES, 'python3');

describe.runIf(AVAILABLE)("the document's Python sample (smtplib) against the emulator", () => {
  let harness: SampleHarness;
  beforeAll(async () => {
    harness = await startSampleHarness();
  });
  afterAll(() => harness?.close());
  beforeEach(() => harness.emulator.clear());

  it('sends its HTML mail over verified TLS and the emulator accepts it', async () => {
    const out = await runSample('python3', [SAMPLE], harness.dir, { ...harness.env, SSL_CERT_FILE: harness.caFile });
    expect(out.stdout).toContain('Send email success!');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('accepted');
    expect(stored.reply).toMatch(/^250 /);
    expect(stored.user).toBe(USER);
    expect(stored.parsed.subject).toBe('[测试主题]');
    expect(stored.parsed.from).toContain(USER);
    // The document's placeholder recipients, kept as written: accepted, with the lint's note about their domains.
    expect(stored.envelope.to).toEqual(['xxx@xxx1', 'xxx@xxx2']);
    expect(stored.verdict.issues.map((issue) => issue.code)).toEqual(['invalid_address', 'invalid_address']);
    expect(stored.parsed.html).toContain('<h1>我的第一个标题</h1>');
    expect(stored.parsed.attachments).toEqual([]);
  });

  it('fails the handshake and sends nothing when the emulator CA is not trusted (verification stays on)', async () => {
    const out = await runSample('python3', [SAMPLE], harness.dir, harness.env);
    expect(out.stdout).toContain('CERTIFICATE_VERIFY_FAILED');
    expect(harness.emulator.history).toHaveLength(0);
  });
});
