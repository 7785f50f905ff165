import { isQcloudMailError, type QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS } from '../limits/limits.js';
import type { MailMessageInput } from '../model/message-schema.js';
import { deriveText } from './derive-text.js';
import { MAX_TEMPLATE_NAME_LENGTH, templateError, templateFieldError } from './template-error.js';
import type { RenderedTemplate, SendInput, TemplateRenderer, TemplateRenderRequest } from './types.js';

/** The longest locale accepted (BCP 47 tags are far shorter). */
export const MAX_LOCALE_LENGTH = 64;

const TEMPLATE_ONLY_FIELDS = ['context', 'locale'] as const;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTemplateName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEMPLATE_NAME_LENGTH) {
    const shown = typeof value === 'string' ? value : `(${typeof value})`;
    throw templateFieldError(
      shown,
      'template',
      `expected a template name of 1 to ${MAX_TEMPLATE_NAME_LENGTH} characters`,
    );
  }
  return value;
}

function checkRequest(fields: Record<string, unknown>, template: string): TemplateRenderRequest {
  for (const body of ['html', 'text'] as const) {
    if (fields[body] !== undefined) {
      throw templateFieldError(template, body, `give either a template or ${body}, not both: the template renders it`);
    }
  }
  const context = fields.context ?? {};
  if (!isPlainRecord(context)) throw templateFieldError(template, 'context', 'expected an object of values');
  const request: TemplateRenderRequest = { template, context };
  const { subject, locale } = fields;
  if (typeof subject === 'string') request.subject = subject;
  if (locale !== undefined) {
    if (typeof locale !== 'string' || locale === '' || locale.length > MAX_LOCALE_LENGTH) {
      throw templateFieldError(template, 'locale', `expected a locale of 1 to ${MAX_LOCALE_LENGTH} characters`);
    }
    request.locale = locale;
  }
  return request;
}

// Anything a renderer throws becomes a TEMPLATE error naming the template; a QcloudMailError passes as it is.
function asTemplateError(error: unknown, template: string, engine: string): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return templateError({ template, engine }, { reason, category: 'configuration', cause: error });
}

function checkRendered(rendered: unknown, template: string, engine: string): RenderedTemplate {
  if (!isPlainRecord(rendered)) {
    throw templateError({ template, engine }, { reason: 'the renderer returned no object', category: 'configuration' });
  }
  for (const key of ['subject', 'html', 'text'] as const) {
    const value = rendered[key];
    if (value !== undefined && typeof value !== 'string') {
      throw templateError(
        { template, engine, field: key },
        { reason: `the renderer returned ${key} as ${typeof value}, not a string`, category: 'configuration' },
      );
    }
  }
  if (rendered.html === undefined && rendered.text === undefined) {
    throw templateError(
      { template, engine },
      { reason: 'the renderer returned neither html nor text', category: 'configuration' },
    );
  }
  return rendered as RenderedTemplate;
}

/**
 * Renders a templated message into a plain `MailMessageInput` (pure apart from the renderer): the subject, html and
 * text come from the renderer, the text derived from the html when it gives none; plain input passes through. Runs
 * before validation, so every service rule applies to what it returns.
 */
export async function renderMessage(
  input: SendInput,
  renderer: TemplateRenderer | undefined,
): Promise<MailMessageInput> {
  // Anything that is no object is validation's to refuse.
  if (!isPlainRecord(input)) return input;
  const fields: Record<string, unknown> = input;
  if (fields.template === undefined) {
    for (const key of TEMPLATE_ONLY_FIELDS) {
      if (fields[key] !== undefined)
        throw templateFieldError('(none)', key, 'given without a template; name one with template');
    }
    return input as MailMessageInput;
  }
  const template = checkTemplateName(fields.template);
  const request = checkRequest(fields, template);
  if (renderer === undefined) {
    throw templateError(
      { template, field: 'template' },
      {
        reason: 'the message names a template but no renderer is configured',
        category: 'configuration',
        action:
          'Give the client a renderer in its templates option, e.g. createHandlebarsRenderer from @qcloudmail/templates.',
      },
    );
  }
  const engine = renderer.engine;
  let rendered: RenderedTemplate;
  try {
    rendered = checkRendered(await renderer.render(request), template, engine);
  } catch (error) {
    throw asTemplateError(error, template, engine);
  }
  const { template: _template, context: _context, locale: _locale, ...message } = fields;
  const out: Record<string, unknown> = { ...message };
  if (rendered.subject !== undefined) out.subject = rendered.subject;
  if (rendered.html !== undefined) out.html = rendered.html;
  let text = rendered.text;
  // Past the body limit validation refuses the message anyway: nothing is spent deriving text from it.
  if (text === undefined && rendered.html !== undefined && Buffer.byteLength(rendered.html) <= LIMITS.maxBodyBytes) {
    text = await deriveText(rendered.html);
  }
  if (text !== undefined) out.text = text;
  return out as MailMessageInput;
}
