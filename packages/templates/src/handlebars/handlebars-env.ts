import Handlebars from 'handlebars';
import { templateError } from '@qcloudmail/core';
import { isDirectory, listTemplateFiles, readTemplateFile, templatePath } from '../shared/template-file.js';
import { handlebarsError } from './handlebars-error.js';
import type { HandlebarsRendererOptions } from './types.js';

// Partials and layouts are Handlebars files whatever the engine after the Handlebars pass.
const PARTIAL_EXTENSION = '.hbs';

/** A Handlebars instance of one renderer. */
export type Env = typeof Handlebars;
type Compiled = Handlebars.TemplateDelegate<unknown>;

/** One compiled template file (or subject), with what its errors name. */
export interface Part {
  render: Compiled;
  part: string;
  source: string;
}

/** The html and text parts of one template. */
export interface CompiledTemplate {
  html: Part;
  text: Part | undefined;
}

/** A renderer's Handlebars instance, its helpers and partials registered, and its layout. */
export interface Setup {
  env: Env;
  layout: Part | undefined;
}

async function registerDir(env: Env, dir: string, prefix: string, engine: string): Promise<void> {
  for (const file of await listTemplateFiles(dir, PARTIAL_EXTENSION)) {
    const source = await readTemplateFile(`${dir}/${file}`, { template: file, engine });
    if (source !== undefined) env.registerPartial(`${prefix}${file.slice(0, -PARTIAL_EXTENSION.length)}`, source);
  }
}

async function optionalDir(
  given: string | false | undefined,
  fallback: string,
  option: string,
  engine: string,
): Promise<string | undefined> {
  if (given === false) return undefined;
  if (given === undefined) return (await isDirectory(fallback)) ? fallback : undefined;
  if (!(await isDirectory(given))) {
    throw templateError(
      { template: `(${option})`, engine },
      { reason: `${option}: no directory ${given}`, category: 'configuration' },
    );
  }
  return given;
}

/** Compiles one template file or subject; `plain` (text, subject) writes values as given, never entity-escaped. */
export function compilePart(
  env: Env,
  source: string,
  at: { template: string; part: string; engine: string },
  options: { strict: boolean; plain: boolean },
): Part {
  try {
    // Parsing now (compile alone waits for the first call) reports a syntax error before any render.
    env.parse(source);
    const compiled = env.compile(source, { strict: options.strict, ...(options.plain ? { noEscape: true } : {}) });
    return { render: compiled, part: at.part, source };
  } catch (error) {
    throw handlebarsError(error, { template: at.template, part: at.part, source, engine: at.engine });
  }
}

/**
 * A renderer's own Handlebars instance (the global one is never touched): `concat` as @nestjs-modules/mailer has
 * it, the given helpers, the `t` helper, the partials and layouts, and the layout compiled.
 */
export async function setUpHandlebars(options: HandlebarsRendererOptions, engine: string): Promise<Setup> {
  const { dir, strict = false } = options;
  const env = Handlebars.create();
  // @nestjs-modules/mailer registers `concat` for its users' templates; a helper of the same name replaces it.
  env.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  for (const [name, helper] of Object.entries(options.helpers ?? {})) env.registerHelper(name, helper);
  const translate = options.i18n;
  if (translate !== undefined) {
    env.registerHelper('t', (key: unknown, helperOptions: Handlebars.HelperOptions) =>
      translate(String(key), { locale: helperOptions.data?.locale, params: helperOptions.hash }),
    );
  }
  const partials = await optionalDir(options.partials, `${dir}/partials`, 'partials', engine);
  if (partials !== undefined) await registerDir(env, partials, '', engine);
  const layouts = await optionalDir(options.layouts, `${dir}/layouts`, 'layouts', engine);
  if (layouts !== undefined) await registerDir(env, layouts, 'layouts/', engine);
  let layout: Part | undefined;
  if (options.layout !== undefined) {
    const at = { template: `layouts/${options.layout}`, engine: engine };
    // The layouts directory first, then the template directory, where @nestjs-modules/mailer looks for it.
    let source: string | undefined;
    for (const base of layouts === undefined ? [dir] : [layouts, dir]) {
      source ??= await readTemplateFile(templatePath(base, options.layout, PARTIAL_EXTENSION, engine), at);
    }
    if (source === undefined)
      throw templateError(at, {
        reason: `layout: no file ${options.layout}${PARTIAL_EXTENSION}`,
        category: 'configuration',
      });
    layout = compilePart(
      env,
      source,
      { template: at.template, part: `layouts/${options.layout}${PARTIAL_EXTENSION}`, engine },
      { strict, plain: false },
    );
  }
  return { env, layout };
}
