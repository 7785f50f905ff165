import { isQcloudMailError, type QcloudMailError, templateError } from '@qcloudmail/core';

/** Where a Handlebars failure happened: the template asked for, the file or part being rendered, and its source. */
export interface HandlebarsFailureSite {
  template: string;
  /** `shipped.hbs`, `shipped.text.hbs`, `layouts/main.hbs` or `subject`. */
  part: string;
  source: string;
  /** The engine reported: `handlebars`, or `mjml` for the Handlebars pass of an MJML template. */
  engine: string;
}

const PARSE_LINE = 'Parse error on line ';
const NOT_DEFINED = '" not defined in ';

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// Handlebars' parser names the line only in its message: "Parse error on line 3:".
function parseErrorLine(message: string): number | undefined {
  if (!message.startsWith(PARSE_LINE)) return undefined;
  let end = PARSE_LINE.length;
  while (end < message.length && isDigit(message.charCodeAt(end))) end += 1;
  const line = Number(message.slice(PARSE_LINE.length, end));
  return end > PARSE_LINE.length && Number.isSafeInteger(line) ? line : undefined;
}

// The end of a path expression: whitespace or the characters that close or split a mustache.
function isPathEnd(char: string): boolean {
  return char === ' ' || char === '\t' || char === '}' || char === '(' || char === ')' || char === '=' || char === '~';
}

// Strict mode names only the last segment (`"id" not defined`); the source at the reported column has the path.
function missingVariable(
  message: string,
  site: HandlebarsFailureSite,
  line?: number,
  column?: number,
): string | undefined {
  if (!message.startsWith('"')) return undefined;
  const close = message.indexOf(NOT_DEFINED);
  if (close < 1) return undefined;
  const last = message.slice(1, close);
  if (line === undefined || column === undefined) return last;
  const text = site.source.split('\n', line)[line - 1] ?? '';
  let end = column;
  while (end < text.length && end - column < 256 && !isPathEnd(text.charAt(end))) end += 1;
  const path = text.slice(column, end);
  return path.endsWith(last) ? path : last;
}

function firstAndLastLines(message: string): string {
  const lines = message.split('\n');
  return lines.length <= 2 ? lines.join(' ') : `${lines[0]} ${lines[lines.length - 1]}`;
}

/**
 * Turns a Handlebars failure into a `TEMPLATE` error with the line and column where Handlebars reports one and
 * the missing variable of strict mode (its full path, read from the template at that column).
 */
export function handlebarsError(error: unknown, site: HandlebarsFailureSite): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const fields = (error ?? {}) as { lineNumber?: unknown; column?: unknown };
  const line = typeof fields.lineNumber === 'number' ? fields.lineNumber : parseErrorLine(message);
  const column0 = typeof fields.column === 'number' ? fields.column : undefined;
  const variable = missingVariable(message, site, line, column0);
  const reason = variable === undefined ? firstAndLastLines(message) : `"${variable.split('.').pop()}" is not defined`;
  return templateError(
    {
      template: site.template,
      engine: site.engine,
      ...(line === undefined ? {} : { line }),
      ...(column0 === undefined ? {} : { column: column0 + 1 }),
      ...(variable === undefined ? {} : { variable }),
    },
    {
      reason: `${site.part}: ${reason}`,
      // A missing variable is the context's to supply; anything else is the template's or a helper's fault.
      category: variable === undefined ? 'configuration' : 'content',
      cause: error,
    },
  );
}
