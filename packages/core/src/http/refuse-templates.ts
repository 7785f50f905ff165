import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { templateFieldError } from '../templates/template-error.js';

/** Whether a parsed send body names a template (an own `template` key, whatever its value). */
export function namesTemplate(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'template');
}

/**
 * The refusal of a templated body by a send route that was not told to take one: a 422 naming the field, since
 * the caller would otherwise choose the application's template, its context and a subject rendered as a template.
 */
export function templatesOffError(value: unknown): QcloudMailError {
  const named = (value as { template?: unknown }).template;
  return templateFieldError(
    typeof named === 'string' ? named : '',
    'template',
    'this send route takes no templates; send html and text, or create the route with `templates: true` to let its callers name one of your templates',
  );
}
