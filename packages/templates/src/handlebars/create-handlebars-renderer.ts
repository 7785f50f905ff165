import type { TemplateRenderer } from '@qcloudmail/core';
import { checkOptionKeys } from '../shared/check-option-keys.js';
import { createHandlebarsPass } from './handlebars-pass.js';
import type { HandlebarsRendererOptions } from './types.js';

/** The options `createHandlebarsRenderer` takes; any other key is refused by name. */
export const HANDLEBARS_OPTION_KEYS: readonly string[] = [
  'dir',
  'partials',
  'layouts',
  'layout',
  'helpers',
  'inlineCss',
  'strict',
  'i18n',
  'cache',
] satisfies ReadonlyArray<keyof HandlebarsRendererOptions>;

/**
 * A Handlebars renderer over a template directory, as @nestjs-modules/mailer's HandlebarsAdapter: `<name>.hbs` for
 * the html (CSS inlined by juice), `<name>.text.hbs` for the text when present, `{{ }}` in the subject, partials,
 * layouts, helpers, strict mode and a `t` helper for i18n; compiled templates are cached.
 */
export function createHandlebarsRenderer(options: HandlebarsRendererOptions): TemplateRenderer {
  if (typeof options === 'object' && options !== null) checkOptionKeys(options, HANDLEBARS_OPTION_KEYS, 'handlebars');
  return createHandlebarsPass({ ...options, engine: 'handlebars', extension: '.hbs' });
}
