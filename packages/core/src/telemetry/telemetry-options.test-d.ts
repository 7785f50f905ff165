import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { describe, expectTypeOf, it } from 'vitest';
import type { MailClientOptions } from '../client/types.js';
import type { MailTelemetryOptions } from './types.js';

describe('MailClientOptions.telemetry', () => {
  it('takes the providers, recordRecipients, or false', () => {
    expectTypeOf<MailClientOptions['telemetry']>().toEqualTypeOf<MailTelemetryOptions | false | undefined>();
    expectTypeOf<MailTelemetryOptions['tracerProvider']>().toEqualTypeOf<TracerProvider | undefined>();
    expectTypeOf<MailTelemetryOptions['meterProvider']>().toEqualTypeOf<MeterProvider | undefined>();
    expectTypeOf({ recordRecipients: true }).toExtend<MailTelemetryOptions>();
  });

  it('refuses true, a misspelt key and a provider of the wrong kind', () => {
    expectTypeOf(true).not.toExtend<MailClientOptions['telemetry']>();
    expectTypeOf({ recordRecipient: true }).not.toExtend<MailTelemetryOptions>();
    expectTypeOf<{ tracerProvider: MeterProvider }>().not.toExtend<MailTelemetryOptions>();
  });
});
