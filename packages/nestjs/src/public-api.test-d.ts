import type { CanActivate, DynamicModule, Type } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { MailClient, SendInput, SendOutcome, TemplateRenderer } from '@qcloudmail/core';
import { expectTypeOf, test } from 'vitest';
import type { QcloudMailHealthIndicator } from './health/index.js';
import {
  createSendController,
  getMailerToken,
  QcloudMailModule,
  type QcloudMailModuleOptions,
  QcloudMailService,
} from './index.js';

const auth = { user: 'noreply@mail.example.com', pass: 'secret' };

test('forRoot and forRootAsync return dynamic modules and take name and isGlobal beside the options', () => {
  expectTypeOf(
    QcloudMailModule.forRoot({ region: 'hongkong', auth, name: 'marketing', isGlobal: true }),
  ).toEqualTypeOf<DynamicModule>();
  expectTypeOf(
    QcloudMailModule.forRootAsync({
      name: 'marketing',
      useFactory: async (): Promise<QcloudMailModuleOptions> => ({ auth }),
    }),
  ).toEqualTypeOf<DynamicModule>();
  // @ts-expect-error: auth is required (R4)
  QcloudMailModule.forRoot({ region: 'hongkong' });
  // @ts-expect-error: the factory must return the mailer's options
  QcloudMailModule.forRootAsync({ useFactory: () => ({ host: 'localhost' }) });
});

test('the service is fully typed and exposes its client', () => {
  expectTypeOf<QcloudMailService['send']>().parameter(0).toEqualTypeOf<SendInput>();
  expectTypeOf<QcloudMailService['send']>().returns.toEqualTypeOf<Promise<SendOutcome>>();
  expectTypeOf<QcloudMailService['verify']>().returns.toEqualTypeOf<Promise<true>>();
  expectTypeOf<QcloudMailService['client']>().toEqualTypeOf<MailClient>();
  expectTypeOf(getMailerToken).returns.toEqualTypeOf<string>();
});

declare const indicator: QcloudMailHealthIndicator;

test('the health indicator keeps the key in its result type', () => {
  expectTypeOf(indicator.isHealthy('mail', { mailer: 'marketing', timeoutMs: 1000 })).toEqualTypeOf<
    Promise<HealthIndicatorResult<'mail'>>
  >();
});

declare const Guard: Type<CanActivate>;

test('the send controller factory takes a path and guards and returns a controller class', () => {
  expectTypeOf(createSendController({ path: 'mail/send', guards: [Guard] })).toEqualTypeOf<Type<unknown>>();
  expectTypeOf(createSendController).parameter(0).toHaveProperty('mailer').toEqualTypeOf<string | undefined>();
  // @ts-expect-error: guards are required, a send route without them is an open relay
  createSendController({ path: 'mail/send' });
});

declare const renderer: TemplateRenderer;
declare const Shipped: (props: { order: string }) => null;
declare const mailer: QcloudMailService;

test('templates: an engine by name with its options beside it, or a renderer; send takes { template, context }', () => {
  QcloudMailModule.forRoot({
    auth,
    templates: { dir: 'templates', engine: 'handlebars', strict: true, inlineCss: false },
  });
  QcloudMailModule.forRoot({ auth, templates: { dir: 'templates', engine: 'mjml', validationLevel: 'soft' } });
  QcloudMailModule.forRoot({ auth, name: 'marketing', templates: renderer });
  QcloudMailModule.forRoot({
    auth,
    templates: { engine: 'react-email', templates: { shipped: Shipped }, pretty: true },
  });
  // @ts-expect-error: React Email's templates are components, not a directory
  QcloudMailModule.forRoot({ auth, templates: { engine: 'react-email', dir: 'templates' } });
  // @ts-expect-error: an engine the module does not load by name (give a TemplateRenderer instead)
  QcloudMailModule.forRoot({ auth, templates: { dir: 'templates', engine: 'pug' } });
  // @ts-expect-error: mjml does its own CSS inlining; inlineCss is Handlebars' option
  QcloudMailModule.forRoot({ auth, templates: { dir: 'templates', engine: 'mjml', inlineCss: true } });
  // @ts-expect-error: the template directory is required
  QcloudMailModule.forRoot({ auth, templates: { engine: 'handlebars' } });
  expectTypeOf(mailer.send({ to: 'a@b.c', template: 'shipped', context: { id: 1 } })).toEqualTypeOf<
    Promise<SendOutcome>
  >();
  // @ts-expect-error: the template renders the body, html beside it is refused
  mailer.send({ to: 'a@b.c', template: 'shipped', html: '<p>also</p>' });
});
