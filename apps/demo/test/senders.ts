import {
  createMailClient,
  isQcloudMailError,
  type MailClientOptions,
  type MailMessageInput,
  type QcloudMailError,
  type RawEnvelope,
} from '@qcloudmail/core';
import { qcloudmailTransport } from '@qcloudmail/nodemailer';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startExpressApp } from '../src/express-app.js';
import { postJson } from '../src/http-app.js';
import { startNestApp } from '../src/nest-app.js';

/** What a failed send surfaces, reduced to the fields every way to send must agree on. */
export interface SenderFailure {
  code: string;
  category: string;
  /** Undefined where the sender cannot show it: an HTTP answer carries the issues' rules, not the error's. */
  rule: string | undefined;
  retryable: boolean;
  retryAfterMs: number | undefined;
  providerCode: string | undefined;
  issues: Array<{ code: string; rule: string; path: Array<string | number> }>;
}

/** One send's outcome: the Message-ID, or the failure. */
export type SendAttempt = { ok: true; messageId: string } | { ok: false; failure: SenderFailure };

/** One way to send, as the conformance suite drives it. */
export interface Sender {
  send(message: MailMessageInput): Promise<SendAttempt>;
  /** Sends a message built elsewhere (core's `sendRaw`); absent where the door takes structured messages only. */
  sendRaw?(raw: string, envelope?: RawEnvelope): Promise<SendAttempt>;
  close(): Promise<void>;
  /** False when failures arrive as an HTTP answer, which has no top-level `rule`. */
  exposesRule: boolean;
}

/** Creates a sender for the given client options (endpoint, login, retry off). */
export type SenderFactory = (client: MailClientOptions) => Promise<Sender>;

function issuesOf(issues: ReadonlyArray<{ code: string; rule: string; path: ReadonlyArray<string | number> }>) {
  return issues.map((issue) => ({ code: issue.code, rule: issue.rule, path: [...issue.path] }));
}

/** The comparable fields of a thrown `QcloudMailError`; anything else thrown is a bug of the adapter. */
export function failureOf(error: unknown): SenderFailure {
  if (!isQcloudMailError(error)) throw new Error(`expected a QcloudMailError, got ${String(error)}`);
  const mailError: QcloudMailError = error;
  return {
    code: mailError.code,
    category: mailError.category,
    rule: mailError.rule,
    retryable: mailError.retryable,
    retryAfterMs: mailError.retryAfterMs,
    providerCode: mailError.providerCode,
    issues: issuesOf(mailError.issues),
  };
}

async function attempt(send: () => Promise<{ messageId: string }>): Promise<SendAttempt> {
  try {
    return { ok: true, messageId: (await send()).messageId };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  }
}

/** The message as JSON for an HTTP route: bytes as base64 with `encoding: 'base64'`, the date as ISO text. */
export function messageAsJson(message: MailMessageInput): Record<string, unknown> {
  const attachments = message.attachments?.map((attachment) =>
    !(attachment.content instanceof Uint8Array)
      ? attachment
      : { ...attachment, content: Buffer.from(attachment.content).toString('base64'), encoding: 'base64' },
  );
  const date = message.date instanceof Date ? message.date.toISOString() : message.date;
  return JSON.parse(JSON.stringify({ ...message, attachments, date })) as Record<string, unknown>;
}

/** core's client itself. */
export const coreSender: SenderFactory = async (client) => {
  const mail = createMailClient(client);
  return {
    send: (message) => attempt(() => mail.send(message)),
    sendRaw: (raw, envelope) => attempt(() => mail.sendRaw(raw, envelope)),
    close: () => mail.close(),
    exposesRule: true,
  };
};

/** A nodemailer transporter over `qcloudmailTransport`. */
export const nodemailerSender: SenderFactory = async (client) => {
  const transport = qcloudmailTransport(client);
  const transporter = nodemailer.createTransport(transport);
  return {
    send: (message) =>
      attempt(async () => (await transporter.sendMail(message as SendMailOptions)) as { messageId: string }),
    sendRaw: (raw, envelope) =>
      attempt(async () => (await transporter.sendMail({ raw, envelope } as SendMailOptions)) as { messageId: string }),
    close: () => transport.close(),
    exposesRule: true,
  };
};

/** `QcloudMailService` of the demo's running NestJS application, taken from its container. */
export const nestSender: SenderFactory = async (client) => {
  const app = await startNestApp(client);
  return {
    send: (message) => attempt(() => app.mailer.send(message)),
    // The service wraps no raw send: its `client` is the door Nest users have for one.
    sendRaw: (raw, envelope) => attempt(() => app.mailer.client.sendRaw(raw, envelope)),
    close: () => app.close(),
    exposesRule: true,
  };
};

/** The demo's Express application: `req.mail` behind `POST /send`, failures answered by `mailErrorHandler`. */
export const expressSender: SenderFactory = async (client) => {
  const app = await startExpressApp(client);
  return {
    async send(message) {
      const { status, body } = await postJson(`${app.url}/send`, messageAsJson(message));
      if (status === 202) return { ok: true, messageId: (body as { messageId: string }).messageId };
      const error = (body as { error: Omit<SenderFailure, 'rule' | 'issues'> & { issues?: SenderFailure['issues'] } })
        .error;
      return {
        ok: false,
        failure: {
          code: error.code,
          category: error.category,
          rule: undefined,
          retryable: error.retryable,
          retryAfterMs: error.retryAfterMs,
          providerCode: error.providerCode,
          issues: issuesOf(error.issues ?? []),
        },
      };
    },
    close: () => app.close(),
    exposesRule: false,
  };
};
