import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, messagesTo, PASS, postJson, recipient, USER } from '@qcloudmail/test-helpers';
import { createAppModule } from './fixtures/migration/app.module.js';
import { MARKETING_PASS, MARKETING_USER, startTestEmulator } from './helpers.js';

const GUIDE = new URL('../../../docs/migrating-from-nestjs-modules-mailer.md', import.meta.url);
const APP_MODULE = new URL('./fixtures/migration/app.module.ts', import.meta.url);

/** The `+` side of the guide's module diff (section 1): what a migrated app module contains. */
function guideAfterLines(): string[] {
  const blocks = readFileSync(GUIDE, 'utf8').split('```diff\n').slice(1);
  const block = blocks.map((each) => each.slice(0, each.indexOf('```'))).find((each) => each.includes('forRootAsync'));
  if (block === undefined) throw new Error('the guide has no module diff');
  return block
    .split('\n')
    .filter((line) => line.startsWith('+'))
    .map((line) => line.slice(1).trim())
    .filter((line) => line !== '');
}

describe('the migration guide, kept true by a NestJS app migrated as it says', () => {
  let emulator: Emulator;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const moduleRef = await Test.createTestingModule({
      imports: [
        createAppModule({
          SES_USER: USER,
          SES_SMTP_PASSWORD: PASS,
          SES_MARKETING_USER: MARKETING_USER,
          SES_MARKETING_PASSWORD: MARKETING_PASS,
          SMTP_HOST: emulator.host,
          SMTP_PORT: emulator.port,
          SMTP_CA: String(emulator.ca),
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await emulator.close();
  });

  it("the fixture's app module holds every line the guide adds (the region line aside: the emulator's endpoint)", () => {
    const fixture = readFileSync(APP_MODULE, 'utf8').replaceAll("'../../../src/index.js'", "'@qcloudmail/nestjs'");
    const lines = guideAfterLines().filter((line) => !line.startsWith('region:'));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(fixture).toContain(line);
  });

  it('e2e: a request to the feature module sends its template through the default mailer, with its defaults', async () => {
    const email = recipient('order');
    const response = await postJson(`${url}/orders/shipped`, { id: 'A-42', email });
    expect(response.status).toBe(201);
    const { messageId } = (await response.json()) as { messageId: string };
    const [stored] = messagesTo(emulator, email);
    expect(stored).toMatchObject({ status: 'accepted', user: USER, parsed: { subject: '您的订单 A-42 已发货' } });
    expect(stored?.parsed.from).toContain('noreply@mail.example.com');
    expect(stored?.parsed.messageId).toBe(messageId);
    // Rendered from templates/shipped.hbs (its <style> inlined) and shipped.text.hbs, as the guide's templates line says.
    expect(stored?.parsed.html).toContain('<b style="color: #0a0;">A-42</b>');
    expect(stored?.parsed.text?.trim()).toBe('Order A-42 has shipped.');
  });

  it("e2e: the named 'marketing' mailer sends as its own sender", async () => {
    const email = recipient('news');
    const response = await postJson(`${url}/orders/newsletter`, { email });
    expect(response.status).toBe(201);
    expect(messagesTo(emulator, email)).toEqual([
      expect.objectContaining({ status: 'accepted', user: MARKETING_USER }),
    ]);
  });

  it('health: both mailers log in', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      details: { mail: { status: 'up', mailer: 'default' }, marketing: { status: 'up', mailer: 'marketing' } },
    });
  });
});
