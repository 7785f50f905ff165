import { randomBytes } from 'node:crypto';
import { SES_EVENT_IDS, type SesEventKind } from '@qcloudmail/core';
import { encodeWords } from '@qcloudmail/core/internal';
import type { StoredMessage } from '../types.js';

/** The JSON object the provider posts for one event, in the field order of its 2025 example (R27, R29). */
export type ProviderPayload = Record<string, string | number>;

/** What one event adds to the message's own fields. */
export interface PayloadEvent {
  event: Exclude<SesEventKind, 'unknown'>;
  recipient: string;
  /** The clock's time of the event, in milliseconds. */
  at: number;
  reason?: string;
  bounceType?: string;
  link?: string;
  userAgent?: string;
}

/** A bulkId in the provider's style (R29): `qcloudses-30-<appId>-date-<yyyymmddhhmmss>-<13 letters>`. */
export function createBulkId(appId: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/[-T:]/g, '');
  const letters = randomBytes(10).toString('base64url').slice(0, 13);
  return `qcloudses-30-${appId}-date-${stamp}-${letters}`;
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7e) return false;
  return true;
}

// The Subject as the message carried it (encoded words kept), unfolded; encoded afresh when it came as raw UTF-8.
function subjectField(message: StoredMessage): string {
  const header = message.parsed.headers.find((entry) => entry.key === 'subject');
  if (header === undefined) return '';
  const colon = header.line.indexOf(':');
  const value = header.line
    .slice(colon + 1)
    .split(/\r?\n/)
    .map((part, index) => (index === 0 ? part : part.replace(/^[ \t]+/, ' ')))
    .join('')
    .trim();
  if (isAscii(value)) return value;
  return encodeWords(message.parsed.subject ?? value).join(' ');
}

function bareMessageId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const trimmed = id.trim();
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * The provider's payload for `event` about `message`: event, email, bulkId, timestamp, reason, bounceType,
 * username (the appId), from, fromDomain, subject (encoded words when not ASCII), messageId (without angle
 * brackets, as the provider sends it), sentTimestamp, eventid, link and useragent where they apply, and the
 * `X-Tencentcloudses-Cb-Custom` field of the 2025 example.
 */
export function providerPayload(message: StoredMessage, bulkId: string, event: PayloadEvent): ProviderPayload {
  const from = message.envelope.from;
  const messageId = bareMessageId(message.parsed.messageId);
  const eventId = SES_EVENT_IDS[event.event];
  const payload: ProviderPayload = {
    event: event.event,
    email: event.recipient,
    bulkId,
    timestamp: Math.floor(event.at / 1000),
    reason: event.reason ?? '',
    bounceType: event.bounceType ?? '',
    username: message.appId,
    from,
    fromDomain: from.slice(from.lastIndexOf('@') + 1),
    subject: subjectField(message),
  };
  if (messageId !== undefined) payload.messageId = messageId;
  payload.sentTimestamp = Math.floor(message.receivedAt.getTime() / 1000);
  if (eventId !== undefined) payload.eventid = eventId;
  if (event.link !== undefined) payload.link = event.link;
  if (event.userAgent !== undefined) payload.useragent = event.userAgent;
  payload['X-Tencentcloudses-Cb-Custom'] = 'ses callback';
  return payload;
}
