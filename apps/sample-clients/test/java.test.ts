import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER } from '@qcloudmail/test-helpers';
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

const PACKAGES = 'default-jdk-headless libmail-java';
// JavaMail 1.6 (javax.mail, as the samples import it) and its activation framework, from Debian's libmail-java.
const JARS = ['/usr/share/java/javax.mail.jar', '/usr/share/java/javax.activation.jar'];
const AVAILABLE =
  (await hasCommand('javac', ['-version'])) && (await hasCommand('keytool', ['-help'])) && haveFiles(...JARS);
const SOURCES = ['SampleMail.java', 'SampleMailAttach.java'].map((file) =>
  join(SAMPLES, 'java', 'org', 'example', file),
);
const FILE_A = 'hello from a.txt\n';
const FILE_B = 'hello from b.txt\n';
requireToolchain('Java', AVAILABLE, PACKAGES, 'javac, keytool and JavaMail');

describe.runIf(AVAILABLE)("the document's Java samples (JavaMail) against the emulator", () => {
  let harness: SampleHarness;
  let classes: string;
  let trustStore: string;
  const files = () => join(harness.dir, 'files');
  // Java trusts a CA through a trust store: keytool imports the emulator's PEM into one, named on the command line.
  const run = (mainClass: string, env: Record<string, string> = {}, trustCa = true) => {
    const trust = trustCa
      ? [`-Djavax.net.ssl.trustStore=${trustStore}`, '-Djavax.net.ssl.trustStorePassword=changeit']
      : [];
    const classPath = [classes, ...JARS].join(':');
    // The samples encode the subject and text in the platform charset: UTF-8, as on the document's users' machines.
    return runSample('java', [...trust, '-Dfile.encoding=UTF-8', '-cp', classPath, mainClass], files(), {
      ...harness.env,
      ...env,
    });
  };

  beforeAll(async () => {
    harness = await startSampleHarness();
    classes = join(harness.dir, 'classes');
    trustStore = join(harness.dir, 'emulator-ca.p12');
    mkdirSync(files());
    writeFileSync(join(files(), 'a.txt'), FILE_A);
    writeFileSync(join(files(), 'b.txt'), FILE_B);
    const [compiled, imported] = await Promise.all([
      runSample('javac', ['-encoding', 'UTF-8', '-cp', JARS.join(':'), '-d', classes, ...SOURCES], harness.dir, {}),
      runSample(
        'keytool',
        ['-importcert', '-noprompt', '-alias', 'emulator', '-file', harness.caFile].concat([
          '-keystore',
          trustStore,
          '-storetype',
          'PKCS12',
          '-storepass',
          'changeit',
        ]),
        harness.dir,
        {},
      ),
    ]);
    if (compiled.code !== 0) throw new Error(`javac failed: ${compiled.stderr}`);
    if (imported.code !== 0) throw new Error(`keytool failed: ${imported.stdout}${imported.stderr}`);
  }, 120_000);
  afterAll(() => harness?.close());
  beforeEach(() => harness.emulator.clear());

  it('SampleMail: the HTML mail is accepted', async () => {
    const out = await run('org.example.SampleMail');
    expect(out.stdout).toBe('');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('accepted');
    expect(stored.verdict.issues).toEqual([]);
    expect(stored.parsed.subject).toBe('测试邮件');
    expect(stored.parsed.from).toContain(USER);
    expect(stored.envelope.to).toEqual(['xxx@xxx.com']);
    // setContent() drops the Content-Transfer-Encoding the sample set just before: JavaMail picks quoted-printable.
    expect(stored.raw.toString()).toMatch(/^Content-Transfer-Encoding: quoted-printable\r$/m);
    expect(stored.parsed.html).toContain('<h1>我的第一个标题</h1>');
  });

  it('SampleMail fails the handshake and sends nothing when the emulator CA is not trusted', async () => {
    const out = await run('org.example.SampleMail', {}, false);
    // The sample prints only the exception's message; the cause (PKIX path building failed) stays inside it.
    expect(out.stdout).toContain('Could not connect to SMTP host');
    expect(harness.emulator.history).toHaveLength(0);
  });

  it('SampleMailAttach with paths, as the document has them: the names carry "/", refused under R22', async () => {
    const paths = { SES_SAMPLE_FILE_A: join(files(), 'a.txt'), SES_SAMPLE_FILE_B: join(files(), 'b.txt') };
    const out = await run('org.example.SampleMailAttach', paths);
    expect(out.stdout).toContain('FailedOperation.InvalidAttachName');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('refused');
    expect(stored.verdict.rule).toBe('R22');
    expect(stored.parsed.attachments.map((attachment) => attachment.filename)).toEqual([
      paths.SES_SAMPLE_FILE_A,
      paths.SES_SAMPLE_FILE_B,
    ]);
  });

  it('SampleMailAttach with bare file names: both attachments arrive, named and whole', async () => {
    const out = await run('org.example.SampleMailAttach', { SES_SAMPLE_FILE_A: 'a.txt', SES_SAMPLE_FILE_B: 'b.txt' });
    expect(out.stdout).toBe('');
    const stored = onlyMessage(harness.emulator);
    expect(stored.status).toBe('accepted');
    expect(stored.verdict.issues).toEqual([]);
    expect(stored.parsed.text).toContain('<h1>我的第一个标题</h1>');
    const attachments = stored.parsed.attachments.map((attachment) => [
      attachment.filename,
      attachment.content.toString(),
    ]);
    expect(attachments).toEqual([
      ['a.txt', FILE_A],
      ['b.txt', FILE_B],
    ]);
  });
});
