import { QcloudMailError } from '@qcloudmail/core';
import { httpFailure } from '../http-failure.js';
import type { StoredMessage } from '../types.js';
import { isOnDemandEvent, type OnDemandEventName } from './address-rules.js';

/** An on-demand event, checked: `POST /api/messages/:id/events` or `emulator.triggerEvent`. */
export interface OnDemandEvent {
  event: OnDemandEventName;
  recipient: string;
  /** The clicked link (click only). */
  link?: string;
  /** The reader's user agent (open and click only). */
  userAgent?: string;
}

/** What a caller may ask for: the event, and the recipient when the message has several. */
export interface OnDemandEventRequest {
  event: OnDemandEventName;
  recipient?: string;
  link?: string;
  userAgent?: string;
}

const KEYS = new Set(['event', 'recipient', 'link', 'userAgent']);
const MAX_LINK = 2048;
const MAX_USER_AGENT = 512;
const FALLBACK_LINK = 'https://example.com/';
const DEFAULT_USER_AGENT = 'Mozilla/5.0 (qcloudmail emulator)';
// The first link looked for among this many characters of the HTML body.
const LINK_SCAN_LIMIT = 256 * 1024;

function invalid(field: string, message: string): QcloudMailError {
  return new QcloudMailError({ code: 'VALIDATION', message: `${field}: ${message} (R28)` });
}

function optionalText(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > max) {
    throw invalid(field, `must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

/** The first `href` of the HTML body that is an http(s) URL, by a hand scan (linear, no regex). */
export function firstLink(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  const text = html.slice(0, LINK_SCAN_LIMIT);
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf('href=', from);
    if (at < 0) return undefined;
    from = at + 5;
    const quote = text[from];
    if (quote !== '"' && quote !== "'") continue;
    const end = text.indexOf(quote, from + 1);
    if (end < 0) return undefined;
    const value = text.slice(from + 1, end).trim();
    const scheme = value.slice(0, 8).toLowerCase();
    if ((scheme.startsWith('http://') || scheme === 'https://') && value.length <= MAX_LINK) return value;
    from = end + 1;
  }
}

/**
 * Checks an on-demand event for `message`: an accepted message, an event of open, click, unsubscribe or
 * spamreport, a recipient of its envelope (optional when it has one), and for a click a link (by default the
 * first link of its HTML). Unknown fields are refused, not ignored.
 */
export function parseOnDemandEvent(message: StoredMessage, input: unknown): OnDemandEvent {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('body', 'must be a JSON object such as {"event":"open","recipient":"a@example.com"}');
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!KEYS.has(key))
      throw invalid(key.slice(0, 64), 'is not a field of an event request (event, recipient, link, userAgent)');
  }
  if (!isOnDemandEvent(body.event)) throw invalid('event', 'must be open, click, unsubscribe or spamreport');
  const event = body.event;
  if (message.status !== 'accepted') {
    throw httpFailure(409, `Message ${message.id} was refused; only accepted mail has delivery events (R15, R28)`);
  }
  const given = optionalText(body, 'recipient', 320);
  const recipients = message.envelope.to;
  let recipient: string;
  if (given === undefined) {
    if (recipients.length !== 1) throw invalid('recipient', 'is required when the message has several recipients');
    recipient = recipients[0] as string;
  } else {
    const match = recipients.find((entry) => entry.toLowerCase() === given.toLowerCase());
    if (match === undefined) throw invalid('recipient', 'is not a recipient of the message');
    recipient = match;
  }
  const link = optionalText(body, 'link', MAX_LINK);
  const userAgent = optionalText(body, 'userAgent', MAX_USER_AGENT);
  if (link !== undefined && event !== 'click') throw invalid('link', 'belongs to click events only');
  if (userAgent !== undefined && event !== 'open' && event !== 'click') {
    throw invalid('userAgent', 'belongs to open and click events only');
  }
  const result: OnDemandEvent = { event, recipient };
  if (event === 'click') result.link = link ?? firstLink(message.parsed.html) ?? FALLBACK_LINK;
  if (event === 'open' || event === 'click') result.userAgent = userAgent ?? DEFAULT_USER_AGENT;
  return result;
}
