import { isRegion, type MailClientOptions, REGIONS } from '@qcloudmail/core';
import { CliUsageError } from '../args.js';
import { type CliIo, readInput } from '../io.js';

/** The flags of `qcloudmail send` that say where to connect. */
export interface SendTargetFlags {
  region?: string;
  emulator?: boolean;
  'emulator-url'?: string;
  ca?: string;
}

/** Where a send goes: the client options other than credentials, and a name for messages. */
export interface SendTarget {
  options: Pick<MailClientOptions, 'region' | 'host' | 'port' | 'ca'>;
  /** `smtp.qcloudmail.com:465 (hongkong)` or the emulator's URL. */
  label: string;
}

const DEFAULT_REGION = 'hongkong';
/** Where `qcloudmail emulator` listens by default. */
export const DEFAULT_EMULATOR_URL = 'smtps://127.0.0.1:2465';

function parseEmulatorUrl(url: string): { host: string; port: number } {
  // Implicit TLS only (R2): a plain smtp:// URL would make the test path differ from the real one.
  const match = /^(?:smtps:\/\/)?(\[[^\]]+\]|[^:/\s]+):(\d{1,5})\/?$/i.exec(url.trim());
  const port = Number(match?.[2]);
  if (match === null || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new CliUsageError('send', `invalid emulator URL ${JSON.stringify(url)}: expected smtps://HOST:PORT`);
  }
  return { host: (match[1] ?? '').replace(/^\[(.*)\]$/, '$1'), port };
}

/** Resolves the region, or the emulator's URL and CA, from flags and environment. */
export async function resolveSendTarget(flags: SendTargetFlags, io: CliIo): Promise<SendTarget> {
  const url =
    flags['emulator-url'] ?? (flags.emulator ? io.env.QCLOUDMAIL_EMULATOR_URL || DEFAULT_EMULATOR_URL : undefined);
  if (url === undefined) {
    if (flags.ca !== undefined)
      throw new CliUsageError(
        'send',
        "--ca applies only to the emulator; the service's certificate is publicly trusted (R3)",
      );
    const region = flags.region ?? io.env.QCLOUDMAIL_REGION ?? DEFAULT_REGION;
    if (!isRegion(region)) {
      throw new CliUsageError(
        'send',
        `unknown region ${JSON.stringify(region)}: use ${Object.keys(REGIONS).join(', ')} (R1)`,
      );
    }
    return { options: { region }, label: `${REGIONS[region].host}:465 (${region})` };
  }
  if (flags.region !== undefined) throw new CliUsageError('send', '--region and the emulator exclude each other');
  const { host, port } = parseEmulatorUrl(url);
  const caFile = flags.ca ?? io.env.QCLOUDMAIL_EMULATOR_CA;
  if (caFile === undefined || caFile === '') {
    throw new CliUsageError(
      'send',
      "the emulator's certificate is its own: pass --ca FILE (its CA file, printed when it starts) or set QCLOUDMAIL_EMULATOR_CA",
    );
  }
  const ca = await readInput(caFile, io);
  return {
    options: { host, port, ca },
    label: `smtps://${host.includes(':') ? `[${host}]` : host}:${port} (emulator)`,
  };
}

/** The SMTP credentials from the environment only (R4): never from flags, which land in shell history. */
export function readCredentials(io: CliIo): { user: string; pass: string } {
  const user = io.env.QCLOUDMAIL_USER ?? '';
  const pass = io.env.QCLOUDMAIL_PASS ?? '';
  const missing = [user === '' ? 'QCLOUDMAIL_USER' : '', pass === '' ? 'QCLOUDMAIL_PASS' : ''].filter(Boolean);
  if (missing.length > 0) {
    throw new CliUsageError(
      'send',
      `missing credentials: set ${missing.join(' and ')} (the sender address and its SMTP password, R4), or use --dry-run`,
    );
  }
  return { user, pass };
}
