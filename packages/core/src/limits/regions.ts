import { QcloudMailError } from '../errors/qcloud-mail-error.js';

/** The regions of the service's SMTP endpoints (R1). */
export const REGIONS = {
  hongkong: { host: 'smtp.qcloudmail.com', site: 'china' },
  guangzhou: { host: 'gz-smtp.qcloudmail.com', site: 'china' },
  singapore: { host: 'sg-smtp.qcloudmail.com', site: 'international' },
} as const;

/** A region name accepted by `resolveEndpoint`. */
export type Region = keyof typeof REGIONS;

/** R2: the only supported port, implicit TLS from the first byte. */
export const SES_SMTP_PORT = 465;

/** Where to connect: host, port, implicit TLS, and a CA to trust (only for the emulator or a private proxy). */
export interface SmtpEndpoint {
  host: string;
  port: number;
  secure: true;
  ca?: string | Buffer | Array<string | Buffer>;
  servername?: string;
}

/** An explicit endpoint instead of a region: the emulator, or a proxy in front of the service. */
export interface EndpointOverride {
  host: string;
  port?: number;
  ca?: string | Buffer | Array<string | Buffer>;
  servername?: string;
}

/** True when `value` names a region. */
export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && Object.hasOwn(REGIONS, value);
}

/** Resolves a region name, or an explicit host/port/CA, to the endpoint to connect to (R1, R2). */
export function resolveEndpoint(target: Region | EndpointOverride): SmtpEndpoint {
  if (typeof target === 'string') {
    if (!isRegion(target)) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `Unknown region "${String(target)}" (R1): use one of ${Object.keys(REGIONS).join(', ')}`,
      });
    }
    return { host: REGIONS[target].host, port: SES_SMTP_PORT, secure: true };
  }
  const endpoint: SmtpEndpoint = { host: target.host, port: target.port ?? SES_SMTP_PORT, secure: true };
  if (target.ca !== undefined) endpoint.ca = target.ca;
  if (target.servername !== undefined) endpoint.servername = target.servername;
  return endpoint;
}
