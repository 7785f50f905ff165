import { defaultNodemailerCode } from './nodemailer-code.js';
import type { MailIssue } from '../model/issues.js';
import type { RuleId } from '../rules.js';
import type { NodemailerErrorCode, QcloudMailErrorCategory, QcloudMailErrorCode } from './error-codes.js';
import { scrubSecrets } from './scrub-secrets.js';
import { sentence } from './sentences.js';
import type { TemplateErrorDetails } from './template-error-details.js';

export type { NodemailerErrorCode, QcloudMailErrorCategory, QcloudMailErrorCode } from './error-codes.js';
export type { TemplateErrorDetails } from './template-error-details.js';

/** Everything a `QcloudMailError` can be constructed with; only `code` and `message` are required. */
export interface QcloudMailErrorOptions {
  code: QcloudMailErrorCode;
  message: string;
  category?: QcloudMailErrorCategory;
  rule?: RuleId;
  issues?: readonly MailIssue[];
  retryable?: boolean;
  retryAfterMs?: number;
  providerCode?: string;
  requestId?: string;
  messageZh?: string;
  /** What the user should do about it, in one English sentence. */
  action?: string;
  nodemailerCode?: NodemailerErrorCode;
  response?: string;
  responseCode?: number;
  command?: string;
  /** For a `TEMPLATE` error: the template, the engine, and the line and variable where known. */
  details?: TemplateErrorDetails;
  cause?: unknown;
}

const BRAND = Symbol.for('@qcloudmail/core/QcloudMailError');

const DEFAULT_CATEGORY: Record<QcloudMailErrorCode, QcloudMailErrorCategory> = {
  VALIDATION: 'validation',
  // A delivery-event callback body the parser refused (R27): the sender of the body has to fix it.
  INVALID_EVENT: 'validation',
  CONFIGURATION: 'configuration',
  AUTH: 'auth',
  RATE_LIMIT: 'rate_limit',
  PROVIDER: 'unknown',
  CONNECTION: 'connection',
  TIMEOUT: 'timeout',
  OUTCOME_UNKNOWN: 'connection',
  ABORTED: 'unknown',
  CLOSED: 'configuration',
  SUPPRESSED: 'recipient',
  // A template that needs what the context lacks is the caller's to fix; a broken template file says configuration.
  TEMPLATE: 'content',
  UNKNOWN: 'unknown',
};

/**
 * The one error class of qcloudmail: a stable `code`, a `category`, whether and when to retry,
 * the provider's code and request id, and nodemailer's fields (`response`, `responseCode`, `command`).
 */
export class QcloudMailError extends Error {
  override readonly name = 'QcloudMailError';
  readonly code: QcloudMailErrorCode;
  readonly category: QcloudMailErrorCategory;
  readonly rule: RuleId | undefined;
  readonly issues: readonly MailIssue[];
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly providerCode: string | undefined;
  readonly requestId: string | undefined;
  /** The provider's meaning in Chinese, where the catalog knows it. */
  readonly messageZh: string | undefined;
  /** What the user should do about it, where known. */
  readonly action: string | undefined;
  /** The code nodemailer would have used for the same failure. */
  readonly nodemailerCode: NodemailerErrorCode | undefined;
  readonly response: string | undefined;
  readonly responseCode: number | undefined;
  readonly command: string | undefined;
  /** For a `TEMPLATE` error: the template, the engine, and the line and variable where known. */
  readonly details: TemplateErrorDetails | undefined;

  constructor(options: QcloudMailErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.category = options.category ?? DEFAULT_CATEGORY[options.code];
    this.rule = options.rule;
    this.issues = options.issues ?? [];
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode = options.providerCode;
    this.requestId = options.requestId;
    this.messageZh = options.messageZh;
    this.action = options.action;
    this.nodemailerCode = options.nodemailerCode ?? defaultNodemailerCode(options.code, options.issues);
    // Credentials never enter the error: a failed AUTH command would otherwise carry its payload (R4).
    this.response = scrubSecrets(options.response);
    this.responseCode = options.responseCode;
    this.command = scrubSecrets(options.command);
    this.details = options.details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain, log-safe view: never the credentials, never the raw message. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      category: this.category,
      message: scrubSecrets(this.message),
      rule: this.rule,
      issues: this.issues,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      providerCode: this.providerCode,
      requestId: this.requestId,
      messageZh: this.messageZh,
      action: this.action,
      nodemailerCode: this.nodemailerCode,
      response: scrubSecrets(this.response),
      responseCode: this.responseCode,
      command: scrubSecrets(this.command),
      details: this.details,
    };
  }

  // Brand check so that two installed copies of the package still recognise each other's errors.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== QcloudMailError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return isQcloudMailError(value);
  }
}

/** True for a `QcloudMailError`, also when it comes from another installed copy of the package. */
export function isQcloudMailError(value: unknown): value is QcloudMailError {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  } catch {
    // A proxy or getter that throws is not one of ours; error handling must not throw.
    return false;
  }
}

/** What `outcomeUnknownError` needs: what happened, and what else the caller may do. */
export interface OutcomeUnknownDetails {
  /** What happened, as a sentence without its final period, e.g. "The connection ended after the final dot". */
  reason: string;
  /** One more step for the caller after the check, e.g. the outbox's `resolveUnknown`. */
  next?: string;
  nodemailerCode?: NodemailerErrorCode;
  command?: string;
  cause?: unknown;
}

const CHECK_FIRST =
  "Check the recipient's inbox or the delivery status (GetSendEmailStatus, R15) before sending it again";

/**
 * The one builder of `OUTCOME_UNKNOWN` (R19): the message may have been accepted, so it is never retried on its
 * own and the caller checks before sending it again. Every package builds this error here, so that no two say it
 * differently.
 */
export function outcomeUnknownError(details: OutcomeUnknownDetails): QcloudMailError {
  const next = details.next === undefined ? '' : `, then ${details.next}`;
  return new QcloudMailError({
    code: 'OUTCOME_UNKNOWN',
    category: 'connection',
    rule: 'R19',
    retryable: false,
    message: `${details.reason}: the service may have accepted it (R19). ${CHECK_FIRST}; it was not retried automatically.`,
    // `next` may come with its own period: the action ends with exactly one.
    action: sentence(`${CHECK_FIRST}${next}`),
    ...(details.nodemailerCode === undefined ? {} : { nodemailerCode: details.nodemailerCode }),
    ...(details.command === undefined ? {} : { command: details.command }),
    cause: details.cause,
  });
}
