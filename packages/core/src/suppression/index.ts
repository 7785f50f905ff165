// Filled in by the suppression work; exported from ../index.ts.
export {};
