// Filled in by the templates work; exported from ../index.ts.
export {};
