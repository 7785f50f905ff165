// Filled in by the telemetry work; exported from ../index.ts.
export {};
