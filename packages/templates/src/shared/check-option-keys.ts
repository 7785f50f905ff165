import { templateError } from '@qcloudmail/core';

/**
 * Refuses every key of `options` that is not in `known`, naming it: in JavaScript a misspelt option (or one the
 * engine does not take, such as `inlineCss` for MJML) would otherwise change nothing, silently.
 */
export function checkOptionKeys(options: object, known: readonly string[], engine: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    const shown = key.length > 64 ? `${key.slice(0, 64)}...` : key;
    throw templateError(
      { template: '(options)', engine },
      { reason: `${shown}: not an option of the ${engine} renderer (${known.join(', ')})`, category: 'configuration' },
    );
  }
}
