import { describe, expect, it } from 'vitest';
import { resolveTelemetryOptions } from './resolve-telemetry.js';

const tracerProvider = { getTracer: () => ({}) };
const meterProvider = { getMeter: () => ({}) };

describe('resolveTelemetryOptions', () => {
  it('defaults to the global providers, without addresses', () => {
    expect(resolveTelemetryOptions(undefined)).toEqual({
      tracerProvider: undefined,
      meterProvider: undefined,
      recordRecipients: false,
    });
    expect(resolveTelemetryOptions({})).toEqual(resolveTelemetryOptions(undefined));
  });

  it('keeps given providers and recordRecipients, and false as false', () => {
    expect(resolveTelemetryOptions(false)).toBe(false);
    expect(resolveTelemetryOptions({ tracerProvider, meterProvider, recordRecipients: true })).toEqual({
      tracerProvider,
      meterProvider,
      recordRecipients: true,
    });
  });

  it.each([
    [null, 'Invalid option telemetry: expected false or an object'],
    ['on', 'Invalid option telemetry: expected false or an object'],
    [{ meterProvider: { getTracer: () => ({}) } }, 'Invalid option telemetry.meterProvider'],
    [{ tracerProvider: meterProvider }, 'Invalid option telemetry.tracerProvider'],
    [{ recordRecipients: 1 }, 'Invalid option telemetry.recordRecipients'],
    [{ [`x${'y'.repeat(100)}`]: 1 }, `Invalid option telemetry.x${'y'.repeat(63)}...: unknown`],
  ])('refuses %j with CONFIGURATION, naming the field', (value, message) => {
    expect(() => resolveTelemetryOptions(value)).toThrow(message);
    expect(() => resolveTelemetryOptions(value)).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
