import { randomUUID } from 'node:crypto';
import { lookupErrorCode } from '@qcloudmail/core';
import { renderSesReply, SES_REPLIES, SMTP_RATE_LIMIT_ERROR } from '@qcloudmail/core/internal';

/** An error handed to smtp-server's callbacks: it answers `responseCode` followed by `message`. */
export interface SmtpReplyError extends Error {
  responseCode: number;
}

/**
 * The emulator's own refusal of bare CR or LF in DATA. The service's reaction is undocumented; refusing keeps
 * `\n.\n` and `\r.\r` smuggling attempts and non-CRLF line endings from passing unnoticed (RFC 5322).
 */
export const BARE_LINE_ENDING_REPLY =
  '554 5.0.0 Error: transaction failed, blame it on the weather: smtp: bare CR or LF in message data';

const DEFAULT_TEXT: Record<number, string> = {
  421: SES_REPLIES.busy,
  535: SES_REPLIES.authFailed,
  552: SES_REPLIES.tooLarge,
};

/** Turns a full reply line (`554 5.0.0 ...`) into the error smtp-server sends back word for word. */
export function replyError(reply: string): SmtpReplyError {
  const match = /^(\d{3})[ -]?(.*)$/s.exec(reply);
  const error = new Error(match?.[2] ?? reply) as SmtpReplyError;
  error.responseCode = Number(match?.[1] ?? 554);
  return error;
}

/** The reply of a fault given only a code: the service's own wording where it has one (R21). */
export function replyForCode(code: number): string {
  return DEFAULT_TEXT[code] ?? `${code} ${Math.floor(code / 100)}.0.0 Error: emulated failure`;
}

/** What a `reply` fault answers: its own line, else the wording for its code (421 when it has neither, R21). */
export function faultReply(fault: { reply?: string | undefined; code?: number | undefined }): string {
  return fault.reply ?? replyForCode(fault.code ?? 421);
}

/** A business error reply with a fresh RequestId (R16); the message defaults to the catalog's meaning. */
export function providerReply(
  providerCode: string,
  message?: string,
): { reply: string; requestId: string; providerCode: string } {
  const requestId = randomUUID();
  const text =
    message ??
    (providerCode === SMTP_RATE_LIMIT_ERROR.providerCode
      ? SMTP_RATE_LIMIT_ERROR.message
      : lookupErrorCode(providerCode).meaningEn);
  return { reply: renderSesReply({ providerCode, message: text, requestId }), requestId, providerCode };
}
