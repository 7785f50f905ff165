import type { HelperDelegate } from 'handlebars';
import type { InlineCssOptions } from '../shared/inline-css.js';

/** The i18n hook behind the `t` helper: `{{t "order.shipped" name=order.name}}` calls it with the message's locale. */
export type TemplateTranslate = (
  key: string,
  options: { locale: string | undefined; params: Readonly<Record<string, unknown>> },
) => string;

/** Options of `createHandlebarsRenderer`, named after @nestjs-modules/mailer's where they mean the same. */
export interface HandlebarsRendererOptions {
  /** The template directory: `<name>.hbs` (html), optionally `<name>.text.hbs` (the text part). */
  dir: string;
  /** The partials directory, every `*.hbs` under it registered by its relative path; default `<dir>/partials` when present. */
  partials?: string | false;
  /** The layouts directory, each also a partial `layouts/<name>`; default `<dir>/layouts` when present. */
  layouts?: string | false;
  /**
   * A layout that wraps every html template, which it places with `{{{body}}}` (or `{{body}}`): `<layouts>/<layout>.hbs`,
   * else `<dir>/<layout>.hbs` as @nestjs-modules/mailer finds it.
   */
  layout?: string;
  /** Helpers, registered on this renderer's own Handlebars instance (never the global one). */
  helpers?: Readonly<Record<string, HelperDelegate>>;
  /** Inline the html's `<style>` blocks with juice, as @nestjs-modules/mailer does by default; default true. */
  inlineCss?: boolean | InlineCssOptions;
  /** Handlebars' strict mode: a missing variable is a `TEMPLATE` error naming it; default false, as Handlebars. */
  strict?: boolean;
  /** The i18n hook: registers a `t` helper; the message's `locale` is also `@locale` in templates. */
  i18n?: TemplateTranslate;
  /** Keep compiled templates and partials between renders; default true (false re-reads files, for development). */
  cache?: boolean;
}
