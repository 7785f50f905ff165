import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { createEventsController } from './events-controller.js';
import {
  checkEventsAsync,
  checkEventsFactoryResult,
  checkEventsForRoot,
  type QcloudMailEventsAsyncOptions,
  type QcloudMailEventsForRootOptions,
  type QcloudMailEventsOptions,
} from './events-options.js';
import { EVENTS_OPTIONS } from './events-tokens.js';
import { QcloudMailEvents } from './qcloud-mail-events.js';

function build(path: string, options: Provider, imports: DynamicModule['imports'] = []): DynamicModule {
  return {
    module: QcloudMailEventsModule,
    imports,
    controllers: [createEventsController(path)],
    providers: [
      options,
      {
        provide: QcloudMailEvents,
        useFactory: (resolved: QcloudMailEventsOptions, moduleRef: ModuleRef) =>
          new QcloudMailEvents(resolved, moduleRef),
        inject: [EVENTS_OPTIONS, ModuleRef],
      },
    ],
    exports: [QcloudMailEvents],
  };
}

/**
 * The provider's delivery-event callback (R26-R29) as a NestJS module: `POST /<path>?token=<secret>` checks the
 * secret, parses the events, answers 200 at once, then emits each as `qcloudmail.event.<kind>` and
 * `qcloudmail.event` (with `@nestjs/event-emitter`) and hands them to the `handler` class; at least once.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest module is a class, registered through its static methods.
export class QcloudMailEventsModule {
  /** Registers the route at `path`; a key that is no option, or no secret, throws `CONFIGURATION`. */
  static forRoot(options: QcloudMailEventsForRootOptions): DynamicModule {
    checkEventsForRoot(options);
    const { path, ...rest } = options;
    return build(path, { provide: EVENTS_OPTIONS, useValue: rest });
  }

  /** Registers the route at `path` with options a factory gives (a secret from `ConfigService`, say). */
  static forRootAsync(options: QcloudMailEventsAsyncOptions): DynamicModule {
    checkEventsAsync(options);
    const provider: Provider = {
      provide: EVENTS_OPTIONS,
      useFactory: async (...args: never[]) => {
        const resolved = await options.useFactory(...args);
        checkEventsFactoryResult(resolved);
        return resolved;
      },
      inject: options.inject ?? [],
    };
    return build(options.path, provider, options.imports);
  }
}
