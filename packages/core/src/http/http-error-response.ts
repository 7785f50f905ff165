import { QcloudMailPartialSendError } from '../client/partial-failure.js';
import type { MailIssue } from '../model/issues.js';
import { boundedDetails } from '../templates/template-error.js';
import type { SuppressionReason } from '../suppression/types.js';
import type {
  QcloudMailError,
  QcloudMailErrorCategory,
  QcloudMailErrorCode,
  TemplateErrorDetails,
} from '../errors/qcloud-mail-error.js';

/** The JSON body that HTTP adapters answer a failed send with. */
export interface HttpErrorBody {
  error: {
    code: QcloudMailErrorCode;
    category: QcloudMailErrorCategory;
    message: string;
    issues?: readonly MailIssue[];
    retryable: boolean;
    retryAfterMs?: number;
    providerCode?: string;
    requestId?: string;
    /** For a `TEMPLATE` error the caller can fix (a missing variable): the template, engine, line and variable. */
    details?: TemplateErrorDetails;
    /** For a `split` or `chunk` send that failed part-way: what went out (never to be sent again) and what did not. */
    partial?: {
      sent: Array<{ messageId: string; to: string[] }>;
      failed: Array<{ to: string[]; code: QcloudMailErrorCode; category: QcloudMailErrorCategory }>;
      /** Recipients left out as suppressed (R30), never sent to; absent when none was. */
      suppressed?: Array<{ address: string; reason: SuppressionReason }>;
    };
  };
}

/** An HTTP status, headers and JSON body for one `QcloudMailError`. */
export interface HttpErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: HttpErrorBody;
}

// Failures on the server's side get a fixed sentence: their own messages can name hosts, ports or
// provider internals, and for auth and configuration they would tell a caller how the service is set up.
const SERVER_SIDE_MESSAGE: Partial<Record<QcloudMailErrorCategory, string>> = {
  auth: 'The mail service is not configured correctly.',
  configuration: 'The mail service is not configured correctly.',
  quota: 'The mail account has no sending quota left; try again after it is reset.',
  service: 'The mail service is temporarily unavailable; try again later.',
  connection: 'The mail service could not be reached; try again later.',
  timeout: 'The mail service did not answer in time; try again later.',
  unknown: 'The message could not be sent.',
};

const OUTCOME_UNKNOWN_MESSAGE =
  'The connection to the mail service broke after the message was uploaded; it may have been accepted.';
const CLOSED_MESSAGE = 'The mail client is shutting down; try again later.';

/** When the caller gave no hint, one second: the account limit (R5) counts per second. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * The HTTP status for an error. Problems the caller can fix in the request (validation, content, recipient,
 * sender) are 422; rate limits 429; trouble on the server's side that passes (service, connection, timeout,
 * an exhausted quota, a closing client, an unknown outcome) 503; auth and configuration 500 since only the
 * operator can fix them; a provider error of unknown kind 502; a delivery-event body the parser refused 400.
 */
export function httpStatusOf(error: QcloudMailError): number {
  // A callback body that is no event (R27) is a bad request, not a message that breaks a rule.
  if (error.code === 'INVALID_EVENT') return 400;
  if (error.code === 'OUTCOME_UNKNOWN' || error.code === 'CLOSED' || error.code === 'ABORTED') return 503;
  switch (error.category) {
    case 'validation':
    case 'content':
    case 'recipient':
    case 'sender':
      return 422;
    case 'rate_limit':
      return 429;
    case 'auth':
    case 'configuration':
      return 500;
    case 'quota':
    case 'service':
    case 'connection':
    case 'timeout':
      return 503;
    default:
      return error.code === 'PROVIDER' ? 502 : 500;
  }
}

function publicMessage(error: QcloudMailError, status: number): string {
  if (error.code === 'OUTCOME_UNKNOWN') return OUTCOME_UNKNOWN_MESSAGE;
  if (error.code === 'CLOSED') return CLOSED_MESSAGE;
  if (status < 500) return error.message;
  return SERVER_SIDE_MESSAGE[error.category] ?? 'The message could not be sent.';
}

function partialOf(error: QcloudMailError): HttpErrorBody['error']['partial'] {
  if (!(error instanceof QcloudMailPartialSendError)) return undefined;
  return {
    sent: error.sent.map((result) => ({ messageId: result.messageId, to: [...result.envelope.to] })),
    failed: error.failures.map((failure) => ({
      to: [...failure.to],
      code: failure.error.code,
      category: failure.error.category,
    })),
    ...(error.suppressed.length === 0
      ? {}
      : { suppressed: error.suppressed.map((entry) => ({ address: entry.address, reason: entry.reason })) }),
  };
}

/**
 * Maps a `QcloudMailError` to the status, headers and JSON body an HTTP adapter answers with: never a
 * credential, a stack, a `cause` or a raw SMTP reply; for auth and configuration nothing but the code.
 */
export function toHttpErrorResponse(error: QcloudMailError): HttpErrorResponse {
  const status = httpStatusOf(error);
  const confidential = error.category === 'auth' || error.category === 'configuration';
  const headers: Record<string, string> = {};
  const retryAfterMs = status === 429 ? (error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) : error.retryAfterMs;
  if ((status === 429 || status === 503) && retryAfterMs !== undefined) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
  const body: HttpErrorBody['error'] = {
    code: error.code,
    category: error.category,
    message: publicMessage(error, status),
    retryable: error.retryable,
  };
  if (!confidential) {
    if (error.issues.length > 0) body.issues = error.issues.map((issue) => ({ ...issue, path: [...issue.path] }));
    if (retryAfterMs !== undefined) body.retryAfterMs = retryAfterMs;
    if (error.providerCode !== undefined) body.providerCode = error.providerCode;
    if (error.requestId !== undefined) body.requestId = error.requestId;
    if (error.details !== undefined) body.details = boundedDetails(error.details);
    const partial = partialOf(error);
    if (partial !== undefined) body.partial = partial;
  }
  return { status, headers, body: { error: body } };
}
