import { checkInjection, type IssueSink } from './issue.js';
import { bracketedMessageId } from './message-id.js';
import type { MailHeader } from './message.js';

// nodemailer's own priority headers (Mailer.setPriorityHeaders), so that mail clients show the same flag.
const PRIORITY_HEADERS: Readonly<Record<'high' | 'normal' | 'low', readonly MailHeader[]>> = {
  high: [
    { key: 'X-Priority', value: '1 (Highest)' },
    { key: 'X-MSMail-Priority', value: 'High' },
    { key: 'Importance', value: 'High' },
  ],
  low: [
    { key: 'X-Priority', value: '5 (Lowest)' },
    { key: 'X-MSMail-Priority', value: 'Low' },
    { key: 'Importance', value: 'Low' },
  ],
  normal: [],
};

/** The nodemailer fields that become headers. */
export interface HeaderFields {
  priority?: 'high' | 'normal' | 'low' | undefined;
  inReplyTo?: string | undefined;
  references?: string | string[] | undefined;
  xMailer?: string | false | undefined;
}

// Message-IDs split on white space by hand (linear), each in angle brackets.
function messageIds(value: string | readonly string[]): string | undefined {
  const ids: string[] = [];
  for (const item of typeof value === 'string' ? [value] : value) {
    for (const id of item.split(' ').flatMap((part) => part.split('\t'))) {
      const trimmed = id.trim();
      if (trimmed !== '') ids.push(bracketedMessageId(trimmed));
    }
  }
  return ids.length === 0 ? undefined : ids.join(' ');
}

/**
 * Adds the headers nodemailer derives from `priority`, `inReplyTo`, `references` and `xMailer` to `headers`
 * (unless `headers` already sets them), refusing line breaks in the values (RFC 5322).
 */
export function addDerivedHeaders(sink: IssueSink, fields: HeaderFields, headers: MailHeader[]): MailHeader[] {
  const taken = new Set(headers.map((header) => header.key.toLowerCase()));
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && !taken.has(key.toLowerCase())) headers.push({ key, value });
  };
  for (const header of PRIORITY_HEADERS[fields.priority ?? 'normal']) add(header.key, header.value);
  const { inReplyTo, references, xMailer } = fields;
  if (inReplyTo !== undefined && !checkInjection(sink, inReplyTo, ['inReplyTo'], 'inReplyTo')) {
    add('In-Reply-To', messageIds(inReplyTo));
  }
  if (references !== undefined) {
    const list = typeof references === 'string' ? [references] : references;
    const injected = list.some((item, index) =>
      checkInjection(sink, item, typeof references === 'string' ? ['references'] : ['references', index], 'references'),
    );
    if (!injected) add('References', messageIds(list));
  }
  if (typeof xMailer === 'string' && xMailer.trim() !== '' && !checkInjection(sink, xMailer, ['xMailer'], 'xMailer')) {
    add('X-Mailer', xMailer);
  }
  return headers;
}
