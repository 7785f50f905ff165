import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { isQcloudMailError } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { PASS, postJson, USER } from '@qcloudmail/test-helpers';
import {
  getMailerToken,
  InjectMailer,
  QcloudMailModule,
  type QcloudMailModuleOptions,
  type QcloudMailOptionsFactory,
  QcloudMailService,
} from '../src/index.js';
import { type SentReply, sendController } from './controllers.js';
import { appSuite, MARKETING_PASS, MARKETING_USER, mailerOptions, message } from './helpers.js';

describe('QcloudMailModule', () => {
  const suite = appSuite();

  const { start } = suite;

  async function sendOver(url: string, extra: Record<string, unknown> = {}): Promise<SentReply & { to: string }> {
    const body = message(extra);
    const response = await postJson(url, body);
    expect(response.status).toBe(201);
    return { ...((await response.json()) as SentReply), to: body.to as string };
  }

  it('forRoot: a controller sends through the injected service, over HTTP, to the emulator', async () => {
    const { app, url } = await start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator))],
      controllers: [sendController('mail')],
    });
    const reply = await sendOver(`${url}/mail/send`, { subject: 'forRoot' });
    expect(reply).toMatchObject({ from: USER, mailer: 'default' });
    const stored = await suite.emulator.waitForMessage((each) => each.envelope.to.includes(reply.to));
    expect(stored).toMatchObject({ status: 'accepted', user: USER, parsed: { subject: 'forRoot' } });
    // The default mailer answers to its class and to its token: one instance.
    expect(app.get(QcloudMailService)).toBe(app.get(getMailerToken()));
    expect(app.get(QcloudMailService).client.stats().sent).toBe(1);
  });

  it('forRootAsync: options from ConfigService (ConfigModule.forRoot with load)', async () => {
    const mailConfig = () => ({
      mail: { host: suite.emulator.host, port: suite.emulator.port, ca: suite.emulator.ca, user: USER, pass: PASS },
    });
    const { url } = await start({
      imports: [
        ConfigModule.forRoot({ load: [mailConfig], ignoreEnvFile: true }),
        QcloudMailModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService): QcloudMailModuleOptions => ({
            host: config.getOrThrow<string>('mail.host'),
            port: config.getOrThrow<number>('mail.port'),
            ca: config.getOrThrow<string>('mail.ca'),
            auth: { user: config.getOrThrow<string>('mail.user'), pass: config.getOrThrow<string>('mail.pass') },
            retry: false,
            defaults: { from: config.getOrThrow<string>('mail.user') },
          }),
        }),
      ],
      controllers: [sendController('mail')],
    });
    const reply = await sendOver(`${url}/mail/send`, { subject: 'from config' });
    expect(reply.from).toBe(USER);
    await expect(suite.emulator.waitForMessage((each) => each.envelope.to.includes(reply.to))).resolves.toMatchObject({
      status: 'accepted',
      parsed: { subject: 'from config' },
    });
  });

  it('forRootAsync: useClass and useExisting options factories', async () => {
    @Injectable()
    class MailConfig implements QcloudMailOptionsFactory {
      createQcloudMailOptions(): QcloudMailModuleOptions {
        return mailerOptions(suite.emulator);
      }
    }
    @Module({ providers: [MailConfig], exports: [MailConfig] })
    class MailConfigModule {}

    const withClass = await start({
      imports: [QcloudMailModule.forRootAsync({ useClass: MailConfig })],
      controllers: [sendController('mail')],
    });
    expect((await sendOver(`${withClass.url}/mail/send`)).from).toBe(USER);

    const withExisting = await start({
      imports: [QcloudMailModule.forRootAsync({ imports: [MailConfigModule], useExisting: MailConfig })],
      controllers: [sendController('mail')],
    });
    expect((await sendOver(`${withExisting.url}/mail/send`)).from).toBe(USER);
  });

  it('named mailers: a default and "marketing" with their own senders coexist (forRoot beside forRootAsync)', async () => {
    const { app, url } = await start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
        QcloudMailModule.forRootAsync({
          name: 'marketing',
          useFactory: async () =>
            mailerOptions(suite.emulator, {
              auth: { user: MARKETING_USER, pass: MARKETING_PASS },
              defaults: { from: `"Newsletter" <${MARKETING_USER}>` },
            }),
        }),
      ],
      controllers: [sendController('transactional'), sendController('marketing', 'marketing')],
    });
    const transactional = await sendOver(`${url}/transactional/send`, { subject: 'receipt' });
    const marketing = await sendOver(`${url}/marketing/send`, { subject: 'news' });
    expect(transactional).toMatchObject({ from: USER, mailer: 'default' });
    expect(marketing).toMatchObject({ from: MARKETING_USER, mailer: 'marketing' });
    const [first, second] = await Promise.all([
      suite.emulator.waitForMessage((each) => each.envelope.to.includes(transactional.to)),
      suite.emulator.waitForMessage((each) => each.envelope.to.includes(marketing.to)),
    ]);
    expect(first).toMatchObject({ status: 'accepted', user: USER, parsed: { subject: 'receipt' } });
    expect(second).toMatchObject({ status: 'accepted', user: MARKETING_USER, parsed: { subject: 'news' } });
    const defaultMailer = app.get<QcloudMailService>(getMailerToken());
    const marketingMailer = app.get<QcloudMailService>(getMailerToken('marketing'));
    expect(marketingMailer).not.toBe(defaultMailer);
    expect(marketingMailer.client).not.toBe(defaultMailer.client);
    expect(app.get(QcloudMailService)).toBe(defaultMailer);
  });

  it('named mailers: two named forRootAsync registrations, and no default unless registered', async () => {
    const { app } = await start({
      imports: [
        QcloudMailModule.forRootAsync({ name: 'a', useFactory: () => mailerOptions(suite.emulator) }),
        QcloudMailModule.forRootAsync({
          name: 'b',
          useFactory: () =>
            mailerOptions(suite.emulator, {
              auth: { user: MARKETING_USER, pass: MARKETING_PASS },
              defaults: { from: MARKETING_USER },
            }),
        }),
      ],
    });
    const a = app.get<QcloudMailService>(getMailerToken('a'));
    const b = app.get<QcloudMailService>(getMailerToken('b'));
    expect([a.name, b.name]).toEqual(['a', 'b']);
    const [sentA, sentB] = await Promise.all([a.send(message()), b.send(message())]);
    expect(sentA.envelope.from).toBe(USER);
    expect(sentB.envelope.from).toBe(MARKETING_USER);
    expect(() => app.get(QcloudMailService)).toThrow();
    expect(() => app.get(getMailerToken())).toThrow();
  });

  it('named mailers of one account share its per-second limit (R5) rather than each allowing it', async () => {
    const shared = { appId: 'nestjs-shared-account', rateLimit: { perSecond: 2 } };
    const { app } = await start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator, shared)),
        QcloudMailModule.forRoot({
          ...mailerOptions(suite.emulator, {
            ...shared,
            auth: { user: MARKETING_USER, pass: MARKETING_PASS },
            defaults: { from: MARKETING_USER },
          }),
          name: 'marketing',
        }),
      ],
    });
    const a = app.get<QcloudMailService>(getMailerToken());
    const b = app.get<QcloudMailService>(getMailerToken('marketing'));
    const outcomes = await Promise.all([a.send(message()), a.send(message()), b.send(message()), b.send(message())]);
    const queued = outcomes.map((outcome) => outcome.timings.queuedMs).sort((x, y) => x - y);
    // Two sends a second for the account: two of the four wait for the next window, whichever mailer they use.
    expect(queued[1]).toBeLessThan(500);
    expect(queued[2]).toBeGreaterThanOrEqual(500);
  });

  it('sendMany settles each message on its own; send rejects an invalid message with VALIDATION', async () => {
    const { app } = await start({ imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator))] });
    const mail = app.get(QcloudMailService);
    const results = await mail.sendMany([message(), message({ subject: undefined })]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results[1]?.status).toBe('rejected');
    const failure = await mail.send(message({ to: 'not an address' })).catch((error: unknown) => error);
    expect(isQcloudMailError(failure) && failure.code).toBe('VALIDATION');
  });

  it('global by default: a feature module injects the mailer without importing the module', async () => {
    @Injectable()
    class Notifier {
      constructor(@InjectMailer() readonly mail: QcloudMailService) {}
    }
    @Module({ providers: [Notifier], exports: [Notifier] })
    class FeatureModule {}

    const { app } = await start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator)), FeatureModule],
    });
    expect(app.get(Notifier).mail).toBe(app.get(QcloudMailService));
    const sent = await app.get(Notifier).mail.send(message({ subject: 'from a feature module' }));
    expect(sent.response).toMatch(/^250 /);
  });

  it('isGlobal: false keeps the mailer to its importer: a feature module that injects it fails to resolve', async () => {
    @Injectable()
    class Notifier {
      constructor(@InjectMailer() readonly mail: QcloudMailService) {}
    }
    @Module({ providers: [Notifier] })
    class FeatureModule {}

    await expect(
      Test.createTestingModule({
        imports: [QcloudMailModule.forRoot({ ...mailerOptions(suite.emulator), isGlobal: false }), FeatureModule],
      }).compile(),
    ).rejects.toThrow(/qcloudmail:mailer:default/);
    // The importer itself still gets it, as does forRootAsync with isGlobal: false.
    const { app } = await start({
      imports: [QcloudMailModule.forRootAsync({ isGlobal: false, useFactory: () => mailerOptions(suite.emulator) })],
      controllers: [sendController('mail')],
    });
    expect(app.get(QcloudMailService).name).toBe('default');
  });

  it('verifyOnStartup: boots with the right password, refuses to start with AUTH on a wrong one', async () => {
    const good = await start({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { verifyOnStartup: true }))],
    });
    expect(good.app.get(QcloudMailService).name).toBe('default');
    const moduleRef = await Test.createTestingModule({
      imports: [
        QcloudMailModule.forRoot(
          mailerOptions(suite.emulator, { verifyOnStartup: true, auth: { user: USER, pass: 'wrong-password' } }),
        ),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    const failure = await app.init().catch((error: unknown) => error);
    expect(isQcloudMailError(failure) && failure.code).toBe('AUTH');
    expect(JSON.stringify(failure)).not.toContain('wrong-password');
    await app.close();
  });

  it('verifyOnStartup with two mailers: the failure names the mailer and its sender, and keeps the code', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator, { verifyOnStartup: true })),
        QcloudMailModule.forRoot({
          ...mailerOptions(suite.emulator, {
            verifyOnStartup: true,
            auth: { user: MARKETING_USER, pass: 'wrong-marketing-password' },
            defaults: { from: MARKETING_USER },
          }),
          name: 'marketing',
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    const failure = await app.init().catch((error: unknown) => error);
    expect(isQcloudMailError(failure) && failure.code).toBe('AUTH');
    expect(
      (failure as Error).message.startsWith(`Mailer "marketing" (sender ${MARKETING_USER}) failed verifyOnStartup: `),
    ).toBe(true);
    expect(isQcloudMailError(failure) && failure.retryable).toBe(false);
    expect(`${(failure as Error).message} ${JSON.stringify(failure)}`).not.toContain('wrong-marketing-password');
    await app.close();
  });

  it('options reach the mail client: a missing password fails the start with CONFIGURATION', async () => {
    const failure = await Test.createTestingModule({
      imports: [QcloudMailModule.forRoot(mailerOptions(suite.emulator, { auth: { user: USER, pass: '' } }))],
    })
      .compile()
      .catch((error: unknown) => error);
    expect(isQcloudMailError(failure) && failure.code).toBe('CONFIGURATION');
  });
});
