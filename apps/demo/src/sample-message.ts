import type { MailMessageInput } from '@qcloudmail/core';

/** The attachment's name: Chinese, so that its RFC 2047 encoding (R14) is on show. */
export const ATTACHMENT_NAME = '季度报告.csv';

/** The attachment's bytes: a small UTF-8 CSV (an allowed type, R22). */
export const ATTACHMENT_CONTENT = Buffer.from('季度,收入\nQ1,1200\nQ2,1850\n', 'utf8');

/** The message every adapter of the demo sends, addressed from `from` to `to` with a label naming the adapter. */
export function sampleMessage(from: string, to: string, adapter: string): MailMessageInput {
  return {
    from: { name: '示例商店', address: from },
    to,
    subject: `您的季度报告已生成 (${adapter})`,
    text: `您好！\n\n这封邮件由 ${adapter} 通过 qcloudmail 发送，附件是本季度的报告。\n`,
    html: `<p>您好！</p><p>这封邮件由 <b>${adapter}</b> 通过 qcloudmail 发送，附件是本季度的报告。</p>`,
    attachments: [{ filename: ATTACHMENT_NAME, content: ATTACHMENT_CONTENT, contentType: 'text/csv' }],
  };
}

/** The same message as JSON for an HTTP route: the attachment's bytes as base64 (core's `encoding: 'base64'`). */
export function sampleMessageJson(from: string, to: string, adapter: string): Record<string, unknown> {
  const message = sampleMessage(from, to, adapter);
  return {
    ...message,
    attachments: [
      {
        filename: ATTACHMENT_NAME,
        content: ATTACHMENT_CONTENT.toString('base64'),
        encoding: 'base64',
        contentType: 'text/csv',
      },
    ],
  };
}
