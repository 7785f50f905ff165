import { readdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { defineConfig } from 'tsup';

const OUT_DIR = 'dist';

// With splitting, tsup turns the ESM chunks into CommonJS through sucrase, whose source map names the output
// file by its absolute path: rewritten relative to the map, so no published map carries the build machine's
// directory and every source a map names is in the tarball.
async function relativeMapSources(): Promise<void> {
  const dir = join(process.cwd(), OUT_DIR);
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.map'))) {
    const map = JSON.parse(await readFile(join(dir, file), 'utf8')) as { sources: string[] };
    if (!map.sources.some(isAbsolute)) continue;
    map.sources = map.sources.map((source) => (isAbsolute(source) ? relative(dir, source) : source));
    await writeFile(join(dir, file), JSON.stringify(map));
  }
}

export default defineConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  // Both entries share one copy of each module (QcloudMailError above all, for instanceof) in common chunks.
  splitting: true,
  dts: true,
  sourcemap: true,
  // esbuild renames a class whose body refers to itself (`class _QcloudMailError`): keepNames keeps the
  // constructor's name, so stack headers and `err.constructor.name` say QcloudMailError.
  keepNames: true,
  clean: true,
  outDir: OUT_DIR,
  tsconfig: 'tsconfig.build.json',
  onSuccess: relativeMapSources,
});
