import { isRegion, QcloudMailError, REGIONS } from '@qcloudmail/core';
import type { DemoTarget } from './target.js';

/** The environment variables that switch the demo to the real service. */
export const SERVICE_ENV = ['QCLOUDMAIL_USER', 'QCLOUDMAIL_PASS', 'QCLOUDMAIL_REGION', 'QCLOUDMAIL_TO'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** True when the environment asks for the real service (the user and password are set). */
export function wantsRealService(env: Env): boolean {
  return Boolean(env.QCLOUDMAIL_USER && env.QCLOUDMAIL_PASS);
}

/**
 * The real service from the environment: `QCLOUDMAIL_REGION` (R1: hongkong, guangzhou or singapore),
 * `QCLOUDMAIL_USER` and `QCLOUDMAIL_PASS` (a console sender and its SMTP password, R4) and `QCLOUDMAIL_TO`,
 * the one recipient of every message. Missing values are a `CONFIGURATION` error naming the variable.
 */
export function serviceTarget(env: Env): DemoTarget {
  const missing = SERVICE_ENV.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: `To send through the real service set ${missing.join(', ')} (or unset QCLOUDMAIL_USER to use the emulator)`,
    });
  }
  const region = env.QCLOUDMAIL_REGION;
  if (!isRegion(region)) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: `QCLOUDMAIL_REGION must be one of ${Object.keys(REGIONS).join(', ')} (R1)`,
    });
  }
  const user = env.QCLOUDMAIL_USER as string;
  const to = env.QCLOUDMAIL_TO as string;
  return {
    kind: 'service',
    client: { region, auth: { user, pass: env.QCLOUDMAIL_PASS as string } },
    from: user,
    recipient: () => to,
    emulator: undefined,
    describe: [
      ['target', `Tencent Cloud SES, region ${region} (${REGIONS[region].host}:465)`],
      ['sender', user],
      ['recipient', to],
    ],
    close: async () => {},
  };
}
