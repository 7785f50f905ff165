// `@qcloudmail/templates`: loads no engine until asked. Each engine is also an entry of its own (`/handlebars`,
// `/mjml`, `/react-email`) whose optional peer dependencies load only with it.
export { loadTemplateRenderer, TEMPLATE_ENGINES, type TemplateEngineConfig } from './load-template-renderer.js';
export type { HandlebarsRendererOptions, TemplateTranslate } from './handlebars/types.js';
export type { MjmlOptions, MjmlRendererOptions } from './mjml/types.js';
export type { ReactEmailRendererOptions, ReactEmailTemplate } from './react-email/types.js';
export type { InlineCssOptions } from './shared/inline-css.js';
