import type { MailIssueCode } from '../model/issues.js';
import type { RuleId } from '../rules.js';
import type { SmtpReplyParts } from './split-reply.js';
import type { SesReplyCategory } from './types.js';

/** The judgement of a reply without `##SES-response-json:` (R15, R18, R21). */
export interface TextClassification {
  code: string;
  issueCode: MailIssueCode | null;
  category: SesReplyCategory;
  retryable: boolean;
  retryAfterMs: number | null;
  rule: RuleId | null;
  action: string;
}

function judge(
  code: string,
  category: SesReplyCategory,
  retryAfterMs: number | null,
  rule: RuleId | null,
  action: string,
  issueCode: MailIssueCode | null = null,
): TextClassification {
  return { code, issueCode, category, retryable: retryAfterMs !== null, retryAfterMs, rule, action };
}

const LINE_TOO_LONG = judge(
  'line_too_long',
  'content',
  null,
  'SIZES',
  'A body line exceeds 2000 characters; encode the body (quoted-printable or base64) so that no line exceeds 998 octets.',
  'line_too_long',
);
const AUTH_FAILED = judge(
  'auth_failed',
  'auth',
  null,
  'R21',
  'Log in with a sender address configured in the console and the SMTP password set for it (R4); never retry with the same credentials.',
);

function classifyReply(code: number, text: string): TextClassification {
  if (code >= 200 && code < 400) {
    const name = code === 250 ? 'accepted' : code >= 300 ? 'continue' : 'ok';
    return judge(
      name,
      'success',
      null,
      'R15',
      'Nothing to do: the service accepted it; delivery is reported separately (R15).',
    );
  }
  if (code === 535 || code === 454) return AUTH_FAILED;
  if (code === 530 || (code === 502 && /authenticat/i.test(text))) {
    return judge('auth_required', 'auth', null, 'R4', 'Authenticate (AUTH PLAIN or LOGIN) before MAIL FROM (R4).');
  }
  if (code === 552) {
    return judge(
      'message_too_large',
      'content',
      null,
      'SIZES',
      'Keep the whole message under 10 MiB on the wire and attachments under 8 MiB of decoded bytes.',
      'message_too_large',
    );
  }
  if (code === 421) {
    if (/too busy/i.test(text)) {
      return judge('service_busy', 'service', 5_000, 'R21', 'The service is busy; send again after a few seconds.');
    }
    if (/internal server error/i.test(text)) {
      return judge('internal_error', 'service', 1_000, 'R21', 'The service failed internally; send again shortly.');
    }
    return judge('service_unavailable', 'service', 5_000, 'R21', 'The service closed the session; send again later.');
  }
  if (code >= 400 && code < 500) {
    return judge('temporary_failure', 'service', 5_000, 'R21', 'A temporary failure of the service; send again later.');
  }
  return judge('rejected', 'unknown', null, null, 'The service refused the command; read its reply text.');
}

/** Judges a reply that carries no JSON by its code and text; never throws. */
export function classifyText(parts: SmtpReplyParts): TextClassification {
  const { smtpCode, text } = parts;
  if (/too longer line/i.test(text)) return LINE_TOO_LONG;
  if (smtpCode !== null) return classifyReply(smtpCode, text);
  if (text === '')
    return judge('empty_reply', 'unknown', null, null, 'No reply text was received; see the error it came with.');
  if (/\bEOF\b|broken pipe|EPIPE|ECONNRESET|connection reset|connection closed|socket hang up/i.test(text)) {
    return judge(
      'connection_lost',
      'connection',
      1_000,
      'R18',
      'The connection broke; if it happens with a large message, keep it under 10 MiB and lines under 998 octets before sending again (R18).',
    );
  }
  if (/timed? ?out|ETIMEDOUT/i.test(text)) {
    return judge('timeout', 'timeout', 1_000, null, 'The service did not answer in time; send again later.');
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|connection refused|no such host/i.test(text)) {
    return judge(
      'connect_failed',
      'connection',
      5_000,
      'R1',
      'Check host and port (R1, R2) and the network, then send again.',
    );
  }
  if (/handshake|certificate|\btls\b|\bssl\b/i.test(text)) {
    return judge(
      'tls_failed',
      'connection',
      null,
      'R3',
      'The TLS handshake failed; keep verification on, connect with implicit TLS on 465, and cap at TLS 1.2 if an alert mentions the protocol (R3).',
    );
  }
  return judge('unknown', 'unknown', null, null, 'qcloudmail does not recognise this reply; read its text.');
}
