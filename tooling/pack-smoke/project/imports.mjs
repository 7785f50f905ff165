// Imports every entry of the installed tarballs with ESM, as a user's `import` does, and checks what came back.
import 'reflect-metadata';

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
  // The `import` condition: the ESM build, never the CommonJS one or the sources.
  const resolved = import.meta.resolve(specifier);
  if (!/\/dist\/[\w-]+\.js$/.test(resolved)) throw new Error(`${specifier} resolved to ${resolved}`);
  const module = await import(specifier);
  for (const name of names) if (typeof module[name] !== 'function') missing.push(`${specifier}: ${name}`);
}
if (missing.length > 0) throw new Error(`not exported: ${missing.join(', ')}`);
// One QcloudMailError class across packages, or instanceof fails between an adapter and core.
const core = await import('@qcloudmail/core');
const nodemailer = await import('@qcloudmail/nodemailer');
if (core.QcloudMailError !== nodemailer.QcloudMailError) throw new Error('two copies of QcloudMailError');
console.log(`${Object.keys(expected).length} entries`);
