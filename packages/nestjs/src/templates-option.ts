import type { TemplateRenderer } from '@qcloudmail/core';
import type { QcloudMailTemplateEngine, QcloudMailTemplatesOptions } from './templates-option-types.js';
import { refuse } from './refuse-configuration.js';

/** A mailer's `templates` option: an engine with its options, or a renderer you built (`TemplateRenderer`). */
export type QcloudMailTemplatesOption = QcloudMailTemplatesOptions | TemplateRenderer;

// Typed as a record of every engine the option types name (held to @qcloudmail/templates' by a type test); each
// engine's own options are checked by its renderer, by name, when the mailer is created.
const ENGINES: Record<QcloudMailTemplateEngine, true> = { handlebars: true, mjml: true, 'react-email': true };

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

function isEngine(value: unknown): value is QcloudMailTemplateEngine {
  return typeof value === 'string' && Object.hasOwn(ENGINES, value);
}

/** True for a renderer given as it is: an object with an `engine` name and a `render` function. */
export function isTemplateRenderer(value: unknown): value is TemplateRenderer {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TemplateRenderer>;
  return typeof candidate.render === 'function' && typeof candidate.engine === 'string';
}

/**
 * Checks a mailer's `templates` before anything is loaded: a renderer, or an object naming a known `engine`;
 * @nestjs-modules/mailer's `adapter` and `options` are refused with what to write. The engine's options are its
 * renderer's to check, by name, when the mailer is created.
 */
export function checkTemplatesOption(where: string, value: unknown): void {
  if (value === undefined || isTemplateRenderer(value)) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(where, "`templates` must be `{ dir, engine: 'handlebars', ... }` or a TemplateRenderer");
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
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
      `\`templates.engine\` is ${shown}, none of ${Object.keys(ENGINES).join(', ')}; for another engine give your own TemplateRenderer as \`templates\``,
    );
  }
}
