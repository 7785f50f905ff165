import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleOptionsFactory,
  type DynamicModule,
  Module,
} from '@nestjs/common';
import { DEFAULT_MAILER_NAME, getMailerToken } from '../mailer-tokens.js';
import type { QcloudMailService } from '../qcloud-mail-service.js';
import {
  checkOutboxAsync,
  checkOutboxFactoryResult,
  checkOutboxForRoot,
  type QcloudMailOutboxExtras,
  type QcloudMailOutboxOptions,
} from './outbox-options.js';
import { getOutboxToken } from './outbox-tokens.js';
import { QcloudMailOutbox } from './qcloud-mail-outbox.js';

// Every key present: the builder strips exactly these keys from forRoot's options.
const DEFAULT_EXTRAS: Required<QcloudMailOutboxExtras> = {
  name: DEFAULT_MAILER_NAME,
  mailer: DEFAULT_MAILER_NAME,
  isGlobal: true,
};

/** The outbox under its name's token (and its class, for the default one), sending with the named mailer. */
function addOutbox(definition: DynamicModule, extras: QcloudMailOutboxExtras): DynamicModule {
  const name = extras.name ?? DEFAULT_MAILER_NAME;
  const token = getOutboxToken(name);
  const providers: NonNullable<DynamicModule['providers']> = [
    {
      provide: token,
      useFactory: (options: QcloudMailOutboxOptions, mailer: QcloudMailService) => {
        checkOutboxFactoryResult(options, name);
        return new QcloudMailOutbox(options, mailer, name);
      },
      // The mailer by its token: Nest resolves it first (and reports a missing one by that token).
      inject: [OUTBOX_OPTIONS_TOKEN, getMailerToken(extras.mailer)],
    },
  ];
  const exports: NonNullable<DynamicModule['exports']> = [token];
  if (name === DEFAULT_MAILER_NAME) {
    providers.push({ provide: QcloudMailOutbox, useExisting: token });
    exports.push(QcloudMailOutbox);
  }
  return {
    ...definition,
    global: extras.isGlobal !== false,
    providers: [...(definition.providers ?? []), ...providers],
    exports: [...(definition.exports ?? []), ...exports],
  };
}

const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: OUTBOX_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<QcloudMailOutboxOptions>({ moduleName: 'QcloudMailOutbox' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createQcloudMailOutboxOptions')
  .setExtras<QcloudMailOutboxExtras>(DEFAULT_EXTRAS, addOutbox)
  .build();

/** What `QcloudMailOutboxModule.forRoot` accepts: the outbox's options with `name`, `mailer` and `isGlobal`. */
export type QcloudMailOutboxForRootOptions = typeof OPTIONS_TYPE;

/** What `QcloudMailOutboxModule.forRootAsync` accepts: `useFactory`/`inject`, `useClass` or `useExisting`, with `imports`. */
export type QcloudMailOutboxAsyncOptions = typeof ASYNC_OPTIONS_TYPE;

/** What a class given to `forRootAsync({ useClass })` or `{ useExisting }` implements. */
export type QcloudMailOutboxOptionsFactory = ConfigurableModuleOptionsFactory<
  QcloudMailOutboxOptions,
  'createQcloudMailOutboxOptions'
>;

/**
 * The Redis outbox as a NestJS module, after `@nestjs/bullmq`'s conventions: `forRoot({ connection, queueName })`
 * or `forRootAsync`, `mailer` naming the registered mailer it sends with; injected as `QcloudMailOutbox` or
 * with `@InjectOutbox(name)`.
 */
@Module({})
export class QcloudMailOutboxModule extends ConfigurableModuleClass {
  /** Registers an outbox; a key that is no option throws `CONFIGURATION` naming it. */
  static override forRoot(options: QcloudMailOutboxForRootOptions): DynamicModule {
    checkOutboxForRoot(options);
    return super.forRoot(options);
  }

  /** Registers an outbox whose options a factory or options class gives; its result is checked as forRoot's. */
  static override forRootAsync(options: QcloudMailOutboxAsyncOptions): DynamicModule {
    checkOutboxAsync(options);
    return super.forRootAsync(options);
  }
}
