import { QcloudMailError } from '@qcloudmail/core';

/** The keys `ConfigurableModuleBuilder`'s `forRootAsync` reads itself, beside a module's extras. */
export const BUILDER_ASYNC_KEYS: readonly string[] = [
  'imports',
  'inject',
  'useFactory',
  'useClass',
  'useExisting',
  'provideInjectionTokensFrom',
];

/** Throws the `CONFIGURATION` error of a module's options: where they were given, then what is wrong. */
export function refuse(where: string, message: string): never {
  throw new QcloudMailError({ code: 'CONFIGURATION', message: `${where}: ${message}` });
}
