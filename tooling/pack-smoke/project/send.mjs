// Starts the installed emulator and sends it one message with the installed core client over verified TLS
// (trusting the emulator's own CA); exits 0 only if the emulator stored exactly that message as accepted.
import { createMailClient } from '@qcloudmail/core';
import { startEmulator } from '@qcloudmail/emulator';

const sender = { user: 'noreply@mail.example.com', pass: 'pack-smoke-secret' };
const emulator = await startEmulator({ users: [sender], appId: 'pack-smoke', httpPort: false });
const client = createMailClient({
  host: emulator.host,
  port: emulator.port,
  ca: emulator.ca,
  auth: sender,
  appId: 'pack-smoke',
  retry: false,
});
try {
  const subject = `pack-smoke ${process.pid}`;
  const outcome = await client.send({ from: sender.user, to: 'user@example.org', subject, text: 'Hello' });
  const stored = await emulator.waitForMessage((message) => message.parsed.subject === subject, 5000);
  if (stored.status !== 'accepted' || emulator.messages.length !== 1) {
    throw new Error(`emulator stored ${stored.status}, ${emulator.messages.length} accepted: ${stored.reply}`);
  }
  console.log(`${outcome.response} ${outcome.messageId}`);
} finally {
  await client.close();
  await emulator.close();
}
