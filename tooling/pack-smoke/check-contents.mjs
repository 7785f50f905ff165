// Checks one installed package against what its manifest promises: the files it points to are there (every
// `exports` target, the `@qcloudmail/source` ones included, and every bin), its source maps name no absolute
// path and resolve to shipped sources, it carries its licence and registry metadata, and neither tests nor
// `workspace:` ranges leaked in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

const METADATA = ['license', 'repository', 'homepage', 'bugs', 'keywords'];
const TEST_FILE = /\.test(-d)?\.[cm]?tsx?$/;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* walk(path);
    } else yield path;
  }
}

function* targets(value) {
  if (typeof value === 'string') yield value;
  else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) yield* targets(inner);
}

/** Throws naming every broken promise of the package installed at `dir`; returns its source-map counts. */
export function checkInstalledPackage(dir) {
  const text = readFileSync(join(dir, 'package.json'), 'utf8');
  const manifest = JSON.parse(text);
  const problems = [];
  const missing = (path) => !existsSync(join(dir, path));

  for (const file of ['LICENSE', 'README.md']) if (missing(file)) problems.push(`no ${file}`);
  if (!missing('LICENSE') && !readFileSync(join(dir, 'LICENSE'), 'utf8').startsWith('MIT License')) {
    problems.push('LICENSE is not the MIT licence');
  }
  for (const field of METADATA) if (manifest[field] === undefined) problems.push(`no "${field}"`);
  if (manifest.repository?.directory !== `packages/${manifest.name.split('/').at(-1)}`) {
    problems.push(`repository.directory is ${manifest.repository?.directory}`);
  }
  if (text.includes('workspace:')) problems.push('a workspace: range was published');
  for (const target of [...targets(manifest.exports), ...targets(manifest.bin)]) {
    if (missing(target)) problems.push(`${target} is named in the manifest but not shipped`);
  }

  let maps = 0;
  let sources = 0;
  for (const file of walk(dir)) {
    if (TEST_FILE.test(file)) problems.push(`test file shipped: ${relative(dir, file)}`);
    if (!file.endsWith('.map')) continue;
    maps += 1;
    const map = JSON.parse(readFileSync(file, 'utf8'));
    map.sources.forEach((source, index) => {
      sources += 1;
      // A bundled helper of the build tool (tsup's CommonJS shims) is not ours to ship: its text is in the map.
      const bundled = source.includes('/node_modules/') && typeof map.sourcesContent?.[index] === 'string';
      if (isAbsolute(source)) problems.push(`${relative(dir, file)} names the build machine's ${source}`);
      else if (!bundled && !existsSync(join(dirname(file), map.sourceRoot ?? '', source))) {
        problems.push(`${relative(dir, file)} points to ${source}, not shipped`);
      }
    });
  }
  if (maps === 0) problems.push('no source maps');
  if (problems.length > 0) throw new Error(`${manifest.name}: ${problems.slice(0, 10).join('; ')}`);
  return { maps, sources };
}
