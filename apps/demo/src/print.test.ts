import { describe, expect, it } from 'vitest';
import { createPrinter, displayWidth, formatValue, outputTo } from './print.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = { isTTY, write: (chunk: string) => chunks.push(chunk) > 0 };
  return { output: outputTo(stream), text: () => chunks.join('') };
}

describe('print', () => {
  it('aligns rows whose labels hold Chinese characters (two columns each)', () => {
    const { output, text } = capture(false);
    const printer = createPrinter(output);
    printer.row('code', 'RATE_LIMIT');
    printer.row('含义 (zh)', '触发频率限制');
    const [first, second] = text().split('\n');
    expect(displayWidth(first?.split('RATE_LIMIT')[0] ?? '')).toBe(displayWidth(second?.split('触发')[0] ?? ''));
    expect(displayWidth('含义')).toBe(4);
  });

  it('uses colours only on a terminal', () => {
    const plain = capture(false);
    createPrinter(plain.output).section('Summary');
    expect(plain.text()).not.toContain('\u001b[');
    const tty = capture(true);
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      createPrinter(outputTo({ isTTY: true, write: tty.output.stream.write })).section('Summary');
    } finally {
      if (saved !== undefined) process.env.NO_COLOR = saved;
    }
    expect(tty.text()).toContain('\u001b[1m');
  });

  it('renders missing values as a dash and lists comma-separated', () => {
    expect(formatValue(undefined)).toBe('-');
    expect(formatValue([])).toBe('-');
    expect(formatValue(['a@b.c', 'd@e.f'])).toBe('a@b.c, d@e.f');
    expect(formatValue(1000)).toBe('1000');
  });
});
