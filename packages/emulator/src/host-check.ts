import { BlockList, isIP } from 'node:net';
import { QcloudMailError } from '@qcloudmail/core';

// A host name is at most 253 octets and a port 5 digits; anything longer is refused before it is looked at.
const MAX_HOST_HEADER = 253 + 2 + 1 + 5;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The host of a `Host` header (lowercase, IPv6 without brackets, port checked and left off), or undefined when malformed. */
export function hostOfHeader(header: string | undefined): string | undefined {
  if (header === undefined || header.length === 0 || header.length > MAX_HOST_HEADER) return undefined;
  const value = header.toLowerCase();
  let host: string;
  let rest: string;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return undefined;
    host = value.slice(1, close);
    if (isIP(host) !== 6) return undefined;
    rest = value.slice(close + 1);
  } else {
    const colon = value.indexOf(':');
    host = colon < 0 ? value : value.slice(0, colon);
    rest = colon < 0 ? '' : value.slice(colon);
  }
  // After the host comes nothing, or `:` and a port.
  if (rest !== '' && (rest[0] !== ':' || !isPort(rest.slice(1)))) return undefined;
  return host === '' ? undefined : host;
}

function isPort(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (const char of text) if (char < '0' || char > '9') return false;
  return Number(text) <= 65535;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  for (const char of name) {
    const ok = (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9') || char === '-' || char === '.';
    if (!ok) return false;
  }
  return true;
}

/**
 * Checks one configured host name (a DNS name or an IP address, IPv6 with or without brackets, no port) and
 * returns it as `Host` headers are compared: lowercase, IPv6 without brackets.
 */
export function normalizeAllowedHost(name: string): string {
  const lower = name.toLowerCase();
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  if (isIP(bare) !== 0 || isHostName(bare)) return bare;
  throw new QcloudMailError({
    code: 'CONFIGURATION',
    message: `allowedHosts: "${name.slice(0, 60)}" is not a host name or IP address (no scheme, port or wildcard)`,
  });
}

/**
 * Decides whether a request's `Host` header names this emulator: a loopback address (127.0.0.0/8, ::1,
 * `localhost`), the address it listens on, or a configured name. Anything else is what a DNS-rebinding page
 * sends (its own name, now pointing at 127.0.0.1), so it never gets an answer it could read.
 */
export function createHostCheck(
  listenHost: string,
  allowedHosts: readonly string[] = [],
): (header?: string) => boolean {
  const allowed = new Set(allowedHosts.map(normalizeAllowedHost));
  allowed.add(normalizeAllowedHost(listenHost));
  return (header) => {
    const host = hostOfHeader(header);
    return host !== undefined && (isLoopback(host) || allowed.has(host));
  };
}
