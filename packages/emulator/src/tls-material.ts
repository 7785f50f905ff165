import { generate } from 'selfsigned';
import type { EmulatorTlsOptions } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Generates a private CA and a server certificate signed by it for 127.0.0.1, ::1 and localhost, so that clients
 * verify the emulator like the real service (R3) by trusting `ca`; smtp-server's built-in certificate is never
 * used (its key is public). EC P-256 keeps generation to milliseconds.
 */
export async function generateTlsMaterial(hostnames: readonly string[] = []): Promise<EmulatorTlsOptions> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'qcloudmail emulator CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const names = [...new Set(['localhost', ...hostnames.filter((name) => !/^[\d.:]+$/.test(name))])];
  const ips = [...new Set(['127.0.0.1', '::1', ...hostnames.filter((name) => /^[\d.:]+$/.test(name))])];
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { key: server.private, cert: server.cert, ca: ca.cert };
}
