import type { HandlebarsRendererOptions } from '../handlebars/types.js';

/** MJML's own options passed through (a subset; see MJML's documentation). */
export interface MjmlOptions {
  /** Web fonts to import, by family name. */
  fonts?: Readonly<Record<string, string>>;
  /** Keep HTML comments (default true in MJML). */
  keepComments?: boolean;
  /** Minify the html. */
  minify?: boolean;
  /** Beautify the html. */
  beautify?: boolean;
}

/**
 * Options of `createMjmlRenderer`: an MJML template goes through Handlebars first (as @nestjs-modules/mailer's
 * MjmlAdapter does), so the Handlebars options apply, except CSS inlining and layouts, which MJML does itself.
 */
export interface MjmlRendererOptions extends Omit<HandlebarsRendererOptions, 'inlineCss' | 'layout' | 'layouts'> {
  /** `strict` (default): an invalid document is a `TEMPLATE` error with its line; `soft` renders it anyway. */
  validationLevel?: 'strict' | 'soft';
  mjml?: MjmlOptions;
  /** MJML inlines its own CSS: refused. */
  inlineCss?: never;
  /** MJML documents are their own layout: refused. */
  layout?: never;
  /** MJML documents are their own layout: refused. */
  layouts?: never;
}
