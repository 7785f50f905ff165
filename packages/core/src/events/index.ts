// Filled in by the events work; exported from ../index.ts.
export {};
