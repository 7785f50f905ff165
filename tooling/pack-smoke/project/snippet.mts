// What a user writes against each package's public types. Each @ts-expect-error fails the check when a package's
// types did not resolve or came back as `any`, so a passing check means the declarations were really used.
import {
  createMailClient,
  isQcloudMailError,
  type MailClient,
  type MailClientOptions,
  type MailMessageInput,
  type TemplateRenderer,
  validateMessage,
} from '@qcloudmail/core';
import { type CliExitCode, processIo, runCli } from '@qcloudmail/cli';
import { type Emulator, startEmulator } from '@qcloudmail/emulator';
import { createSendRoute, mailErrorHandler, qcloudMail } from '@qcloudmail/express';
import { QcloudMailModule, QcloudMailService } from '@qcloudmail/nestjs';
import { QcloudMailHealthIndicator } from '@qcloudmail/nestjs/health';
import { createTransporter, type QcloudMailTransporter } from '@qcloudmail/nodemailer';
import { createRedisRateLimitStore, type Outbox, type RedisRateLimitStore } from '@qcloudmail/redis';
import { loadTemplateRenderer } from '@qcloudmail/templates';
import { createHandlebarsRenderer } from '@qcloudmail/templates/handlebars';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

const options: MailClientOptions = { region: 'hongkong', auth: { user: 'noreply@mail.example.com', pass: 'x' } };
const message: MailMessageInput = { from: options.auth.user, to: 'user@example.org', subject: 'Hi', text: 'Hello' };
// @ts-expect-error: a region the service does not have (R1)
createMailClient({ region: 'mars', auth: options.auth });

export async function sendOne(client: MailClient): Promise<string> {
  const outcome = await client.send(message);
  return outcome.messageId;
}
export const valid: boolean = validateMessage(message).ok;
export const isError: (value: unknown) => boolean = isQcloudMailError;

export async function subjects(): Promise<Array<string | undefined>> {
  const emulator: Emulator = await startEmulator({ httpPort: false });
  const seen = emulator.messages.map((stored) => stored.parsed.subject);
  await emulator.close();
  return seen;
}

// Express: the middleware, the route, and req.mail through declaration merging.
export const middleware: RequestHandler = qcloudMail(options);
export const route: RequestHandler = createSendRoute({ authorize: () => true });
export const onError: ErrorRequestHandler = mailErrorHandler();
export const mailOf = (req: Request): MailClient => req.mail;
// @ts-expect-error: authorize is required
createSendRoute({});

// NestJS: the module, the service and the health indicator (the optional @nestjs/terminus peer).
export const mailModule = QcloudMailModule.forRoot(options);
export const sendThrough = (service: QcloudMailService) => service.send(message);
export type Health = QcloudMailHealthIndicator;

// nodemailer: a typed transporter whose close() is a Promise.
const transporter: QcloudMailTransporter = createTransporter(options);
// @ts-expect-error: close() resolves to void
export const closed: Promise<string> = transporter.close();

// Redis: the shared rate-limit store and the outbox's type.
export const store: RedisRateLimitStore = createRedisRateLimitStore('redis://127.0.0.1:6379');
export type UserOutbox = Outbox;

// The CLI as a function.
export const exitCode: Promise<CliExitCode> = runCli(['--version'], processIo());
// @ts-expect-error: the arguments are strings
runCli([1], processIo());

// Templates: a renderer by entry or by engine name, and a send that names a template.
export const handlebars: TemplateRenderer = createHandlebarsRenderer({ dir: 'templates', strict: true });
export const byName: Promise<TemplateRenderer> = loadTemplateRenderer({ engine: 'mjml', dir: 'templates' });
export const sendTemplated = (client: MailClient) =>
  client.send({
    from: options.auth.user,
    to: 'user@example.org',
    subject: 'Order {{id}}',
    template: 'order',
    context: { id: 1 },
  });
// @ts-expect-error: the template directory is required
createHandlebarsRenderer({ strict: true });
