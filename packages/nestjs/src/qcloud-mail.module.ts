import { type DynamicModule, Module } from '@nestjs/common';
import {
  type QcloudMailModuleAsyncOptions,
  type QcloudMailModuleForRootOptions,
  QcloudMailConfigurableModule,
} from './module-definition.js';
import { checkAsyncOptions, checkForRootOptions } from './strict-options.js';

/**
 * The NestJS module of qcloudmail: `forRoot(options)` or `forRootAsync({ useFactory, inject, imports })`
 * registers a mailer (named with `name`, several side by side), injected as `QcloudMailService` or with
 * `@InjectMailer(name)`; global unless `isGlobal: false`. Options it would not read are refused by name.
 */
@Module({})
export class QcloudMailModule extends QcloudMailConfigurableModule {
  /** Registers a mailer with `options`; a key that is no option throws `CONFIGURATION` naming it. */
  static override forRoot(options: QcloudMailModuleForRootOptions): DynamicModule {
    checkForRootOptions(options);
    return super.forRoot(options);
  }

  /** Registers a mailer whose options a factory or options class gives; its result is checked as forRoot's. */
  static override forRootAsync(options: QcloudMailModuleAsyncOptions): DynamicModule {
    checkAsyncOptions(options);
    return super.forRootAsync(options);
  }
}
