import { QcloudMailError, type TemplateRenderer } from '@qcloudmail/core';
import type {
  HandlebarsRendererOptions,
  MjmlRendererOptions,
  ReactEmailRendererOptions,
  TemplateEngineConfig,
} from '@qcloudmail/templates';

/**
 * A mailer's `templates` by engine, as @nestjs-modules/mailer's `template: { dir, adapter, options }`: the engine's
 * name beside its renderer's options (`dir`, `partials`, `helpers`, `inlineCss`, ...), loaded from the optional
 * peer `@qcloudmail/templates` when the mailer is created.
 */
export type QcloudMailTemplatesOptions = TemplateEngineConfig;

/** The engines the module loads from `@qcloudmail/templates` by name. */
export type QcloudMailTemplateEngine = QcloudMailTemplatesOptions['engine'];

/** A mailer's `templates` option: an engine with its options, or a renderer you built (`TemplateRenderer`). */
export type QcloudMailTemplatesOption = QcloudMailTemplatesOptions | TemplateRenderer;

// Typed as records of every option of each renderer, so that an option added to a renderer and not listed here
// fails to compile instead of being refused at run time.
const HANDLEBARS_KEYS: Record<keyof HandlebarsRendererOptions, true> = {
  dir: true,
  partials: true,
  layouts: true,
  layout: true,
  helpers: true,
  inlineCss: true,
  strict: true,
  i18n: true,
  cache: true,
};
const MJML_KEYS: Record<keyof MjmlRendererOptions, true> = {
  dir: true,
  partials: true,
  helpers: true,
  strict: true,
  i18n: true,
  cache: true,
  validationLevel: true,
  mjml: true,
};
const REACT_EMAIL_KEYS: Record<keyof ReactEmailRendererOptions, true> = {
  templates: true,
  pretty: true,
  plainText: true,
};
const ENGINE_KEYS: Readonly<Record<QcloudMailTemplateEngine, Readonly<Record<string, true>>>> = {
  handlebars: HANDLEBARS_KEYS,
  mjml: MJML_KEYS,
  'react-email': REACT_EMAIL_KEYS,
};

/** What @nestjs-modules/mailer users write inside `template`, and what to write instead. */
const TEMPLATE_ADVICE: ReadonlyMap<string, string> = new Map([
  [
    'adapter',
    "is @nestjs-modules/mailer's: name the engine instead, `templates: { dir, engine: 'handlebars' }` (or 'mjml'; 'react-email' with `templates: { name: Component }`), or give a TemplateRenderer as `templates`",
  ],
  [
    'options',
    "is @nestjs-modules/mailer's adapter options: write them beside `engine` (`strict`, `helpers`, `partials`, `layouts`, `inlineCss` for `inlineCssEnabled`)",
  ],
  ['inlineCssEnabled', 'is `inlineCss` here (on by default, as it was)'],
  ['inlineCssOptions', 'is `inlineCss: { ...juice options }` here'],
]);

function refuse(where: string, message: string): never {
  throw new QcloudMailError({ code: 'CONFIGURATION', message: `${where}: ${message}` });
}

function isEngine(value: unknown): value is QcloudMailTemplateEngine {
  return typeof value === 'string' && Object.hasOwn(ENGINE_KEYS, value);
}

/** True for a renderer given as it is: an object with an `engine` name and a `render` function. */
export function isTemplateRenderer(value: unknown): value is TemplateRenderer {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TemplateRenderer>;
  return typeof candidate.render === 'function' && typeof candidate.engine === 'string';
}

/**
 * Checks a mailer's `templates` before anything is loaded: a renderer, or an object naming a known `engine` with
 * only its renderer's options beside it; @nestjs-modules/mailer's `adapter` and `options` are refused with what to
 * write. The values are the renderer's to check when the mailer is created.
 */
export function checkTemplatesOption(where: string, value: unknown): void {
  if (value === undefined || isTemplateRenderer(value)) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(where, "`templates` must be `{ dir, engine: 'handlebars', ... }` or a TemplateRenderer");
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (const key of keys) {
    const advice = TEMPLATE_ADVICE.get(key);
    if (advice !== undefined) refuse(where, `\`templates.${key}\` ${advice}`);
  }
  const { engine } = record;
  if (engine === undefined) {
    refuse(where, "`templates.engine` is missing: name the engine, `templates: { dir, engine: 'handlebars' }`");
  }
  if (!isEngine(engine)) {
    const shown = typeof engine === 'string' ? `"${engine.slice(0, 40)}"` : `a ${typeof engine}`;
    refuse(
      where,
      `\`templates.engine\` is ${shown}, none of ${Object.keys(ENGINE_KEYS).join(', ')}; for another engine give your own TemplateRenderer as \`templates\``,
    );
  }
  const known = ENGINE_KEYS[engine];
  for (const key of keys) {
    if (key === 'engine' || Object.hasOwn(known, key)) continue;
    refuse(
      where,
      `\`templates.${key.slice(0, 60)}\` is no option of the ${engine} renderer (${Object.keys(known).join(', ')}); remove it or check its spelling`,
    );
  }
}
