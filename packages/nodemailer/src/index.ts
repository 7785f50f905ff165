export { QcloudMailTransport, qcloudmailTransport } from './qcloudmail-transport.js';
export { createTransporter } from './create-transporter.js';
export { nodemailerCodeOf } from './nodemailer-codes.js';
export type {
  NodemailerLogger,
  NodemailerTransportOptions,
  QcloudMailSentMessageInfo,
  QcloudMailTransportClientOptions,
  QcloudMailTransporter,
  QcloudMailTransportOptions,
  QcloudMailTransportSettings,
  QcloudMailTransportWrapOptions,
  SendCallback,
  TransportMail,
} from './types.js';
export { TRANSPORT_NAME, TRANSPORT_VERSION } from './version.js';
// What users catch and check, so that `@qcloudmail/nodemailer` alone is enough to handle its errors.
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
