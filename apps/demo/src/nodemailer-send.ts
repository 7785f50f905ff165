import type { MailClientOptions, MailMessageInput } from '@qcloudmail/core';
import { type QcloudMailSentMessageInfo, qcloudmailTransport } from '@qcloudmail/nodemailer';
import nodemailer, { type SendMailOptions } from 'nodemailer';

/**
 * A plain nodemailer script: the one changed line is the transport (`qcloudmailTransport`); `sendMail`
 * stays nodemailer's and resolves nodemailer's info (`messageId`, `accepted`, `response`).
 */
export async function sendWithNodemailer(
  client: MailClientOptions,
  message: MailMessageInput,
): Promise<QcloudMailSentMessageInfo> {
  const transport = qcloudmailTransport(client);
  const transporter = nodemailer.createTransport(transport);
  try {
    return (await transporter.sendMail(message as SendMailOptions)) as QcloudMailSentMessageInfo;
  } finally {
    // Called on the transport itself, close() returns a promise: the pool is closed before the demo goes on.
    await transport.close();
  }
}
