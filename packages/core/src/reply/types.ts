import type { QcloudMailErrorCategory } from '../errors/qcloud-mail-error.js';
import type { MailIssueCode } from '../model/issues.js';
import type { RuleId } from '../rules.js';

/** The retry judgement the provider's error list gives a code (`ses-error-codes.tsv`). */
export type TsvRetryJudgement = 'yes' | 'no' | 'maybe';

/** One code of the SendEmail API or the SMTP gateway, with what it means and what to do about it (R17, R24). */
export interface SesErrorCodeInfo {
  /** The provider's code, such as `FailedOperation.EmailAddrInBlacklist`. */
  code: string;
  category: QcloudMailErrorCategory;
  /** Whether sending the same message again, later, can succeed (R24). */
  retryable: boolean;
  /** How long to wait before that retry; null when not retryable or when any short back-off will do. */
  retryAfterMs: number | null;
  /** The provider's English meaning, word for word from its error list. */
  meaningEn: string;
  /** The provider's Chinese meaning, word for word from its error list. */
  meaningZh: string;
  /** What the sender should do about it. */
  action: string;
  /** The rule of the service the code belongs to. */
  rule: RuleId;
  /** The provider list's own retry judgement and category, kept for audit. */
  source: { retryable: TsvRetryJudgement; category: string };
  /** False when the code is not in the list and the entry was derived from its prefix (R24). */
  known: boolean;
}

/** A category of a reply: one of the error categories, or `success` for 2xx/3xx replies. */
export type SesReplyCategory = QcloudMailErrorCategory | 'success';

/** Everything `parseSesReply` recovers from one SMTP reply of the service (R16-R21, R24). */
export interface ParsedSesReply {
  /** True for 2xx and 3xx replies (R15). */
  ok: boolean;
  /** The three-digit SMTP code, null when the text carries none (EOF, broken pipe). */
  smtpCode: number | null;
  /** The RFC 3463 enhanced status such as `5.0.0`. */
  enhancedStatus: string | null;
  /**
   * A stable code: the validator's issue code for the R17 content errors (`from_required`, ...), the provider's
   * code for other business errors, or a snake_case code for replies without JSON (`auth_failed`, `accepted`).
   */
  code: string;
  /** The validator's issue code when the service refused the message for a reason local validation also checks. */
  issueCode: MailIssueCode | null;
  /** The code inside `##SES-response-json:` (R16), null for replies without JSON. */
  providerCode: string | null;
  /** The provider's message as sent, or the reply's text; may be Chinese (R16's own example is). */
  message: string;
  /** The Chinese meaning from the provider's error list, or the provider's message when it is Chinese. */
  messageZh: string | null;
  requestId: string | null;
  category: SesReplyCategory;
  retryable: boolean;
  retryAfterMs: number | null;
  rule: RuleId | null;
  /** What the sender should do about it, in one English sentence. */
  action: string;
}
