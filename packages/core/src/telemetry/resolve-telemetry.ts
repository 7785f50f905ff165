import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { ResolvedTelemetry } from './types.js';
import { clipText, MAX_PATH_KEY_LENGTH } from '../errors/clip-text.js';

const KEYS = new Set(['tracerProvider', 'meterProvider', 'recordRecipients']);

function fail(option: string, expected: string): never {
  throw new QcloudMailError({ code: 'CONFIGURATION', message: `Invalid option ${option}: ${expected}` });
}

function hasMethod(value: unknown, method: string): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function'
  );
}

/**
 * Checks the `telemetry` option (`MailTelemetryOptions`, or `false` for none): a bad value or an unknown key is a
 * `CONFIGURATION` error naming it, since a misspelt key would otherwise leave telemetry silently as it was.
 */
export function resolveTelemetryOptions(value: unknown, option = 'telemetry'): ResolvedTelemetry | false {
  if (value === false) return false;
  if (value === undefined) return { tracerProvider: undefined, meterProvider: undefined, recordRecipients: false };
  if (typeof value !== 'object' || value === null) fail(option, 'expected false or an object');
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key) && (value as Record<string, unknown>)[key] !== undefined) {
      fail(`${option}.${clipText(key, MAX_PATH_KEY_LENGTH)}`, 'unknown; see MailTelemetryOptions');
    }
  }
  const { tracerProvider, meterProvider, recordRecipients } = value as Record<string, unknown>;
  if (tracerProvider !== undefined && !hasMethod(tracerProvider, 'getTracer')) {
    fail(`${option}.tracerProvider`, 'expected an OpenTelemetry TracerProvider (getTracer)');
  }
  if (meterProvider !== undefined && !hasMethod(meterProvider, 'getMeter')) {
    fail(`${option}.meterProvider`, 'expected an OpenTelemetry MeterProvider (getMeter)');
  }
  if (recordRecipients !== undefined && typeof recordRecipients !== 'boolean') {
    fail(`${option}.recordRecipients`, 'expected a boolean');
  }
  return {
    tracerProvider: tracerProvider as ResolvedTelemetry['tracerProvider'],
    meterProvider: meterProvider as ResolvedTelemetry['meterProvider'],
    recordRecipients: recordRecipients === true,
  };
}
