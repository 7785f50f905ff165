import mjml2html from 'mjml';
import {
  isQcloudMailError,
  type QcloudMailError,
  type RenderedTemplate,
  type TemplateRenderer,
  templateError,
} from '@qcloudmail/core';
import { createHandlebarsPass } from '../handlebars/handlebars-pass.js';
import { checkOptionKeys } from '../shared/check-option-keys.js';
import type { MjmlRendererOptions } from './types.js';

const ENGINE = 'mjml';

// MJML inlines its own CSS and has its own layout: inlineCss, layout and layouts are refused by name.
const MJML_OPTION_KEYS: readonly string[] = [
  'dir',
  'partials',
  'helpers',
  'strict',
  'i18n',
  'cache',
  'validationLevel',
  'mjml',
] satisfies ReadonlyArray<keyof MjmlRendererOptions>;

interface MjmlIssue {
  line?: unknown;
  message?: unknown;
  tagName?: unknown;
}

type Mjml2Html = (
  input: string,
  options: Record<string, unknown>,
) => { html: string; errors?: MjmlIssue[] } | Promise<{ html: string; errors?: MjmlIssue[] }>;

// MJML's own message of an issue is used, never its formattedMessage, which names the server's file path.
function mjmlError(error: unknown, template: string): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  const issues = (error as { errors?: unknown }).errors;
  const first: MjmlIssue | undefined = Array.isArray(issues) ? (issues[0] as MjmlIssue) : undefined;
  const line = typeof first?.line === 'number' ? first.line : undefined;
  const more = Array.isArray(issues) && issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const reason =
    first !== undefined && typeof first.message === 'string'
      ? `${typeof first.tagName === 'string' ? `${first.tagName}: ` : ''}${first.message}${more}`
      : error instanceof Error
        ? error.message
        : String(error);
  return templateError(
    { template, engine: ENGINE, ...(line === undefined ? {} : { line }) },
    { reason, category: 'configuration', cause: error },
  );
}

/**
 * An MJML renderer over a template directory, as @nestjs-modules/mailer's MjmlAdapter: `<name>.mjml` filled by
 * Handlebars (partials, helpers, strict mode, the `t` helper, `{{ }}` in the subject), then turned into responsive
 * html by MJML, whose validation errors are `TEMPLATE` errors with their line; `<name>.text.hbs` for the text.
 */
export function createMjmlRenderer(options: MjmlRendererOptions): TemplateRenderer {
  if (typeof options === 'object' && options !== null) checkOptionKeys(options, MJML_OPTION_KEYS, ENGINE);
  const pass = createHandlebarsPass({ ...options, engine: ENGINE, extension: '.mjml', inlineCss: false });
  const toHtml = mjml2html as unknown as Mjml2Html;
  const mjmlOptions: Record<string, unknown> = {
    ...options.mjml,
    validationLevel: options.validationLevel ?? 'strict',
    // mj-include is off: a template reaches no file but its own and its partials.
    ignoreIncludes: true,
  };
  return {
    engine: ENGINE,
    async render(request): Promise<RenderedTemplate> {
      const filled = await pass.render(request);
      let html: string;
      try {
        html = (await toHtml(filled.html ?? '', mjmlOptions)).html;
      } catch (error) {
        throw mjmlError(error, request.template);
      }
      return { ...filled, html };
    },
  };
}
