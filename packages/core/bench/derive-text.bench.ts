// The text part core derives from a template's html (html-to-text, templates/derive-text.ts), on hostile html at
// 1, 2 and 4 times a size and at the body limit (1 MiB, past which nothing is derived): the time grows with the
// size, not faster. Run: `pnpm bench derive-text`.
import { deriveText } from '../src/templates/derive-text.js';

const shapes: Record<string, (n: number) => string> = {
  'nested divs': (n) => `${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`,
  'table rows': (n) => `<table>${'<tr><td>a</td><td>b</td></tr>'.repeat(n)}</table>`,
  'unclosed tags': (n) => `<p>${'<b '.repeat(n)}`,
  paragraphs: (n) => '<p>word word</p>'.repeat(n),
};

// The best of `runs`: on a shared machine the other runs measure the neighbours.
async function bestMs(html: string, runs: number): Promise<number> {
  await deriveText(html);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await deriveText(html);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const rows = [];
for (const [shape, make] of Object.entries(shapes)) {
  const cells: Record<string, string> = { shape };
  for (const n of [4000, 8000, 16000]) {
    const html = make(n);
    cells[`n=${n}`] = `${(await bestMs(html, 5)).toFixed(1)} ms (${Math.round(html.length / 1024)} KiB)`;
  }
  // As much of the shape as fits the 1 MiB body limit.
  const atLimit = make(16000 * 64).slice(0, 1024 * 1024);
  cells['1 MiB'] = `${(await bestMs(atLimit, 3)).toFixed(0)} ms`;
  rows.push(cells);
}
console.log(`node ${process.version}`);
console.table(rows);
