export { QcloudMailTransport, qcloudmailTransport } from './qcloudmail-transport.js';
export { nodemailerCodeOf } from './nodemailer-codes.js';
export type {
  QcloudMailSentMessageInfo,
  QcloudMailTransportClientOptions,
  QcloudMailTransportOptions,
  QcloudMailTransportSettings,
  QcloudMailTransportWrapOptions,
  SendCallback,
  TransportMail,
} from './types.js';
export { TRANSPORT_NAME, TRANSPORT_VERSION } from './version.js';
