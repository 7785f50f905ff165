import { explainMessage, type ReplyExplanation } from './explain-reply.js';
import type { DeliveryEventRecord, StoredMessage } from './types.js';

/** One line of the message list: enough to show an inbox row. */
export interface MessageSummary {
  id: string;
  status: StoredMessage['status'];
  receivedAt: string;
  from: string;
  to: string[];
  subject: string | undefined;
  size: number;
  attachments: number;
  reply: string | null;
  reason: StoredMessage['verdict']['reason'];
  providerCode: string | undefined;
  user: string;
  appId: string;
}

/** One message in full, without the raw bytes and attachment contents (they have their own URLs). */
export interface MessageDetail extends MessageSummary {
  envelope: StoredMessage['envelope'];
  /** When the final dot arrived, and when the reply was handed to the connection (null: none, or not yet). */
  dataEndAt: string;
  repliedAt: string | null;
  parsed: Omit<StoredMessage['parsed'], 'attachments'> & {
    attachments: Array<{
      index: number;
      filename: string;
      contentType: string;
      contentDisposition: string;
      size: number;
      url: string;
    }>;
  };
  verdict: StoredMessage['verdict'];
  /** What a refusal's reply means (core's reply parser and catalog); null for accepted messages. */
  explanation: ReplyExplanation | null;
  rawUrl: string;
  /** The HTML body under a strict Content-Security-Policy, null when the message has none. */
  htmlUrl: string | null;
  /** The delivery events of the message, oldest first (R27, R28); empty for a refused one. */
  events: DeliveryEventView[];
}

/** One delivery event as the API sends it: dates as ISO strings. */
export interface DeliveryEventView extends Omit<DeliveryEventRecord, 'at' | 'attempts'> {
  at: string | null;
  attempts: Array<{ at: string; status: number | null; error?: string }>;
}

/** The JSON view of one delivery event. */
export function toEventView(record: DeliveryEventRecord): DeliveryEventView {
  return {
    ...record,
    at: record.at?.toISOString() ?? null,
    attempts: record.attempts.map((attempt) => ({ ...attempt, at: attempt.at.toISOString() })),
  };
}

/** The list view of a stored message. */
export function toSummary(message: StoredMessage): MessageSummary {
  return {
    id: message.id,
    status: message.status,
    receivedAt: message.receivedAt.toISOString(),
    from: message.envelope.from,
    to: message.envelope.to,
    subject: message.parsed.subject,
    size: message.size,
    attachments: message.parsed.attachments.length,
    reply: message.reply,
    reason: message.verdict.reason,
    providerCode: message.verdict.providerCode,
    user: message.user,
    appId: message.appId,
  };
}

/** The detail view of a stored message, with the URLs of its raw form and attachments under `base`. */
export function toDetail(message: StoredMessage, base = '/api/messages'): MessageDetail {
  const self = `${base}/${encodeURIComponent(message.id)}`;
  return {
    ...toSummary(message),
    envelope: message.envelope,
    dataEndAt: message.dataEndAt.toISOString(),
    repliedAt: message.repliedAt?.toISOString() ?? null,
    parsed: {
      ...message.parsed,
      attachments: message.parsed.attachments.map((attachment, index) => ({
        index,
        filename: attachment.filename,
        contentType: attachment.contentType,
        contentDisposition: attachment.contentDisposition,
        size: attachment.size,
        url: `${self}/attachments/${index}`,
      })),
    },
    verdict: message.verdict,
    explanation: explainMessage(message),
    rawUrl: `${self}/raw`,
    htmlUrl: message.parsed.html === undefined ? null : `${self}/html`,
    events: message.events.map(toEventView),
  };
}
