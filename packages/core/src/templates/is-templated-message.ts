import type { TemplatedMessageInput } from './types.js';

/** True when the input names a template (`template` is a string) instead of carrying its own html and text. */
export function isTemplatedMessage(input: unknown): input is TemplatedMessageInput {
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    typeof (input as { template?: unknown }).template === 'string'
  );
}
