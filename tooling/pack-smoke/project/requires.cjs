// Requires every entry the installed manifests export, with CommonJS as a user's `require` does, and checks that
// the main ones (entries.json) give their functions; entries not listed there must still load and export something.
require('reflect-metadata');
const { readdirSync, readFileSync } = require('node:fs');

const expected = require('./entries.json');
const specifiers = readdirSync('node_modules/@qcloudmail').flatMap((dir) => {
  const { name, exports } = JSON.parse(readFileSync(`node_modules/@qcloudmail/${dir}/package.json`, 'utf8'));
  return Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
});

const problems = [];
for (const specifier of specifiers) {
  // The `require` condition: the CommonJS build, never the ESM one or the sources.
  const resolved = require.resolve(specifier);
  if (!/[/\\]dist[/\\][\w-]+\.cjs$/.test(resolved)) problems.push(`${specifier} resolved to ${resolved}`);
  const module = require(specifier);
  if (Object.keys(module).length === 0) problems.push(`${specifier}: exports nothing`);
  for (const name of expected[specifier] ?? []) {
    if (typeof module[name] !== 'function') problems.push(`${specifier}: no ${name}`);
  }
}
for (const specifier of Object.keys(expected)) {
  if (!specifiers.includes(specifier)) problems.push(`${specifier}: not exported`);
}
if (require('@qcloudmail/core').QcloudMailError !== require('@qcloudmail/nodemailer').QcloudMailError) {
  problems.push('two copies of QcloudMailError');
}
if (problems.length > 0) throw new Error(problems.join('; '));
console.log(`${specifiers.length} entries`);
