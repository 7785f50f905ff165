// `@qcloudmail/templates/mjml`: loads mjml and handlebars.
export { createMjmlRenderer } from './create-mjml-renderer.js';
export type { MjmlOptions, MjmlRendererOptions } from './types.js';
