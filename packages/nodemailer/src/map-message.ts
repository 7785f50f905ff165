import { type EffectiveLimits, type MailMessageInput, QcloudMailError } from '@qcloudmail/core';
import type { ContentSlot } from '@qcloudmail/core/internal';
import { type FilePolicy, resolveContent } from './resolve-content.js';

/** What the translation needs from the transport's settings. */
export interface MapContext {
  allowFileAccess: boolean;
  limits: Pick<EffectiveLimits, 'maxAttachmentBytes' | 'maxAttachments' | 'maxBodyBytes'>;
  signal: AbortSignal | undefined;
}

type Data = Readonly<Record<string, unknown>>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The file policy of one message: nodemailer's `disableFileAccess` only ever restricts the transport's setting. */
export function filePolicy(data: Data, context: MapContext): FilePolicy {
  return { allowFileAccess: context.allowFileAccess, disableFileAccess: data.disableFileAccess === true };
}

async function body(data: Data, key: 'text' | 'html', context: MapContext, files: FilePolicy): Promise<unknown> {
  const value = data[key];
  if (value === undefined || value === null || typeof value === 'string') return value;
  const slot: ContentSlot = {
    path: [key],
    maxBytes: context.limits.maxBodyBytes,
    tooLarge: 'body_too_large',
    rule: 'R10',
    signal: context.signal,
  };
  const content = await resolveContent(value, slot, files);
  if (content === undefined || typeof content === 'string') return content ?? value;
  try {
    return UTF8.decode(content);
  } catch (cause) {
    throw new QcloudMailError({
      code: 'VALIDATION',
      rule: 'HEADERS',
      message: `${key}: is not valid UTF-8, the only charset the service accepts (HEADERS)`,
      issues: [{ code: 'invalid_type', path: [key], rule: 'HEADERS', message: `${key}: is not valid UTF-8` }],
      cause,
    });
  }
}

// nodemailer derives a file name from the path or URL when none is given.
function baseName(location: unknown): string | undefined {
  if (typeof location !== 'string' || location.toLowerCase().startsWith('data:')) return undefined;
  const name = location.split(/[/\\]/).pop()?.split('?')[0];
  return name === undefined || name === '' ? undefined : name;
}

async function attachment(item: unknown, index: number, context: MapContext, files: FilePolicy): Promise<unknown> {
  if (typeof item !== 'object' || item === null) return item;
  const { content, path, href, encoding, ...rest } = item as Record<string, unknown>;
  const slot: ContentSlot = {
    path: ['attachments', index],
    maxBytes: context.limits.maxAttachmentBytes,
    tooLarge: 'attachment_too_large',
    rule: 'R13',
    signal: context.signal,
  };
  // A string content with its encoding is core's own form: core decodes and checks it.
  if (typeof content === 'string' || (content === undefined && path === undefined && href === undefined)) return item;
  const read = await resolveContent({ content, path, href, encoding }, slot, files);
  if (read === undefined) return item;
  const filename = rest.filename ?? baseName(path ?? href);
  return { ...rest, content: read, ...(filename === undefined ? {} : { filename }) };
}

function headerValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(headerValues);
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  // nodemailer's `{ prepared, value }`: core writes (and encodes) the value itself.
  if (typeof value === 'object' && value !== null && 'value' in value) return [(value as { value: unknown }).value];
  return [value];
}

// nodemailer's header values may be arrays, numbers or `{ value }`: as core's ordered `{ key, value }` list.
function headers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (entries.every(([, each]) => typeof each === 'string')) return value;
  return entries.flatMap(([key, each]) => headerValues(each).map((one) => ({ key, value: one })));
}

/**
 * Translates nodemailer's `mail.data` into core's message input: content forms (Buffers, streams, data: URIs,
 * allowed files) are read by core's bounded reader, header values flattened, `signal` and `ignoreSuppression` (send options) taken out. Every other key
 * goes to core as given, so that core accepts or refuses it exactly as for a client user.
 */
export async function mapMessage(data: Data, context: MapContext): Promise<MailMessageInput> {
  const files = filePolicy(data, context);
  const { signal: _signal, ignoreSuppression: _ignoreSuppression, ...message } = data as Record<string, unknown>;
  if (message.text !== undefined) message.text = await body(data, 'text', context, files);
  if (message.html !== undefined) message.html = await body(data, 'html', context, files);
  // Too many attachments are refused by core by their count alone: none of them is read.
  if (Array.isArray(message.attachments) && message.attachments.length <= context.limits.maxAttachments) {
    const list: unknown[] = [];
    for (const [index, item] of message.attachments.entries()) list.push(await attachment(item, index, context, files));
    message.attachments = list;
  }
  if (message.headers !== undefined) message.headers = headers(message.headers);
  if (context.signal?.aborted) {
    throw new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted', cause: context.signal.reason });
  }
  // Core validates every key: what it cannot honour it refuses, naming the option.
  return message as MailMessageInput;
}
