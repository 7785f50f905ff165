import { type EffectiveLimits, type MailMessageInput, QcloudMailError } from '@qcloudmail/core';
import { checkEnvelope, checkUnsupportedOptions } from './check-options.js';
import { addresses, mapAddressList, mapSingleAddress } from './map-addresses.js';
import { mapAttachments } from './map-attachments.js';
import { mapHeaders } from './map-headers.js';
import { type ContentPolicy, readContent } from './read-content.js';
import { refusal } from './refusal.js';

/** What the mapping needs from the transport's settings and the message's own access flags. */
export interface MapContext {
  allowFileAccess: boolean;
  limits: Pick<EffectiveLimits, 'maxAttachmentBytes' | 'maxBodyBytes'>;
  signal: AbortSignal | undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

async function mapBody(
  data: Readonly<Record<string, unknown>>,
  key: 'text' | 'html',
  context: MapContext,
  policy: ContentPolicy,
) {
  const slot = { path: [key], maxBytes: context.limits.maxBodyBytes, tooLarge: 'body_too_large', rule: 'R10' } as const;
  const content = await readContent(data[key], slot, policy);
  if (content === undefined || typeof content === 'string') return content;
  try {
    return UTF8.decode(content);
  } catch (cause) {
    throw refusal({
      path: [key],
      issue: 'invalid_type',
      rule: 'HEADERS',
      message: 'is not valid UTF-8, the only charset the service accepts (HEADERS: text/plain; charset=UTF-8)',
      cause,
    });
  }
}

function mapDate(value: unknown): Date | string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date || typeof value === 'string') return value;
  if (typeof value === 'number') return new Date(value);
  throw refusal({ path: ['date'], issue: 'invalid_type', rule: 'HEADERS', message: 'expected a Date or a string' });
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw refusal({ path: [key], issue: 'invalid_type', rule: 'HEADERS', message: 'expected a string' });
}

/** The policy of one message: nodemailer's `disableFileAccess` only ever restricts the transport's setting. */
export function contentPolicy(data: Readonly<Record<string, unknown>>, context: MapContext): ContentPolicy {
  return {
    allowFileAccess: context.allowFileAccess,
    disableFileAccess: data.disableFileAccess === true,
    signal: context.signal,
  };
}

/**
 * Maps nodemailer's `mail.data` (the `sendMail` options) to core's message input, refusing what the service
 * cannot honour with a `QcloudMailError` that names the option; core then validates and builds the MIME.
 * Keys nodemailer knows but that change nothing on the wire here (`encoding`, `textEncoding`,
 * `normalizeHeaderKey`, `maxRecipients`) and unknown keys are ignored, as nodemailer ignores them.
 */
export async function mapMessage(
  data: Readonly<Record<string, unknown>>,
  context: MapContext,
): Promise<MailMessageInput> {
  checkUnsupportedOptions(data);
  const to = mapAddressList(data.to, 'to');
  const cc = mapAddressList(data.cc, 'cc');
  const bcc = mapAddressList(data.bcc, 'bcc');
  checkEnvelope(
    data.envelope,
    addresses(data.from),
    [to, cc, bcc].flatMap((list) => addresses(list)),
  );
  const policy = contentPolicy(data, context);
  const from = mapSingleAddress(data.from, 'from');
  const replyTo = mapAddressList(data.replyTo, 'replyTo');
  const subject = optionalString(data.subject, 'subject');
  const text = await mapBody(data, 'text', context, policy);
  const html = await mapBody(data, 'html', context, policy);
  const attachments = await mapAttachments(
    data.attachments,
    policy,
    context.limits.maxAttachmentBytes,
    data.attachDataUrls === true,
  );
  const headers = mapHeaders(data);
  const messageId = optionalString(data.messageId, 'messageId');
  const date = mapDate(data.date);
  if (context.signal?.aborted) {
    throw new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted', cause: context.signal.reason });
  }
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(cc === undefined ? {} : { cc }),
    ...(bcc === undefined ? {} : { bcc }),
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(subject === undefined ? {} : { subject }),
    ...(text === undefined ? {} : { text }),
    ...(html === undefined ? {} : { html }),
    ...(attachments === undefined ? {} : { attachments }),
    ...(headers.length === 0 ? {} : { headers }),
    ...(messageId === undefined ? {} : { messageId }),
    ...(date === undefined ? {} : { date }),
  };
}
