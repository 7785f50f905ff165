import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleOptionsFactory,
  type DynamicModule,
  type Provider,
} from '@nestjs/common';
import { createMailClient, type MailClientOptions } from '@qcloudmail/core';
import { loadRenderer } from './load-renderer.js';
import { clientOptionsOf, type QcloudMailModuleExtras, type QcloudMailModuleOptions } from './module-options.js';
import { QcloudMailService } from './qcloud-mail-service.js';
import { DEFAULT_MAILER_NAME, getMailerToken } from './mailer-tokens.js';
import { checkFactoryResult } from './strict-options.js';

/**
 * Every key must be present: the builder strips exactly these keys from the options of `forRoot`, so that
 * `name` and `isGlobal` never reach the mail client. Global by default, as @nestjs-modules/mailer's module
 * always was: feature modules inject a mailer without importing its module.
 */
const DEFAULT_EXTRAS: Required<QcloudMailModuleExtras> = {
  name: DEFAULT_MAILER_NAME,
  isGlobal: true,
};

/**
 * Mailers of one account share its limits (R5, R6 are per account, not per mailer): without a store of their own
 * they share core's in-process limiter for the account (`rateLimit.shareKey`), with the plain client's window.
 */
function withSharedLimits(client: MailClientOptions): MailClientOptions {
  if (client.rateLimit === false || client.rateLimit?.store !== undefined || client.rateLimit?.shareKey !== undefined) {
    return client;
  }
  const shareKey = `@qcloudmail/nestjs:${client.appId ?? client.auth.user}`;
  return { ...client, rateLimit: { ...client.rateLimit, shareKey } };
}

/**
 * Adds the mailer's providers under tokens derived from its name. The builder's own options token is the same
 * in every registration, which is harmless because each `forRoot` call is a module of its own and that
 * token is never exported; only the name-derived tokens leave the module.
 */
function addMailer(definition: DynamicModule, extras: QcloudMailModuleExtras): DynamicModule {
  const name = extras.name ?? DEFAULT_MAILER_NAME;
  const token = getMailerToken(name);
  const providers: Provider[] = [
    {
      provide: token,
      useFactory: async (options: QcloudMailModuleOptions) => {
        // forRoot's options were checked when it was called (and its extras stripped); the factory's result only now.
        checkFactoryResult(options, name);
        // Each mailer has its own renderer: named mailers may use other templates, or none.
        const templates = await loadRenderer(options.templates, name);
        const client: MailClientOptions = { ...clientOptionsOf(options), ...(templates ? { templates } : {}) };
        return new QcloudMailService(createMailClient(withSharedLimits(client)), name, options, templates);
      },
      inject: [MODULE_OPTIONS_TOKEN],
    },
  ];
  const exports: DynamicModule['exports'] = [token];
  if (name === DEFAULT_MAILER_NAME) {
    // The default mailer is also injectable by its class, the NestJS habit.
    providers.push({ provide: QcloudMailService, useExisting: token });
    exports.push(QcloudMailService);
  }
  return {
    ...definition,
    global: extras.isGlobal !== false,
    providers: [...(definition.providers ?? []), ...providers],
    exports: [...(definition.exports ?? []), ...exports],
  };
}

export const {
  ConfigurableModuleClass: QcloudMailConfigurableModule,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<QcloudMailModuleOptions>({ moduleName: 'QcloudMail' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createQcloudMailOptions')
  .setExtras<QcloudMailModuleExtras>(DEFAULT_EXTRAS, addMailer)
  .build();

/** What `QcloudMailModule.forRoot` accepts: the mailer's options with `name` and `isGlobal`. */
export type QcloudMailModuleForRootOptions = typeof OPTIONS_TYPE;

/** What `QcloudMailModule.forRootAsync` accepts: `useFactory`/`inject`, `useClass` or `useExisting`, with `imports`. */
export type QcloudMailModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;

/** What a class given to `forRootAsync({ useClass })` or `{ useExisting }` implements. */
export type QcloudMailOptionsFactory = ConfigurableModuleOptionsFactory<
  QcloudMailModuleOptions,
  'createQcloudMailOptions'
>;
