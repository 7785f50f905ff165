// The `templates` option's types, written here rather than imported from @qcloudmail/templates: that package (and
// the engines' own types, handlebars and react) is an optional peer, and the module's declarations must compile
// for applications that never install it. `templates-option-types.test-d.ts` holds them to the package's types.

/** What a mailer's `templates` shares across engines: the renderer's options beside `engine`. */
interface TemplatesByEngineBase {
  /** Handlebars helpers, registered on the renderer's own Handlebars instance. */
  helpers?: Readonly<Record<string, (...args: never[]) => unknown>>;
  /** The partials directory; default `<dir>/partials` when present, `false` for none. */
  partials?: string | false;
  /** A missing variable is a `TEMPLATE` error naming it. Default false. */
  strict?: boolean;
  /** The i18n hook behind the `t` helper, called with the message's `locale`. */
  i18n?: (key: string, options: { locale: string | undefined; params: Readonly<Record<string, unknown>> }) => string;
  /** Keep compiled templates between sends. Default true. */
  cache?: boolean;
}

/** `templates: { dir, engine: 'handlebars', ... }`: `createHandlebarsRenderer`'s options beside the engine. */
export interface QcloudMailHandlebarsTemplates extends TemplatesByEngineBase {
  engine: 'handlebars';
  /** The template directory: `<name>.hbs`, and `<name>.text.hbs` for the text part. */
  dir: string;
  /** The layouts directory; default `<dir>/layouts` when present, `false` for none. */
  layouts?: string | false;
  /** The layout that wraps every html template at `{{{body}}}`. */
  layout?: string;
  /** Inline `<style>` blocks with juice (default true), or juice's options (see @qcloudmail/templates). */
  inlineCss?: boolean | object;
}

/** `templates: { dir, engine: 'mjml', ... }`: `createMjmlRenderer`'s options beside the engine. */
export interface QcloudMailMjmlTemplates extends TemplatesByEngineBase {
  engine: 'mjml';
  /** The template directory: `<name>.mjml`, and `<name>.text.hbs` for the text part. */
  dir: string;
  /** `strict` (default): an invalid document is a `TEMPLATE` error with its line; `soft` renders it anyway. */
  validationLevel?: 'strict' | 'soft';
  /** MJML's own options (`fonts`, `keepComments`, `minify`, `beautify`). */
  mjml?: object;
}

/** `templates: { engine: 'react-email', templates: { name: Component } }`: `createReactEmailRenderer`'s options. */
export interface QcloudMailReactEmailTemplates {
  engine: 'react-email';
  /** The components by name (their props are the message's context), or `{ component, subject }`. */
  templates: Readonly<Record<string, object>>;
  /** Pretty-print the html. Default false. */
  pretty?: boolean;
  /** The text part by React Email's plain-text conversion (default true); `false` derives it with html-to-text. */
  plainText?: boolean;
}

/**
 * A mailer's `templates` by engine, as @nestjs-modules/mailer's `template: { dir, adapter, options }`: the engine's
 * name beside its renderer's options, loaded from the optional peer `@qcloudmail/templates` when the mailer is
 * created.
 */
export type QcloudMailTemplatesOptions =
  | QcloudMailHandlebarsTemplates
  | QcloudMailMjmlTemplates
  | QcloudMailReactEmailTemplates;

/** The engines the module loads from `@qcloudmail/templates` by name. */
export type QcloudMailTemplateEngine = QcloudMailTemplatesOptions['engine'];
