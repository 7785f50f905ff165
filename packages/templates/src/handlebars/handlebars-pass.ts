import Handlebars from 'handlebars';
import {
  LIMITS,
  type RenderedTemplate,
  type TemplateRenderer,
  type TemplateRenderRequest,
  templateError,
} from '@qcloudmail/core';
import { inlineCss } from '../shared/inline-css.js';
import { isDirectory, listTemplateFiles, readTemplateFile, templatePath } from '../shared/template-file.js';
import { handlebarsError } from './handlebars-error.js';
import type { HandlebarsRendererOptions } from './types.js';
import { boundedCache } from '../shared/bounded-cache.js';

const TEXT_EXTENSION = '.text.hbs';
// Partials and layouts are Handlebars files whatever the engine after the Handlebars pass.
const PARTIAL_EXTENSION = '.hbs';
// The subject comes from the caller: its template is bounded before any parsing (R23 bounds the result at 998).
const MAX_SUBJECT_TEMPLATE_LENGTH = 4 * LIMITS.maxSubjectLength;

type Env = typeof Handlebars;
type Compiled = Handlebars.TemplateDelegate<unknown>;

interface Part {
  render: Compiled;
  part: string;
  source: string;
}

interface CompiledTemplate {
  html: Part;
  text: Part | undefined;
}

interface Setup {
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

/** What the Handlebars pass needs beyond the renderer's options: the engine it reports and its file extension. */
export interface HandlebarsPassOptions extends HandlebarsRendererOptions {
  engine: string;
  /** `.hbs` for Handlebars; `.mjml` for MJML, whose templates go through Handlebars first. */
  extension: string;
}

/**
 * Handlebars over a template directory: the html from `<name><extension>`, the text from `<name>.text.hbs`, the
 * subject, partials, layouts, helpers, strict mode, the `t` helper, CSS inlining, compiled templates cached.
 */
export function createHandlebarsPass(options: HandlebarsPassOptions): TemplateRenderer {
  const { engine: ENGINE, extension: EXTENSION } = options;
  if (typeof options?.dir !== 'string' || options.dir === '') {
    throw templateError(
      { template: '(options)', engine: ENGINE },
      { reason: 'dir: expected the template directory', category: 'configuration' },
    );
  }
  const { dir, strict = false, cache = true } = options;
  const css = options.inlineCss ?? true;
  const compileOptions = { strict };
  // Text and subjects are not HTML: their values are written as given, never entity-escaped.
  const plainOptions = { strict, noEscape: true };

  const compilePart = (env: Env, source: string, part: string, template: string, plain: boolean): Part => {
    try {
      // Parsing now (compile alone waits for the first call) reports a syntax error before any render.
      env.parse(source);
      return { render: env.compile(source, plain ? plainOptions : compileOptions), part, source };
    } catch (error) {
      throw handlebarsError(error, { template, part, source, engine: ENGINE });
    }
  };

  const setUp = async (): Promise<Setup> => {
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
    const partials = await optionalDir(options.partials, `${dir}/partials`, 'partials', ENGINE);
    if (partials !== undefined) await registerDir(env, partials, '', ENGINE);
    const layouts = await optionalDir(options.layouts, `${dir}/layouts`, 'layouts', ENGINE);
    if (layouts !== undefined) await registerDir(env, layouts, 'layouts/', ENGINE);
    let layout: Part | undefined;
    if (options.layout !== undefined) {
      const at = { template: `layouts/${options.layout}`, engine: ENGINE };
      // The layouts directory first, then the template directory, where @nestjs-modules/mailer looks for it.
      let source: string | undefined;
      for (const base of layouts === undefined ? [dir] : [layouts, dir]) {
        source ??= await readTemplateFile(templatePath(base, options.layout, PARTIAL_EXTENSION, ENGINE), at);
      }
      if (source === undefined)
        throw templateError(at, {
          reason: `layout: no file ${options.layout}${PARTIAL_EXTENSION}`,
          category: 'configuration',
        });
      layout = compilePart(env, source, `layouts/${options.layout}${PARTIAL_EXTENSION}`, at.template, false);
    }
    return { env, layout };
  };

  const compileTemplate = async (setup: Setup, name: string): Promise<CompiledTemplate> => {
    const at = { template: name, engine: ENGINE };
    const htmlFile = templatePath(dir, name, EXTENSION, ENGINE);
    const html = await readTemplateFile(htmlFile, at);
    if (html === undefined) {
      throw templateError(
        { ...at, field: 'template' },
        { reason: `no template file ${name}${EXTENSION} in the template directory`, category: 'configuration' },
      );
    }
    const bare = name.endsWith(EXTENSION) ? name.slice(0, -EXTENSION.length) : name;
    const text = await readTemplateFile(templatePath(dir, bare, TEXT_EXTENSION, ENGINE), at);
    return {
      html: compilePart(setup.env, html, `${bare}${EXTENSION}`, name, false),
      text: text === undefined ? undefined : compilePart(setup.env, text, `${bare}${TEXT_EXTENSION}`, name, true),
    };
  };

  let setup: Promise<Setup> | undefined;
  const templates = new Map<string, Promise<CompiledTemplate>>();
  const subjects = boundedCache<Part>(500);

  const getSetup = (): Promise<Setup> => {
    if (!cache || setup === undefined) {
      setup = setUp();
      // A failed set-up (a missing directory) is tried again on the next render, once fixed.
      setup.catch(() => {
        setup = undefined;
      });
    }
    return setup;
  };

  const getTemplate = (current: Setup, name: string): Promise<CompiledTemplate> => {
    const cached = cache ? templates.get(name) : undefined;
    if (cached !== undefined) return cached;
    const compiled = compileTemplate(current, name);
    if (cache) {
      templates.set(name, compiled);
      compiled.catch(() => templates.delete(name));
    }
    return compiled;
  };

  const run = (part: Part, context: unknown, data: Record<string, unknown>, template: string): string => {
    try {
      return part.render(context, { data });
    } catch (error) {
      throw handlebarsError(error, { template, part: part.part, source: part.source, engine: ENGINE });
    }
  };

  const renderSubject = (
    current: Setup,
    request: TemplateRenderRequest,
    data: Record<string, unknown>,
  ): string | undefined => {
    const subject = request.subject;
    // A subject without a mustache is already final: nothing to compile.
    if (subject === undefined || !subject.includes('{{')) return subject;
    if (subject.length > MAX_SUBJECT_TEMPLATE_LENGTH) {
      throw templateError(
        { template: request.template, engine: ENGINE, field: 'subject' },
        {
          reason: `subject: a subject template may have at most ${MAX_SUBJECT_TEMPLATE_LENGTH} characters`,
          category: 'validation',
        },
      );
    }
    let part = cache ? subjects.get(subject) : undefined;
    if (part === undefined) {
      part = compilePart(current.env, subject, 'subject', request.template, true);
      if (cache) subjects.set(subject, part);
    }
    return run(part, request.context, data, request.template);
  };

  return {
    engine: ENGINE,
    async render(request: TemplateRenderRequest): Promise<RenderedTemplate> {
      const current = await getSetup();
      const compiled = await getTemplate(current, request.template);
      const data = { locale: request.locale };
      const { context, template } = request;
      let html = run(compiled.html, context, data, template);
      if (current.layout !== undefined) {
        // A SafeString, so that `{{body}}` places the html as `{{{body}}}` does (as in @nestjs-modules/mailer).
        const body = new current.env.SafeString(html);
        html = run(current.layout, { ...context, body }, data, template);
      }
      if (css !== false) html = await inlineCss(html, css === true ? {} : css, { template, engine: ENGINE });
      const rendered: RenderedTemplate = { html };
      if (compiled.text !== undefined) rendered.text = run(compiled.text, context, data, template);
      const subject = renderSubject(current, request, data);
      if (subject !== undefined) rendered.subject = subject;
      return rendered;
    },
  };
}
