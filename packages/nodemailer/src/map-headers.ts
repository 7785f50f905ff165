import type { MailHeader } from '@qcloudmail/core';
import { refusal } from './refusal.js';

// nodemailer's own priority headers (Mailer.setPriorityHeaders), kept so that mail clients show the same flag.
const PRIORITY_HEADERS: Record<string, MailHeader[]> = {
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

function headerValue(value: unknown, key: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => headerValue(item, key));
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  // nodemailer's `{ prepared: true, value }` form: core writes (and encodes) the value itself.
  if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string') {
    return [(value as { value: string }).value];
  }
  throw refusal({
    path: ['headers', key],
    issue: 'invalid_type',
    rule: 'HEADERS',
    message: 'a header value must be a string, a number or an array of them',
  });
}

function customHeaders(headers: unknown): MailHeader[] {
  if (headers === undefined || headers === null) return [];
  if (Array.isArray(headers)) {
    return headers.flatMap((entry, index) => {
      const key = (entry as { key?: unknown } | null)?.key;
      if (typeof key !== 'string') {
        throw refusal({
          path: ['headers', index],
          issue: 'invalid_type',
          rule: 'HEADERS',
          message: 'expected { key, value }',
        });
      }
      return headerValue((entry as { value?: unknown }).value, key).map((value) => ({ key, value }));
    });
  }
  if (typeof headers !== 'object') {
    throw refusal({ path: ['headers'], issue: 'invalid_type', rule: 'HEADERS', message: 'expected an object' });
  }
  return Object.entries(headers).flatMap(([key, value]) =>
    headerValue(value, key).map((each) => ({ key, value: each })),
  );
}

function bracketed(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

function messageIds(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '' || value === false) return undefined;
  const ids = (Array.isArray(value) ? value : String(value).split(/\s+/)).map(String).filter((id) => id.trim() !== '');
  if (ids.length === 0) return undefined;
  if (!Array.isArray(value) && typeof value !== 'string') {
    throw refusal({ path: [field], issue: 'invalid_type', rule: 'HEADERS', message: 'expected a Message-ID string' });
  }
  return ids.map(bracketed).join(' ');
}

function has(headers: readonly MailHeader[], key: string): boolean {
  return headers.some((header) => header.key.toLowerCase() === key.toLowerCase());
}

/**
 * Collects the message's custom headers: `headers` as given, then the headers nodemailer derives from
 * `priority`, `inReplyTo`, `references` and `xMailer` (unless `headers` already sets them).
 */
export function mapHeaders(data: Readonly<Record<string, unknown>>): MailHeader[] {
  const headers = customHeaders(data.headers);
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && !has(headers, key)) headers.push({ key, value });
  };
  if (data.priority !== undefined && data.priority !== null && data.priority !== '') {
    const priority = PRIORITY_HEADERS[String(data.priority).toLowerCase()];
    if (priority === undefined) {
      throw refusal({
        path: ['priority'],
        issue: 'invalid_type',
        rule: 'HEADERS',
        message: 'expected "high", "normal" or "low"',
      });
    }
    for (const header of priority) add(header.key, header.value);
  }
  add('In-Reply-To', messageIds(data.inReplyTo, 'inReplyTo'));
  add('References', messageIds(data.references, 'references'));
  if (typeof data.xMailer === 'string' && data.xMailer.trim() !== '') add('X-Mailer', data.xMailer);
  return headers;
}
