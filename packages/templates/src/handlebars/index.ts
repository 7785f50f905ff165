// `@qcloudmail/templates/handlebars`: loads handlebars (and juice, on the first render that inlines CSS).
export { createHandlebarsRenderer } from './create-handlebars-renderer.js';
export type { HandlebarsRendererOptions, TemplateTranslate } from './types.js';
export type { InlineCssOptions } from '../shared/inline-css.js';
