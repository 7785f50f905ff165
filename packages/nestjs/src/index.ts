export { QcloudMailModule } from './qcloud-mail.module.js';
export type { QcloudMailModuleAsyncOptions, QcloudMailModuleForRootOptions } from './module-definition.js';
export type { QcloudMailModuleExtras, QcloudMailModuleOptions } from './module-options.js';
export type { QcloudMailOptionsFactory } from './options-factory.js';
export { QcloudMailService } from './qcloud-mail-service.js';
export { InjectMailer } from './inject-mailer.js';
export { DEFAULT_MAILER_NAME, getMailerToken } from './tokens.js';
export { QcloudMailExceptionFilter } from './qcloud-mail-exception-filter.js';
