import 'reflect-metadata';
import { type CanActivate, type ExecutionContext, type INestApplication, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MailClientOptions } from '@qcloudmail/core';
import { createSendController, getMailerToken, QcloudMailModule, type QcloudMailService } from '@qcloudmail/nestjs';
import { isDemoBearer } from './demo-token.js';
import type { RunningApp } from './http-app.js';

/** The application's own authorization, as a Nest guard: the demo's bearer token. */
@Injectable()
export class DemoTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return isDemoBearer(context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers.authorization);
  }
}

/** A running Nest application, with its mailer for sends from inside the process. */
export interface RunningNestApp extends RunningApp {
  app: INestApplication;
  mailer: QcloudMailService;
}

/**
 * A NestJS 11 application: `QcloudMailModule.forRoot` with the target's endpoint and login, and the package's
 * send controller at `POST /send` behind `DemoTokenGuard`. It answers exactly as the Express route does.
 */
export async function startNestApp(client: MailClientOptions, port = 0): Promise<RunningNestApp> {
  @Module({
    imports: [QcloudMailModule.forRoot(client)],
    // The demo's callers hold its token, so they may name a template (the client says when it has no renderer).
    controllers: [createSendController({ path: 'send', guards: [DemoTokenGuard], templates: true })],
  })
  class DemoModule {}

  // Without Nest's JSON parser (100 kB by default) the controller reads the body itself, within its bounds.
  const app = await NestFactory.create(DemoModule, { logger: false, bodyParser: false });
  await app.listen(port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, mailer: app.get<QcloudMailService>(getMailerToken()), close: () => app.close() };
}
