import type { TemplateRenderer } from '@qcloudmail/core';
import { createHandlebarsPass } from './handlebars-pass.js';
import type { HandlebarsRendererOptions } from './types.js';

/**
 * A Handlebars renderer over a template directory, as @nestjs-modules/mailer's HandlebarsAdapter: `<name>.hbs` for
 * the html (CSS inlined by juice), `<name>.text.hbs` for the text when present, `{{ }}` in the subject, partials,
 * layouts, helpers, strict mode and a `t` helper for i18n; compiled templates are cached.
 */
export function createHandlebarsRenderer(options: HandlebarsRendererOptions): TemplateRenderer {
  return createHandlebarsPass({ ...options, engine: 'handlebars', extension: '.hbs' });
}
