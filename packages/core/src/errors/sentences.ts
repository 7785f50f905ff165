// Marks that already end a sentence: a text ending in one gets no period of its own ("later." never "later..").
const TERMINAL = new Set(['.', '!', '?', '。', '！', '？', '…']);

function ended(text: string): boolean {
  return TERMINAL.has(text.at(-1) ?? '');
}

/**
 * Joins texts into one message, sentence after sentence: each but the last ends with a period unless it already
 * ends a sentence (a service reply's own "Try again later."), so that no two marks ever meet; empty texts are
 * left out and the last is kept as written.
 */
export function sentences(...texts: ReadonlyArray<string | undefined>): string {
  const parts = texts.map((text) => (text ?? '').trim()).filter((text) => text !== '');
  return parts.map((text, index) => (index === parts.length - 1 || ended(text) ? text : `${text}.`)).join(' ');
}

/** `text` ending with one terminal mark: a period added only when it has none. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || ended(trimmed) ? trimmed : `${trimmed}.`;
}
