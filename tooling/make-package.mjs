// One-off scaffolding helper: writes the boilerplate files of a workspace package.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [dir, name, description] = process.argv.slice(2);
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name,
  version: '0.0.0',
  description,
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/qcloudmail/qcloudmail.git', directory: dir },
  homepage: `https://github.com/qcloudmail/qcloudmail/tree/main/${dir}#readme`,
  bugs: { url: 'https://github.com/qcloudmail/qcloudmail/issues' },
  keywords: ['tencent-cloud', 'ses', 'smtp', 'email', 'qcloudmail'],
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  // src ships so that source maps and the @qcloudmail/source condition resolve in the tarball.
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/tsconfig.json'],
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      '@qcloudmail/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    lint: 'biome check .',
    'check:package': 'publint --strict && attw --pack . --profile node16',
  },
  dependencies: {},
  devDependencies: {},
};
if (!existsSync(join(dir, 'package.json')))
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', 'bench', '*.ts'] }, null, 2)}\n`,
);
writeFileSync(
  join(dir, 'tsup.config.ts'),
  `import { defineConfig } from 'tsup';\n\nexport default defineConfig({ entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: true, tsconfig: 'tsconfig.build.json' });\n`,
);
if (!existsSync(join(dir, 'LICENSE'))) copyFileSync('LICENSE', join(dir, 'LICENSE'));
