import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASS, USER } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  hasCommand,
  haveFiles,
  onlyMessage,
  requireToolchain,
  runSample,
  SAMPLES,
  type SampleHarness,
  startSampleHarness,
} from './sample-run.js';

const PACKAGES = 'php-cli libphp-phpmailer';
// Debian's libphp-phpmailer: the document's `require './PHPMailer/src/…'` reaches it through a link of that name.
const PHPMAILER = '/usr/share/php/libphp-phpmailer';
const AVAILABLE = (await hasCommand('php', ['-v'])) && haveFiles(join(PHPMAILER, 'src', 'PHPMailer.php'));
const SAMPLE = join(SAMPLES, 'php', 'send.php');
const ATTACHMENT = 'tmp attachment from the PHP sample\n';
requireToolchain('PHP', AVAILABLE, PACKAGES, 'php and PHPMailer');

describe.runIf(AVAILABLE)("the document's PHP sample (PHPMailer) against the emulator", () => {
  let harness: SampleHarness;
  const run = (args: string[]) => runSample('php', [...args, SAMPLE], harness.dir, harness.env);

  beforeAll(async () => {
    harness = await startSampleHarness();
    symlinkSync(PHPMAILER, join(harness.dir, 'PHPMailer'));
    writeFileSync(join(harness.dir, 'tmp.txt'), ATTACHMENT);
  });
  afterAll(() => harness?.close());
  beforeEach(() => harness.emulator.clear());

  it('sends its mail with ./tmp.txt attached over verified TLS and the emulator accepts it', async () => {
    const out = await run(['-d', `openssl.cafile=${harness.caFile}`]);
    expect(out.stdout).toContain('Message has been sent');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('accepted');
    expect(stored.verdict.issues).toEqual([]);
    expect(stored.parsed.subject).toBe('Here is the subject');
    expect(stored.parsed.from).toContain(USER);
    expect(stored.envelope.to).toEqual(['test@test.com']);
    expect(stored.parsed.text?.trim()).toBe('This is the HTML message body <b>in bold!</b>');
    const [attachment] = stored.parsed.attachments;
    expect(stored.parsed.attachments).toHaveLength(1);
    expect(attachment?.filename).toBe('tmp.txt');
    expect(attachment?.content.toString()).toBe(ATTACHMENT);
  });

  it("keeps the password out of the document's SMTP debug transcript", async () => {
    const out = await run(['-d', `openssl.cafile=${harness.caFile}`]);
    expect(out.stdout).toContain('[credentials hidden]');
    expect(out.stdout).not.toContain(PASS);
    expect(out.stdout).not.toContain(Buffer.from(PASS).toString('base64'));
  });

  it('fails the handshake and sends nothing when the emulator CA is not trusted (verification stays on)', async () => {
    const out = await run([]);
    expect(out.stdout).toContain('Message could not be sent');
    expect(harness.emulator.history).toHaveLength(0);
  });
});
