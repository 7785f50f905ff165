export { QcloudMailModule } from './qcloud-mail.module.js';
export type {
  QcloudMailModuleAsyncOptions,
  QcloudMailModuleForRootOptions,
  QcloudMailOptionsFactory,
} from './module-definition.js';
export type { QcloudMailModuleExtras, QcloudMailModuleOptions } from './module-options.js';
export type { QcloudMailTemplatesOption } from './templates-option.js';
export type {
  QcloudMailHandlebarsTemplates,
  QcloudMailMjmlTemplates,
  QcloudMailReactEmailTemplates,
  QcloudMailTemplateEngine,
  QcloudMailTemplatesOptions,
} from './templates-option-types.js';
export { QcloudMailService } from './qcloud-mail-service.js';
export { DEFAULT_MAILER_NAME, getMailerToken, InjectMailer } from './mailer-tokens.js';
export { QcloudMailExceptionFilter } from './qcloud-mail-exception-filter.js';
export { createSendController, type SendControllerOptions } from './send-controller.js';
export type { SendRouteResult } from '@qcloudmail/core';
// What users catch and check, so that this package alone is enough to handle its errors.
export {
  isQcloudMailError,
  QcloudMailError,
  QcloudMailPartialSendError,
  type MailIssue,
  type MailIssueCode,
  type NodemailerErrorCode,
  type OutcomeUnknownDetails,
  type QcloudMailErrorCategory,
  type QcloudMailErrorCode,
  type SendFailure,
} from '@qcloudmail/core';
