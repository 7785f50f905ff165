import nodemailer, { type SendMailOptions } from 'nodemailer';
import { qcloudmailTransport } from './qcloudmail-transport.js';
import type { QcloudMailTransporter, QcloudMailTransportOptions } from './types.js';

/**
 * `nodemailer.createTransport(qcloudmailTransport(options), defaults)`, typed so that `close()` is the Promise it
 * is at runtime (nodemailer's own types say `void`).
 */
export function createTransporter(
  options: QcloudMailTransportOptions,
  defaults?: SendMailOptions,
): QcloudMailTransporter {
  // nodemailer's types give `close(): void` to every transporter; this one forwards the transport's Promise.
  return nodemailer.createTransport(qcloudmailTransport(options), defaults) as unknown as QcloudMailTransporter;
}
