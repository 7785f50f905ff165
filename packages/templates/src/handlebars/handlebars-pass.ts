import {
  LIMITS,
  type RenderedTemplate,
  type TemplateRenderer,
  type TemplateRenderRequest,
  templateError,
} from '@qcloudmail/core';
import { inlineCss } from '../shared/inline-css.js';
import { readTemplateFile, templatePath } from '../shared/template-file.js';
import { handlebarsError } from './handlebars-error.js';
import { type CompiledTemplate, compilePart, type Part, type Setup, setUpHandlebars } from './handlebars-env.js';
import type { HandlebarsRendererOptions } from './types.js';
import { boundedCache } from '../shared/bounded-cache.js';

const TEXT_EXTENSION = '.text.hbs';
// The subject comes from the caller: its template is bounded before any parsing (R23 bounds the result at 998).
const MAX_SUBJECT_TEMPLATE_LENGTH = 4 * LIMITS.maxSubjectLength;

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
      html: compilePart(
        setup.env,
        html,
        { template: name, part: `${bare}${EXTENSION}`, engine: ENGINE },
        { strict, plain: false },
      ),
      text:
        text === undefined
          ? undefined
          : compilePart(
              setup.env,
              text,
              { template: name, part: `${bare}${TEXT_EXTENSION}`, engine: ENGINE },
              { strict, plain: true },
            ),
    };
  };

  let setup: Promise<Setup> | undefined;
  const templates = new Map<string, Promise<CompiledTemplate>>();
  const subjects = boundedCache<Part>(500);

  const getSetup = (): Promise<Setup> => {
    if (!cache || setup === undefined) {
      setup = setUpHandlebars(options, ENGINE);
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
      part = compilePart(
        current.env,
        subject,
        { template: request.template, part: 'subject', engine: ENGINE },
        { strict, plain: true },
      );
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
