import type { CliOutput } from './io.js';

/** Text decorations for one output stream; each is the identity when colors are off. */
export interface CliStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const plain = (text: string): string => text;

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/**
 * Colors only on a terminal and only when `NO_COLOR` is unset or empty (no-color.org), so that pipes,
 * files and CI logs get plain text.
 */
export function colorsEnabled(stream: CliOutput, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** The decorations for `stream`: ANSI colors on a terminal, plain text elsewhere. */
export function createStyle(stream: CliOutput, env: Readonly<Record<string, string | undefined>>): CliStyle {
  if (!colorsEnabled(stream, env)) {
    return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    green: ansi(32, 39),
    cyan: ansi(36, 39),
  };
}

// East Asian wide characters take two terminal columns; labels such as "含义" must be padded by columns.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;

/** Pads `text` with spaces to `columns` terminal columns, counting wide (CJK) characters as two. */
export function padColumns(text: string, columns: number): string {
  const width = text.length + (text.match(WIDE)?.length ?? 0);
  return width >= columns ? `${text} ` : text + ' '.repeat(columns - width);
}
