import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { SesEvent } from '@qcloudmail/core';
import { refuse } from '../refuse-configuration.js';

/** What an application's handler class implements to receive the provider's delivery events. */
export interface QcloudMailEventsHandler {
  /** Receives each accepted callback body's events, after the provider has had its 200; at least once. */
  handleEvents(events: readonly SesEvent[]): void | Promise<void>;
}

/** Options of the callback route: who may call it and where its events go. */
export interface QcloudMailEventsOptions {
  /** The shared secret the console's callback URL carries as `?token=` (R26), or several while rolling one over. */
  secret?: string | readonly string[];
  /** Accept callbacks without a token: only behind something else that authenticates them. */
  allowUnauthenticated?: boolean;
  /** The largest body accepted, in bytes. Default core's `DEFAULT_EVENT_BODY_BYTES` (256 KiB). */
  maxBodyBytes?: number;
  /** A provider class (listed in one of the application's modules) that receives the events. */
  handler?: Type<QcloudMailEventsHandler>;
  /**
   * Emit `qcloudmail.event` and `qcloudmail.event.<kind>` through `@nestjs/event-emitter`. Default: when
   * `EventEmitterModule.forRoot()` is imported; `true` requires it, `false` never emits.
   */
  emit?: boolean;
}

/** What `QcloudMailEventsModule.forRoot` takes: the route's `path` and its options. */
export interface QcloudMailEventsForRootOptions extends QcloudMailEventsOptions {
  /** The route, as `@Controller(path)` takes it: `POST /<path>` receives the callbacks. */
  path: string;
}

/** What `QcloudMailEventsModule.forRootAsync` takes: the `path`, and a factory for the options. */
export interface QcloudMailEventsAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** The route: read before the factory runs, since a controller's path is fixed when the module is built. */
  path: string;
  useFactory: (...args: never[]) => QcloudMailEventsOptions | Promise<QcloudMailEventsOptions>;
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}

// A record of every option, so that an option added to the interface without being listed fails to compile.
const OPTIONS: Record<keyof QcloudMailEventsOptions, true> = {
  secret: true,
  allowUnauthenticated: true,
  maxBodyBytes: true,
  handler: true,
  emit: true,
};
const ASYNC_KEYS: Record<keyof QcloudMailEventsAsyncOptions, true> = {
  path: true,
  imports: true,
  useFactory: true,
  inject: true,
};

function checkOptions(where: string, options: unknown, pathAllowed: boolean): void {
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(OPTIONS, key) || (pathAllowed && key === 'path')) continue;
    if (key === 'path') refuse(where, '`path` is read beside useFactory, before the factory runs');
    refuse(where, `\`${key}\` is no option of the events route; remove it or check its spelling`);
  }
  const { handler, emit } = options as QcloudMailEventsOptions;
  if (handler !== undefined && typeof handler !== 'function') {
    refuse(where, '`handler` must be a provider class with handleEvents(events)');
  }
  if (emit !== undefined && typeof emit !== 'boolean') refuse(where, '`emit` must be true or false');
  if (handler === undefined && emit === false) {
    refuse(where, 'the events would go nowhere: give `handler`, or let the module emit them (`emit`)');
  }
}

/** Refuses `forRoot` options the module would not read, and a missing `path`. */
export function checkEventsForRoot(options: unknown): void {
  const where = 'QcloudMailEventsModule.forRoot';
  checkOptions(where, options, true);
  if (typeof (options as { path?: unknown }).path !== 'string') refuse(where, 'needs `path`, the route');
}

/** Refuses unknown keys beside `useFactory`: options there would be silently dropped. */
export function checkEventsAsync(options: unknown): void {
  const where = 'QcloudMailEventsModule.forRootAsync';
  if (typeof options !== 'object' || options === null) refuse(where, 'expected an object of options');
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(ASYNC_KEYS, key)) continue;
    if (Object.hasOwn(OPTIONS, key)) refuse(where, `\`${key}\` is an option: return it from \`useFactory\``);
    refuse(where, `\`${key}\` is no option of forRootAsync (${Object.keys(ASYNC_KEYS).join(', ')})`);
  }
  const { path, useFactory } = options as Partial<QcloudMailEventsAsyncOptions>;
  if (typeof path !== 'string') refuse(where, 'needs `path`, the route, beside useFactory');
  if (typeof useFactory !== 'function') refuse(where, 'needs `useFactory`');
}

/** Refuses what the factory of `forRootAsync` returned beyond the route's options. */
export function checkEventsFactoryResult(options: unknown): void {
  checkOptions("QcloudMailEventsModule.forRootAsync, the factory's result", options, false);
}
