import { QcloudMailError, type QcloudMailErrorCategory } from '../errors/qcloud-mail-error.js';
import type { TemplateErrorDetails } from '../errors/template-error-details.js';
import { clipText } from '../errors/clip-text.js';

/** The longest template name, engine name, variable or field echoed into a `TEMPLATE` error. */
export const MAX_TEMPLATE_NAME_LENGTH = 256;

// An engine's own message can quote a whole template line or a long context value: errors stay bounded.
const MAX_MESSAGE_LENGTH = 1000;

/** The details with every text bounded and only whole line and column numbers: what errors and answers carry. */
export function boundedDetails(details: TemplateErrorDetails): TemplateErrorDetails {
  const out: TemplateErrorDetails = { template: clipText(details.template, MAX_TEMPLATE_NAME_LENGTH) };
  if (details.engine !== undefined) out.engine = clipText(details.engine, MAX_TEMPLATE_NAME_LENGTH);
  if (details.line !== undefined && Number.isSafeInteger(details.line)) out.line = details.line;
  if (details.column !== undefined && Number.isSafeInteger(details.column)) out.column = details.column;
  if (details.variable !== undefined) out.variable = clipText(details.variable, MAX_TEMPLATE_NAME_LENGTH);
  if (details.field !== undefined) out.field = clipText(details.field, MAX_TEMPLATE_NAME_LENGTH);
  return out;
}

/** What `templateError` needs beyond the details: the sentence, and optionally the category and the cause. */
export interface TemplateErrorOptions {
  /** What went wrong, without the template's name and line, which the error adds. */
  reason: string;
  /** `content` by default (the context lacks what the template needs); `configuration` for a broken template. */
  category?: QcloudMailErrorCategory;
  /** What the caller should do about it, in one sentence. */
  action?: string;
  cause?: unknown;
}

/**
 * Builds a `TEMPLATE` error whose message names the template, its engine, the line and the missing variable where
 * known; renderers (first-party or a user's own) throw it so that every door reports template failures alike.
 */
export function templateError(details: TemplateErrorDetails, options: TemplateErrorOptions): QcloudMailError {
  const safe = boundedDetails(details);
  const engine = safe.engine === undefined ? '' : ` (${safe.engine})`;
  const where =
    safe.line === undefined ? '' : ` at line ${safe.line}${safe.column === undefined ? '' : `, column ${safe.column}`}`;
  const variable = safe.variable === undefined ? '' : ` (missing variable "${safe.variable}")`;
  const reason = clipText(options.reason, MAX_MESSAGE_LENGTH);
  return new QcloudMailError({
    code: 'TEMPLATE',
    category: options.category ?? 'content',
    message: `Template "${safe.template}"${engine}${where}: ${reason}${variable}`,
    details: safe,
    ...(options.action === undefined ? {} : { action: options.action }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/** A `TEMPLATE` error naming the message field at fault (`template`, `context`, `html`, ...). */
export function templateFieldError(
  template: string,
  field: string,
  reason: string,
  category: QcloudMailErrorCategory = 'validation',
): QcloudMailError {
  return templateError({ template, field }, { reason: `${field}: ${reason}`, category });
}
