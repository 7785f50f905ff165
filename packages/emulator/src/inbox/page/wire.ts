/**
 * The JSON the inbox page reads from the emulator's API, as far as it reads it. The server's own types
 * (`MessageSummary`, `MessageDetail`, `CatalogCode`, `ActiveFault`) must satisfy these: `page-wire.test-d.ts`
 * checks it, so the page and the API cannot drift apart. Types only: nothing here reaches the bundle.
 */

/** One row of `GET /api/messages`. */
export interface WireSummary {
  id: string;
  status: 'accepted' | 'refused';
  receivedAt: string;
  from: string;
  to: string[];
  subject: string | undefined;
  size: number;
  attachments: number;
  reply: string | null;
  reason: string;
  providerCode: string | undefined;
}

/** One lint issue of a verdict. */
export interface WireIssue {
  rule: string;
  code: string;
  path: ReadonlyArray<string | number>;
  message: string;
}

/** What a refusal's reply means, from core's catalog. */
export interface WireExplanation {
  code: string;
  category: string;
  retryable: boolean;
  rule: string | null;
  meaningEn: string;
  meaningZh: string;
  action: string;
  requestId: string | null;
  clientSawReply: boolean;
}

/** One attachment of `GET /api/messages/:id`, with its download URL. */
export interface WireAttachment {
  index: number;
  filename: string;
  contentType: string;
  contentDisposition: string;
  size: number;
  url: string;
}

/** `GET /api/messages/:id`. */
export interface WireDetail extends WireSummary {
  envelope: { from: string; to: string[] };
  user: string;
  appId: string;
  parsed: {
    subject: string | undefined;
    from: string | undefined;
    fromName: string | undefined;
    to: string[];
    cc: string[];
    messageId: string | undefined;
    text: string | undefined;
    headers: Array<{ key: string; line: string }>;
    attachments: WireAttachment[];
  };
  verdict: {
    reason: string;
    reply: string;
    rule?: string | undefined;
    issues: WireIssue[];
    droppedAttachments: string[];
    ignoredHeaders: string[];
  };
  explanation: WireExplanation | null;
  rawUrl: string;
  htmlUrl: string | null;
  events: WireDeliveryEvent[];
}

/** One delivery event of a message's timeline, in `GET /api/messages/:id` and `/events`. */
export interface WireDeliveryEvent {
  id: string;
  event: string;
  recipient: string;
  origin: 'automatic' | 'on-demand';
  url: string | null;
  warning?: string | undefined;
  status: 'scheduled' | 'posting' | 'retrying' | 'posted' | 'failed' | 'unposted' | 'cancelled';
  at: string | null;
  payload: Record<string, string | number> | null;
  attempts: ReadonlyArray<{ at: string; status: number | null; error?: string | undefined }>;
}

/** One rule of `GET /api/rules`: its title, and its link when the emulator was given `rulesBaseUrl`. */
export interface WireRule {
  id: string;
  title: string;
  url: string | null;
}

/** One provider code of `GET /api/catalog`. */
export interface WireCatalogCode {
  code: string;
  category: string;
  meaningEn: string;
  meaningZh: string;
}

/** One active fault of `GET /api/faults` and of the `faults` event. */
export type WireFault = { id: string; remaining: number | 'always' } & (
  | { type: 'provider-error'; code: string }
  | { type: 'reply'; reply?: string | undefined; code?: number | undefined; stage?: string | undefined }
  | { type: 'delay' | 'greeting-delay'; ms: number }
  | { type: 'drop-after-data' | 'drop-before-data' | 'reject-connection' | 'close-during-auth' }
);

/** The fault the page's form posts to `POST /api/faults`. */
export type WireFaultRequest =
  | { type: 'provider-error'; code: string; count: number | 'always' }
  | { type: 'reply'; code: number; stage: string; count: number | 'always' }
  | { type: string; count: number | 'always' };
