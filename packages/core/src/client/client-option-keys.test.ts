import { describe, expect, it } from 'vitest';
import type { MailClientOptions } from './types.js';
import { isMailClientOption } from './client-option-keys.js';

describe('isMailClientOption', () => {
  it("accepts every option of createMailClient's options", () => {
    const every: Required<MailClientOptions> = {
      region: 'hongkong',
      host: 'localhost',
      port: 465,
      ca: 'pem',
      servername: 'localhost',
      auth: { user: 'u@example.com', pass: 'p' },
      appId: 'app',
      pool: {},
      timeouts: {},
      retry: false,
      rateLimit: false,
      recipients: 'single',
      limits: {},
      maxTlsVersion: 'TLSv1.3',
      logger: () => {},
      clock: { now: () => 0, sleep: async () => {} },
      telemetry: false,
      suppression: {
        add: async () => {},
        remove: async () => false,
        get: async () => undefined,
        check: async () => new Map(),
      },
      templates: { engine: 'test', render: () => ({ text: '' }) },
    };
    expect(Object.keys(every).filter((key) => !isMailClientOption(key))).toEqual([]);
  });

  it.each(['transport', 'secure', 'tls', 'defaults', 'constructor', 'toString', '__proto__', ''])(
    'refuses %j',
    (key) => {
      expect(isMailClientOption(key)).toBe(false);
    },
  );
});
