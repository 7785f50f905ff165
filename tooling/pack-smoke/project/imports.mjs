// Imports every entry the installed manifests export, with ESM as a user's `import` does, and checks that the
// main ones (entries.json) give their functions; entries not listed there must still load and export something.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';

const expected = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'));
const specifiers = readdirSync('node_modules/@qcloudmail').flatMap((dir) => {
  const { name, exports } = JSON.parse(readFileSync(`node_modules/@qcloudmail/${dir}/package.json`, 'utf8'));
  return Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
});

const problems = [];
for (const specifier of specifiers) {
  // The `import` condition: the ESM build, never the CommonJS one or the sources.
  const resolved = import.meta.resolve(specifier);
  if (!/\/dist\/[\w-]+\.js$/.test(resolved)) problems.push(`${specifier} resolved to ${resolved}`);
  const module = await import(specifier);
  if (Object.keys(module).length === 0) problems.push(`${specifier}: exports nothing`);
  for (const name of expected[specifier] ?? []) {
    if (typeof module[name] !== 'function') problems.push(`${specifier}: no ${name}`);
  }
}
for (const specifier of Object.keys(expected)) {
  if (!specifiers.includes(specifier)) problems.push(`${specifier}: not exported`);
}
// One QcloudMailError class across packages, or instanceof fails between an adapter and core.
const core = await import('@qcloudmail/core');
const nodemailer = await import('@qcloudmail/nodemailer');
if (core.QcloudMailError !== nodemailer.QcloudMailError) problems.push('two copies of QcloudMailError');
if (problems.length > 0) throw new Error(problems.join('; '));
console.log(`${specifiers.length} entries`);
