import { Test } from '@nestjs/testing';
import {
  createMemorySuppressionList,
  isQcloudMailError,
  type MailMessageInput,
  type SendOptions,
} from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { messagesTo, PASS, USER } from '@qcloudmail/test-helpers';
import {
  getMailerToken,
  QcloudMailModule,
  type QcloudMailModuleOptions,
  type QcloudMailService,
} from '../src/index.js';
import { appSuite, expectConfiguration, failureOf, loose, mailerOptions, message } from './helpers.js';

describe('strict options: what the module would ignore is refused by name', () => {
  const suite = appSuite();

  const auth = { user: USER, pass: PASS };

  it.each([
    ['tls', { tls: { minVersion: 'TLSv1.2' } }, ['`tls`', 'verification always on (R3)', '`ca`']],
    ['tls.rejectUnauthorized', { tls: { rejectUnauthorized: false } }, ['`tls.rejectUnauthorized`', 'whoever answers']],
    [
      'transport',
      { transport: { host: 'smtp.qcloudmail.com', port: 465, secure: true } },
      ['`transport`', "region: 'hongkong'"],
    ],
    ['transports', { transports: { marketing: {} } }, ['`transports`', "@InjectMailer('marketing')"]],
    ['template', { template: { dir: 'templates' } }, ['`template`', "`templates: { dir, engine: 'handlebars' }`"]],
    ['secure', { secure: true }, ['`secure`', 'R2']],
    ['a misspelt option', { verifyOnStart: true }, ['`verifyOnStart`', 'check its spelling']],
    ['a name on the prototype', { constructor: 'x' }, ['`constructor`', 'no option of a mailer']],
    [
      'defaults.template',
      { defaults: { from: USER, template: 'welcome' } },
      ['`defaults.template`', 'on each message'],
    ],
    ['defaults with an unknown field', { defaults: { form: USER } }, ['`defaults.form`', 'no field of a message']],
  ])('forRoot refuses %s when called, naming it and what to write', async (_what, extra, parts) => {
    const failure = await failureOf(() => QcloudMailModule.forRoot(loose({ region: 'hongkong', auth, ...extra })));
    expectConfiguration(failure, 'QcloudMailModule.forRoot', ...parts);
    expect((failure as Error).message).not.toContain(PASS);
  });

  it('forRootAsync: `name` inside the factory result is refused, saying where it goes', async () => {
    const failure = await failureOf(() =>
      Test.createTestingModule({
        imports: [
          QcloudMailModule.forRootAsync({
            useFactory: () => loose<QcloudMailModuleOptions>({ ...mailerOptions(suite.emulator), name: 'marketing' }),
          }),
        ],
      }).compile(),
    );
    expectConfiguration(
      failure,
      "the factory's result",
      '`name`',
      'QcloudMailModule.forRootAsync({ name: "marketing", useFactory, inject })',
    );
  });

  it('forRootAsync: unknown keys and the old transport shape in the factory result are refused', async () => {
    for (const [extra, part] of [
      [{ transport: 'smtps://user:pass@smtp.qcloudmail.com' }, '`transport`'],
      [{ tls: { rejectUnauthorized: false } }, '`tls.rejectUnauthorized`'],
      [{ isGlobal: false }, 'QcloudMailModule.forRootAsync({ isGlobal: false, useFactory, inject })'],
      [{ shutdownTimeout: 10 }, '`shutdownTimeout` is no option of a mailer'],
    ] as const) {
      const failure = await failureOf(() =>
        Test.createTestingModule({
          imports: [
            QcloudMailModule.forRootAsync({
              useFactory: async () => loose<QcloudMailModuleOptions>({ ...mailerOptions(suite.emulator), ...extra }),
            }),
          ],
        }).compile(),
      );
      expectConfiguration(failure, '(mailer "default")', part);
    }
  });

  it('forRootAsync: a mailer option beside useFactory (never read there) is refused when called', async () => {
    const besides = await failureOf(() =>
      QcloudMailModule.forRootAsync(loose({ region: 'hongkong', useFactory: () => ({ auth }) })),
    );
    expectConfiguration(besides, 'QcloudMailModule.forRootAsync', '`region` is a mailer option', 'useFactory');
    const typo = await failureOf(() => QcloudMailModule.forRootAsync(loose({ useFactroy: () => ({ auth }) })));
    expectConfiguration(typo, '`useFactroy` is no option of forRootAsync');
  });

  it('valid options still pass, forRoot and forRootAsync, with name and isGlobal where they belong', async () => {
    const started = await suite.start({
      imports: [
        QcloudMailModule.forRoot({ ...mailerOptions(suite.emulator), name: 'a', isGlobal: true }),
        QcloudMailModule.forRootAsync({ name: 'b', isGlobal: false, useFactory: () => mailerOptions(suite.emulator) }),
      ],
    });
    expect(started.app.get<QcloudMailService>(getMailerToken('a')).name).toBe('a');
    expect(started.app.get<QcloudMailService>(getMailerToken('b')).name).toBe('b');
  });

  it("send refuses @nestjs-modules/mailer's transporterName with what to write, and a template it cannot render, nothing sent", async () => {
    const started = await suite.start({ imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator))] });
    const mail = started.app.get<QcloudMailService>(getMailerToken());
    const input = message({ transporterName: 'marketing' });
    const failure = await failureOf(() => mail.send(loose<MailMessageInput>(input)));
    expect(isQcloudMailError(failure) && failure.code).toBe('VALIDATION');
    expect((failure as Error).message).toContain("@InjectMailer('<name>')");
    expect(isQcloudMailError(failure) && failure.issues).toEqual([
      expect.objectContaining({ code: 'option_unknown', path: ['transporterName'] }),
    ]);
    // The message has its own text: a template beside it is refused by field, before any renderer is asked.
    const templated = await failureOf(() => mail.send(message({ template: 'welcome' })));
    expect(templated).toMatchObject({ code: 'TEMPLATE', details: { template: 'welcome', field: 'text' } });
    const [settled] = await mail.sendMany([message({ context: { name: 'A' } })]);
    expect(settled).toMatchObject({ status: 'rejected', reason: { code: 'TEMPLATE', details: { field: 'context' } } });
    expect(messagesTo(suite.emulator, input.to as string)).toHaveLength(0);
  });

  it('send and sendMany refuse an unknown send option by name (only `signal` and `ignoreSuppression`)', async () => {
    const started = await suite.start({ imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator))] });
    const mail = started.app.get<QcloudMailService>(getMailerToken());
    const once = await failureOf(() => mail.send(message() as MailMessageInput, loose<SendOptions>({ timeout: 5 })));
    expectConfiguration(
      once,
      'QcloudMailService.send (mailer "default")',
      '`timeout` is no send option (only `signal`, `ignoreSuppression`)',
    );
    const many = await failureOf(() => mail.sendMany([], loose<SendOptions>({ retries: 2 })));
    expectConfiguration(many, '`retries`');
    const sent = await mail.send(message() as MailMessageInput, { signal: AbortSignal.timeout(10_000) });
    expect(sent.response).toMatch(/^250 /);
  });

  it('send and sendMany take ignoreSuppression, the override of the suppression list (R30)', async () => {
    const suppression = createMemorySuppressionList();
    const options = mailerOptions(suite.emulator, { suppression });
    const started = await suite.start({ imports: [QcloudMailModule.forRoot(options)] });
    const mail = started.app.get<QcloudMailService>(getMailerToken());
    const input = message() as MailMessageInput;
    await suppression.add({ address: input.to as string, reason: 'hard_bounce' });
    await expect(mail.send(input)).rejects.toMatchObject({ code: 'SUPPRESSED' });
    expect(messagesTo(suite.emulator, input.to as string)).toHaveLength(0);
    expect((await mail.send(input, { ignoreSuppression: true })).response).toMatch(/^250 /);
    const [settled] = await mail.sendMany([input], { ignoreSuppression: true });
    expect(settled).toMatchObject({ status: 'fulfilled' });
    expect(messagesTo(suite.emulator, input.to as string)).toHaveLength(2);
  });
});
