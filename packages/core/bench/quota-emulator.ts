// The emulator of the quota bench, in its own process (as the service would be): started with the options given
// as JSON in argv[2], it prints one READY line with its addresses and CA, and stops on SIGTERM.
import { startTestEmulator } from '@qcloudmail/test-helpers';

const config = JSON.parse(process.argv[2] ?? '{}') as { countAt?: 'data-end' | 'reply' };
const emulator = await startTestEmulator({
  httpPort: 0,
  maxMessages: 10_000,
  rateLimit: { countAt: config.countAt ?? 'reply' },
});
process.stdout.write(
  `READY ${JSON.stringify({ host: emulator.host, port: emulator.port, ca: emulator.ca, http: emulator.httpUrl })}\n`,
);
process.once('SIGTERM', () => {
  emulator.close().then(() => process.exit(0));
});
