// Hand-written judgements that turn the provider's error list into qcloudmail's catalog: how each TSV category
// maps onto QcloudMailErrorCategory, how each "maybe" is decided (R24), how long to wait, which rule a code
// belongs to and what the sender should do. `generate-error-catalog.ts` merges them with the TSV.
import type { QcloudMailErrorCategory } from '../src/errors/qcloud-mail-error.js';
import type { RuleId } from '../src/rules.js';

/** TSV categories that are already error categories map onto themselves; `other` needs a decision per code. */
export const OTHER_CATEGORY: Record<string, QcloudMailErrorCategory> = {
  FailedOperation: 'unknown',
  'FailedOperation.SendEmailErr': 'service',
  ResourceInUse: 'service',
};
/** Most `other` codes are API calls the account cannot make as configured. */
export const OTHER_DEFAULT: QcloudMailErrorCategory = 'configuration';

/** Every "maybe" of the list, decided: retry only when waiting can change the answer (R24). */
export const MAYBE_RETRYABLE: Record<string, boolean> = {
  // R24: plain FailedOperation is "other, not retryable"; the message tells the cause (R17).
  FailedOperation: false,
  // The daily cap (R25) resets tomorrow; an automatic retry would only burn attempts.
  'FailedOperation.ExceedSendLimit': false,
  // The same-recipient limit (R6) frees up within its hour window.
  'FailedOperation.FrequencyLimit': true,
  // Retrying while blocked for rejections adds rejections.
  'FailedOperation.HighRejectionRate': false,
  'OperationDenied.ReceiverIsOperating': true,
  'OperationDenied.ReceiverStatusError': false,
  ResourceInsufficient: true,
  ResourceUnavailable: false,
  // Credentials failures are never retried (R21), even the clock-skew one.
  'AuthFailure.SignatureExpire': false,
  'AuthFailure.TokenFailure': false,
  ResourceInUse: true,
};

/** Waits before a retry, by exact code, then by prefix (R6, R7, R24). */
export const RETRY_AFTER_MS: Record<string, number> = {
  'FailedOperation.FrequencyLimit': 3_600_000,
  'FailedOperation.TemporaryBlocked': 600_000,
  'FailedOperation.ServiceNotAvailable': 5_000,
  'OperationDenied.ReceiverIsOperating': 60_000,
  ResourceInsufficient: 5_000,
  ResourceInUse: 5_000,
  ServiceUnavailable: 5_000,
  InternalError: 5_000,
  RequestLimitExceeded: 1_000,
};

/** The rule a code belongs to; codes not listed belong to R24 (the catalog of codes). */
export const RULES: Record<string, RuleId> = {
  'RequestLimitExceeded.SmtpRateLimit': 'R7',
  'FailedOperation.FrequencyLimit': 'R6',
  'FailedOperation.ExceedSendLimit': 'R25',
  'FailedOperation.EmailAddrInBlacklist': 'R25',
  'FailedOperation.MissingEmailContent': 'R10',
  'FailedOperation.TooManyRecipients': 'R8',
  'FailedOperation.TooManyAttachments': 'SIZES',
  'FailedOperation.AttachContentToolarge': 'SIZES',
  'FailedOperation.EmailContentToolarge': 'SIZES',
  'FailedOperation.InvalidAttachName': 'R22',
  'InvalidParameterValue.AttachContentIsWrong': 'R13',
  'InvalidParameterValue.SubjectLengthError': 'R23',
  'InvalidParameterValue.IllegalSenderName': 'R23',
  'InvalidParameterValue.InvalidSmtpPassWord': 'R4',
  'FailedOperation.NotAuthenticatedSender': 'R4',
  'InvalidParameterValue.NoSuchSender': 'R4',
  'OperationDenied.SendAddressStatusError': 'R4',
  'FailedOperation.RejectedByRecipients': 'R15',
  FailedOperation: 'R17',
};
