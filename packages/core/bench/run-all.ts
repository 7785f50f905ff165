// Runs every `*.bench.ts` beside this file, one after the other (benchmarks must not compete for the CPU).
// Workers add benchmarks by dropping a file here. `pnpm bench validate mime` runs only names containing a word.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = new URL('./', import.meta.url);
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((word) => name.includes(word)))
  .sort();

for (const name of files) {
  console.log(`\n== ${name}`);
  try {
    await import(pathToFileURL(new URL(name, dir).pathname).href);
  } catch (error) {
    // One failing benchmark (say, one that needs a service that is not running) must not hide the others.
    console.error(`${name} failed:`, error);
    process.exitCode = 1;
  }
}
