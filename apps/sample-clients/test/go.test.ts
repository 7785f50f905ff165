import { writeFileSync } from 'node:fs';
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

const PACKAGES = 'golang-go';
const AVAILABLE = await hasCommand('go', ['version']);
requireToolchain('Go', AVAILABLE, PACKAGES, 'go');

describe.runIf(AVAILABLE)("the document's Go samples (net/smtp) against the emulator", () => {
  let harness: SampleHarness;
  const binary = (name: string) => join(harness.dir, `go-${name}`);
  const run = (name: string, trustCa = true) =>
    runSample(binary(name), [], harness.dir, trustCa ? { ...harness.env, SSL_CERT_FILE: harness.caFile } : harness.env);

  beforeAll(async () => {
    harness = await startSampleHarness();
    // The attachment sample attaches ./go.mod and ./bbbb.txt from its working directory, as the document has it.
    writeFileSync(join(harness.dir, 'go.mod'), 'module example.com/sample\n\ngo 1.16\n');
    writeFileSync(join(harness.dir, 'bbbb.txt'), 'bbbb\n');
    for (const name of ['send', 'attachment']) {
      const built = await runSample(
        'go',
        ['build', '-o', binary(name), join(SAMPLES, 'go', name, 'main.go')],
        harness.dir,
        {
          // The samples are single files outside any module; GOPATH mode builds them without the ./go.mod fixture.
          GO111MODULE: 'off',
        },
      );
      if (built.code !== 0) throw new Error(`go build ${name} failed: ${built.stderr}`);
    }
  }, 180_000);
  afterAll(() => harness?.close());
  beforeEach(() => harness.emulator.clear());

  it('Go 调用示例: the HTML mail is accepted; its Cc and Bcc headers are accepted and ignored (R9)', async () => {
    const out = await run('send');
    expect(out.stdout).toContain('Send mail success!');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('accepted');
    expect(stored.parsed.subject).toBe('test subject');
    expect(stored.parsed.from).toContain(USER);
    // RCPT goes to To only: the Cc and Bcc addresses are headers the service does not act on.
    expect(stored.envelope.to).toEqual(['test@test123.com']);
    // The sample writes its headers in Go's map order, which changes from run to run.
    expect([...stored.verdict.ignoredHeaders].sort()).toEqual(['Bcc', 'Cc']);
    expect(stored.parsed.html).toContain('<h1>我的第一个标题</h1>');
  });

  it('fails the handshake and sends nothing when the emulator CA is not trusted (verification stays on)', async () => {
    const out = await run('send', false);
    expect(out.stdout).toContain('certificate signed by unknown authority');
    expect(harness.emulator.history).toHaveLength(0);
  });

  it('发送带附件的邮件: the file names "./go.mod" and "./bbbb.txt" carry a "/", which R22 refuses', async () => {
    const out = await run('attachment');
    expect(out.stdout).toMatch(/^Send email error: 554 /m);
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('refused');
    const names = stored.verdict.issues.filter(
      (issue) => issue.code === 'attachment_name_invalid' && issue.message.includes('"/"'),
    );
    expect(names.map((issue) => issue.path)).toEqual([
      ['parts', 1, 'headers', 'Content-Disposition'],
      ['parts', 2, 'headers', 'Content-Disposition'],
    ]);
    expect(stored.parsed.attachments.map((attachment) => attachment.filename)).toContain('./go.mod');
  });

  // Core's lintMime reads a part whose Content-Type cannot be parsed as text/plain; charset=us-ascii (RFC 2045
  // §5.2): see "Decisions from the provider's sample clients" in docs/rules.md.
  it('发送带附件的邮件: the part "Content-Type:Content-Type: text/html…" is the text body by RFC 2045, not an attachment', async () => {
    await run('attachment');
    const stored = onlyMessage(harness.emulator);
    const codes = stored.verdict.issues.map((issue) => `${issue.code} ${issue.path.join('.')}`);
    expect(codes.filter((code) => code.includes('parts.0.'))).toEqual([]);
    expect(codes).not.toContain('body_required body');
    // What is left is R22's refusal of the file names, and the reply says so.
    expect(stored.verdict.providerCode).toBe('FailedOperation.InvalidAttachName');
    // The inbox shows the part as the text body, and only the two files as attachments.
    expect(stored.parsed.text).toContain('<h1>');
    expect(stored.parsed.attachments.map((attachment) => attachment.filename)).toEqual(['./go.mod', './bbbb.txt']);
  });
});
