import type { ConfigurableModuleOptionsFactory } from '@nestjs/common';
import type { QcloudMailModuleOptions } from './module-options.js';

/** What a class given to `forRootAsync({ useClass })` or `{ useExisting }` implements. */
export type QcloudMailOptionsFactory = ConfigurableModuleOptionsFactory<QcloudMailModuleOptions, 'createQcloudMailOptions'>;
