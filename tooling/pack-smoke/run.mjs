#!/usr/bin/env node
// Proves the packages the way a user meets them: packs every publishable package (pnpm rewrites `workspace:`
// ranges), installs the tarballs with npm into a scratch project outside the workspace, and there checks what the
// tarballs hold, imports and requires each entry, type-checks a snippet under node16 and bundler resolution, runs
// the commands and sends one message to the installed emulator. Run it after `pnpm build`.
// Prints one line per check and `pack-smoke: N passed, M failed`; exits 1 when any check failed.
// `--keep` keeps the scratch directory and prints where it is.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInstalledPackage } from './check-contents.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'qcloudmail-pack-smoke-'));
const tarballDir = join(scratch, 'tarballs');
const project = join(scratch, 'project');

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);

// The peers (and their types) a user adds, at the versions the workspace tests with.
const PEERS = {
  nodemailer: 'packages/nodemailer',
  '@types/nodemailer': 'packages/nodemailer',
  express: 'packages/express',
  '@types/express': 'packages/express',
  '@nestjs/common': 'packages/nestjs',
  '@nestjs/core': 'packages/nestjs',
  '@nestjs/terminus': 'packages/nestjs',
  'reflect-metadata': 'packages/nestjs',
  rxjs: 'packages/nestjs',
  // @qcloudmail/templates: each engine an optional peer, all installed so that every entry loads.
  handlebars: 'packages/templates',
  juice: 'packages/templates',
  mjml: 'packages/templates',
  '@react-email/render': 'packages/templates',
  react: 'packages/templates',
  'react-dom': 'packages/templates',
  '@types/react': 'packages/templates',
  typescript: '.',
  '@types/node': '.',
};

// npm must not pick up settings a parent pnpm or npm process exported for the workspace.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/** Runs a command; throws with the end of its output when it fails or outlives `timeoutMs`. */
function run(command, args, cwd, timeoutMs = 60_000) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 32 << 20 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${output.slice(-3000)}`);
  return output;
}

function peerSpec(name, from) {
  const manifest = join(root, from, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? `${name}@${JSON.parse(readFileSync(manifest, 'utf8')).version}` : name;
}

const checks = [
  [
    'pack',
    () => {
      const filters = packages.flatMap(({ manifest }) => ['--filter', manifest.name]);
      run('pnpm', ['-r', ...filters, 'pack', '--pack-destination', tarballDir], root, 120_000);
      const tarballs = readdirSync(tarballDir).filter((file) => file.endsWith('.tgz'));
      if (tarballs.length !== packages.length) throw new Error(`${tarballs.length} tarballs for ${packages.length}`);
      return `${tarballs.length} tarballs`;
    },
  ],
  [
    'install',
    () => {
      mkdirSync(project);
      cpSync(join(here, 'project'), project, { recursive: true });
      // The same snippet as a CommonJS module, so node16 resolution also reads every `.d.cts`.
      cpSync(join(project, 'snippet.mts'), join(project, 'snippet.cts'));
      const manifest = { name: 'pack-smoke-project', version: '0.0.0', private: true, license: 'MIT' };
      writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      const tarballs = readdirSync(tarballDir).map((file) => join(tarballDir, file));
      const peers = Object.entries(PEERS).map(([name, from]) => peerSpec(name, from));
      const flags = ['--no-audit', '--no-fund', '--loglevel=error'];
      run('npm', ['install', ...flags, ...tarballs, ...peers], project, 300_000);
      // Every @qcloudmail package must come from these tarballs, never from the registry.
      const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
      const ours = Object.entries(lock.packages).filter(([path]) => path.includes('node_modules/@qcloudmail/'));
      const foreign = ours.filter(([, entry]) => !String(entry.resolved).startsWith('file:'));
      if (foreign.length > 0) throw new Error(`from the registry: ${foreign.map(([path]) => path).join(', ')}`);
      if (ours.length !== packages.length) throw new Error(`${ours.length} @qcloudmail packages installed`);
      return `${tarballs.length} tarballs + ${peers.join(' ')}`;
    },
  ],
  [
    'contents',
    () => {
      const totals = { maps: 0, sources: 0 };
      const problems = [];
      for (const { manifest } of packages) {
        try {
          const found = checkInstalledPackage(join(project, 'node_modules', manifest.name));
          totals.maps += found.maps;
          totals.sources += found.sources;
        } catch (error) {
          problems.push(error.message);
        }
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
      return `LICENSE, metadata, exports, bins; ${totals.maps} source maps, ${totals.sources} sources resolve`;
    },
  ],
  ['esm import', () => run('node', ['imports.mjs'], project)],
  ['cjs require', () => run('node', ['requires.cjs'], project)],
  [
    'types node16',
    () => run('node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node16.json'], project, 120_000) || 'clean',
  ],
  [
    'types bundler',
    () => run('node', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.bundler.json'], project, 120_000) || 'clean',
  ],
  [
    'bins',
    () => {
      const bin = join(project, 'node_modules', '.bin');
      const cli = run(join(bin, 'qcloudmail'), ['--version'], project);
      run(join(bin, 'qcloudmail-emulator'), ['--help'], project);
      return `qcloudmail --version: ${cli}; qcloudmail-emulator --help`;
    },
  ],
  ['send', () => run('node', ['send.mjs'], project)],
];

const started = Date.now();
let passed = 0;
let failed = 0;
let blocked;
for (const [name, check] of checks) {
  const began = Date.now();
  if (blocked !== undefined) {
    failed += 1;
    console.log(`FAIL ${name}: not run, ${blocked} failed`);
    continue;
  }
  try {
    const detail = String(check()).split('\n').at(-1);
    passed += 1;
    console.log(`ok   ${name}: ${detail} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    // Nothing can be checked without the tarballs installed.
    if (name === 'pack' || name === 'install') blocked = name;
  }
}
if (process.argv.includes('--keep')) console.log(`scratch project kept: ${project}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`pack-smoke: ${passed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
process.exitCode = failed === 0 ? 0 : 1;
