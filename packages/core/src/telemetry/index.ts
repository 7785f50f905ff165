// The client's OpenTelemetry traces and metrics (docs/telemetry.md); exported from ../index.ts.
export type { MailTelemetryOptions } from './types.js';
export { MAIL_ATTRIBUTES, MAIL_METRIC_NAMES, MAIL_SPAN_EVENTS, MAIL_SPAN_NAMES } from './telemetry-names.js';
