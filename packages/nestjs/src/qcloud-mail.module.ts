import { Module } from '@nestjs/common';
import { QcloudMailConfigurableModule } from './module-definition.js';

/**
 * The NestJS module of qcloudmail: `forRoot(options)` or `forRootAsync({ useFactory, inject, imports })`
 * registers a mailer (named with `name`, several side by side), injected as `QcloudMailService` or with
 * `@InjectMailer(name)`.
 */
@Module({})
export class QcloudMailModule extends QcloudMailConfigurableModule {}
