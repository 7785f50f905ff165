export type { RuleId } from './rules.js';
export * from './errors/qcloud-mail-error.js';
export type { MailIssue, MailIssueCode } from './model/issues.js';
export * from './limits/limits.js';
export * from './limits/regions.js';
