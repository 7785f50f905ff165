import type { CanActivate, DynamicModule, Type } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { MailClient, MailMessageInput, SendOutcome } from '@qcloudmail/core';
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
  expectTypeOf<QcloudMailService['send']>().parameter(0).toEqualTypeOf<MailMessageInput>();
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
