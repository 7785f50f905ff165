// The vocabulary of failures, apart from the error class so that the code tables (nodemailer-code.ts,
// system-errors.ts) and the class can import it without importing each other.

/** Stable codes of `QcloudMailError`: what kind of failure, independent of wording. */
export type QcloudMailErrorCode =
  | 'VALIDATION'
  | 'INVALID_EVENT'
  | 'CONFIGURATION'
  | 'AUTH'
  | 'RATE_LIMIT'
  | 'PROVIDER'
  | 'CONNECTION'
  | 'TIMEOUT'
  | 'OUTCOME_UNKNOWN'
  | 'ABORTED'
  | 'CLOSED'
  | 'SUPPRESSED'
  | 'TEMPLATE'
  | 'UNKNOWN';

/** What a failure is about, for deciding what to do with it. */
export type QcloudMailErrorCategory =
  | 'validation'
  | 'rate_limit'
  | 'quota'
  | 'auth'
  | 'sender'
  | 'recipient'
  | 'content'
  | 'service'
  | 'connection'
  | 'timeout'
  | 'configuration'
  | 'unknown';

/** The `code` values that nodemailer's own errors carry, kept so existing checks keep working. */
export type NodemailerErrorCode =
  | 'EAUTH'
  | 'ECONNECTION'
  | 'ETIMEDOUT'
  | 'EENVELOPE'
  | 'EMESSAGE'
  | 'ESOCKET'
  | 'EPROTOCOL'
  | 'ETLS'
  | 'ESTREAM'
  | 'ECONFIG'
  | 'EABORT'
  | 'EFILEACCESS'
  | 'EURLACCESS'
  | 'EMAXRECIPIENTS';
