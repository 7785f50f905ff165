import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo, USER } from '@qcloudmail/test-helpers';
import { emulatorEnv, MIGRATION_FIXTURES, PACKAGE_DIR, runScript, userProject } from './child-script.js';
import { emulator } from './helpers.js';

const GUIDE = `${PACKAGE_DIR}../../docs/migrating-from-nodemailer.md`;

let server: Emulator | undefined;
let remove: (() => void) | undefined;
afterEach(async () => {
  remove?.();
  remove = undefined;
  await server?.close();
  server = undefined;
});

/** A CommonJS change of the guide (the first diff block holding `marker`), as the text before and after it. */
function guideChange(marker = 'require('): { before: string; after: string } {
  const blocks = readFileSync(GUIDE, 'utf8').split('```diff\n').slice(1);
  const block = blocks.map((each) => each.slice(0, each.indexOf('```'))).find((each) => each.includes(marker));
  if (block === undefined) throw new Error(`the guide has no CommonJS diff with ${marker}`);
  const lines = block.split('\n').slice(0, -1);
  const side = (drop: string) =>
    lines
      .filter((line) => !line.startsWith(drop))
      .map((line) => line.slice(1))
      .join('\n');
  return { before: side('+'), after: side('-') };
}

// The one edit the guide does not make: the endpoint is the emulator (section 6), not the region's host.
const EMULATOR_ENDPOINT =
  'host: process.env.EMULATOR_HOST, port: Number(process.env.EMULATOR_PORT), ca: process.env.EMULATOR_CA,';

/** A migrated script pointed at the emulator instead of the region's host. */
function onEmulator(migrated: string): string {
  const local = migrated.replace(/region: 'hongkong',[^\n]*/, EMULATOR_ENDPOINT);
  expect(local).toContain(EMULATOR_ENDPOINT);
  return local;
}

describe('the migration guide, applied to a plain CommonJS nodemailer script', () => {
  it('changes only the transport, and every message of the script arrives', async () => {
    server = await emulator();
    const { before, after } = guideChange();
    const plain = readFileSync(`${MIGRATION_FIXTURES}send-all.cjs`, 'utf8');
    expect(plain).toContain(before);
    const migrated = plain.replace(before, after);
    expect(migrated).toContain("require('@qcloudmail/nodemailer')");
    const local = onEmulator(migrated);

    const project = userProject(local);
    remove = project.remove;
    const env = { ...emulatorEnv(server), MAIL_TO_PREFIX: 'migrated' };
    const run = await runScript(project.script, env, 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { sent } = JSON.parse(run.stdout) as { sent: string[] };
    expect(sent).toHaveLength(9);

    const names = ['text-html', 'attachments', 'callback', ...[1, 2, 3, 4, 5, 6].map((n) => `pooled-${n}`)];
    for (const name of names) expect(messagesTo(server, `migrated-${name}@example.org`)).toHaveLength(1);
    const [withFiles] = messagesTo(server, 'migrated-attachments@example.org');
    const files = withFiles?.parsed.attachments.map((each) => each.filename);
    expect(files).toEqual(['buffer.txt', 'string.txt', 'stream.txt', 'report.txt']);
    expect(messagesTo(server, 'migrated-text-html@example.org')[0]?.parsed.html).toContain('<b>world</b>');
    expect(new Set(server.messages.map((each) => each.user))).toEqual(new Set([USER]));
  });

  it('templates: the nodemailer-express-handlebars script, changed as the guide says, sends rendered templates', async () => {
    server = await emulator();
    const { before, after } = guideChange('createHandlebarsRenderer');
    const plain = readFileSync(`${MIGRATION_FIXTURES}templates.cjs`, 'utf8');
    expect(plain).toContain(before);
    const migrated = plain.replace(before, after);
    expect(migrated).not.toContain("require('nodemailer-express-handlebars')");
    const local = onEmulator(migrated);

    const project = userProject(local, ['templates']);
    remove = project.remove;
    const env = { ...emulatorEnv(server), MAIL_TO_PREFIX: 'templated', EMAILS_DIR: `${MIGRATION_FIXTURES}emails` };
    const run = await runScript(project.script, env, 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { sent: string[] }).sent).toHaveLength(2);
    const [ming] = messagesTo(server, 'templated-ming@example.org');
    // The partial, the inlined <style> and a text part derived from the html: what the plugin's users relied on, and more.
    expect(ming?.parsed.html).toContain('<h1 style="color: #1a1a1a;">Welcome, 小明</h1>');
    expect(ming?.parsed.html).toContain('<p>Example shop</p>');
    // html-to-text writes headings in capitals.
    expect(ming?.parsed.text).toContain('WELCOME, 小明');
    expect(ming?.parsed.text).toContain('Example shop');
    expect(messagesTo(server, 'templated-ann@example.org')[0]?.parsed.html).toContain('Welcome, Ann');
  });
});
