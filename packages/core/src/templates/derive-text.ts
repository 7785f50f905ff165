import type { HtmlToTextOptions } from 'html-to-text';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS } from '../limits/limits.js';

type HtmlToText = typeof import('html-to-text');

/**
 * The deepest element nesting read when deriving text; anything deeper is cut with an ellipsis. Real email HTML
 * nests tables a few dozen deep; the cap keeps html-to-text's recursion bounded on hostile input.
 */
export const MAX_DERIVED_TEXT_DEPTH = 256;

// html-to-text runs table cells together ("ItemPrice"): email html is mostly tables, so each table, row and cell
// is its own line ("Item", "Price"), as fast as the default and without dataTable's padding and cost.
const ONE_LINE = { leadingLineBreaks: 1, trailingLineBreaks: 1 };

const OPTIONS: HtmlToTextOptions = {
  wordwrap: 78,
  selectors: ['table', 'tr', 'td', 'th'].map((selector) => ({ selector, format: 'block', options: ONE_LINE })),
  limits: {
    maxInputLength: LIMITS.maxBodyBytes,
    maxDepth: MAX_DERIVED_TEXT_DEPTH,
    ellipsis: '...',
  },
};

// Loaded on the first templated send only: a client that never renders never pays for the parser.
let loading: Promise<HtmlToText> | undefined;

function load(): Promise<HtmlToText> {
  loading ??= import('html-to-text').catch((cause: unknown) => {
    loading = undefined;
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'html-to-text, a dependency of @qcloudmail/core, could not be loaded to derive the text part',
      cause,
    });
  });
  return loading;
}

/**
 * The text/plain alternative of an HTML body, as html-to-text writes it. The caller caps the input first
 * (`LIMITS.maxBodyBytes`): a larger body is refused by validation anyway, so no work is spent on it.
 */
export async function deriveText(html: string): Promise<string> {
  const { convert } = await load();
  return convert(html, OPTIONS);
}
