import type { Writable } from 'node:stream';

/** Where the demo writes: a stream, and whether it may use colours (only on a terminal, never with NO_COLOR). */
export interface DemoOutput {
  stream: Pick<Writable, 'write'>;
  color: boolean;
}

/** An output on `stream`, coloured only when it is a terminal and NO_COLOR is unset. */
export function outputTo(stream: Pick<Writable, 'write'> & { isTTY?: boolean }): DemoOutput {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return { stream, color: stream.isTTY === true && !noColor };
}

/** A printer with sections, aligned key/value rows and indented detail lines. */
export interface Printer {
  section(title: string): void;
  row(label: string, value: unknown): void;
  rows(entries: ReadonlyArray<readonly [string, unknown]>): void;
  line(text?: string): void;
  note(text: string): void;
}

const LABEL_WIDTH = 16;

// Chinese characters take two columns on a terminal; padding by string length would misalign the rows.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** The number of terminal columns `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

function padLabel(label: string): string {
  return label + ' '.repeat(Math.max(0, LABEL_WIDTH - displayWidth(label)));
}

// The ANSI codes stay off on pipes and in CI logs, where they would only be noise.
function paint(output: DemoOutput, code: string, text: string): string {
  return output.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** Renders a value for one row: strings as they are, lists comma-separated, nothing as a dash. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map((item) => formatValue(item)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A printer that writes to `output`. */
export function createPrinter(output: DemoOutput): Printer {
  const write = (text: string): void => {
    output.stream.write(`${text}\n`);
  };
  const row = (label: string, value: unknown): void => {
    const lines = formatValue(value).split('\n');
    write(`  ${paint(output, '2', padLabel(label))} ${lines[0]}`);
    for (const rest of lines.slice(1)) write(`  ${' '.repeat(LABEL_WIDTH)} ${rest}`);
  };
  return {
    section(title) {
      write('');
      write(paint(output, '1', `== ${title} ${'='.repeat(Math.max(3, 72 - title.length))}`));
    },
    row,
    rows(entries) {
      for (const [label, value] of entries) row(label, value);
    },
    line(text = '') {
      write(text === '' ? '' : `  ${text}`);
    },
    note(text) {
      write(`  ${paint(output, '33', text)}`);
    },
  };
}
