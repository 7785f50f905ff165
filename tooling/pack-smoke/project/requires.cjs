// Requires every entry of the installed tarballs with CommonJS, as a user's `require` does.
require('reflect-metadata');

const expected = {
  '@qcloudmail/core': ['createMailClient', 'validateMessage', 'QcloudMailError'],
  '@qcloudmail/core/internal': ['renderSesReply', 'outcomeUnknownError'],
  '@qcloudmail/nodemailer': ['createTransporter', 'qcloudmailTransport'],
  '@qcloudmail/nestjs': ['QcloudMailModule', 'QcloudMailService'],
  '@qcloudmail/nestjs/health': ['QcloudMailHealthIndicator'],
  '@qcloudmail/express': ['qcloudMail', 'createSendRoute'],
  '@qcloudmail/emulator': ['startEmulator', 'generateTlsMaterial'],
  '@qcloudmail/cli': ['runCli', 'processIo'],
  '@qcloudmail/redis': ['createRedisRateLimitStore', 'createOutbox'],
};

const missing = [];
for (const [specifier, names] of Object.entries(expected)) {
  // The `require` condition: the CommonJS build, never the ESM one or the sources.
  const resolved = require.resolve(specifier);
  if (!resolved.endsWith('.cjs')) throw new Error(`${specifier} resolved to ${resolved}`);
  const module = require(specifier);
  for (const name of names) if (typeof module[name] !== 'function') missing.push(`${specifier}: ${name}`);
}
if (missing.length > 0) throw new Error(`not exported: ${missing.join(', ')}`);
if (require('@qcloudmail/core').QcloudMailError !== require('@qcloudmail/nodemailer').QcloudMailError) {
  throw new Error('two copies of QcloudMailError');
}
console.log(`${Object.keys(expected).length} entries`);
