import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/**
 * The client's OpenTelemetry traces and metrics (docs/telemetry.md): by default through the global providers of
 * `@opentelemetry/api`, which do nothing until the application registers an SDK.
 */
export interface MailTelemetryOptions {
  /** Where send spans go. Default: the global tracer provider, looked up at each send. */
  tracerProvider?: TracerProvider;
  /** Where the metrics go. Default: the global meter provider, looked up at each send. */
  meterProvider?: MeterProvider;
  /**
   * Put the recipients' addresses on send spans (`qcloudmail.recipients`) and leave addresses in the error
   * messages recorded on them. Default false: addresses are personal data, so spans carry counts, and every
   * address in a recorded message reads `[address]`.
   */
  recordRecipients?: boolean;
}

/** The telemetry options after checking: undefined providers mean the global ones, looked up when used. */
export interface ResolvedTelemetry {
  tracerProvider: TracerProvider | undefined;
  meterProvider: MeterProvider | undefined;
  recordRecipients: boolean;
}
