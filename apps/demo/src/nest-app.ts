import 'reflect-metadata';
import { Body, Controller, HttpCode, type INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MailClientOptions, MailMessageInput } from '@qcloudmail/core';
import {
  getMailerToken,
  InjectMailer,
  QcloudMailExceptionFilter,
  QcloudMailModule,
  type QcloudMailService,
} from '@qcloudmail/nestjs';
import type { RunningApp, SendReply } from './http-app.js';

@Controller()
class SendController {
  // An explicit token: tsx (esbuild) emits no decorator metadata, and the module needs none.
  constructor(@InjectMailer() private readonly mail: QcloudMailService) {}

  @Post('send')
  @HttpCode(202)
  async send(@Body() body: MailMessageInput): Promise<SendReply> {
    const outcome = await this.mail.send(body);
    return {
      messageId: outcome.messageId,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      response: outcome.response,
    };
  }
}

/** A running Nest application, with its mailer for sends from inside the process. */
export interface RunningNestApp extends RunningApp {
  app: INestApplication;
  mailer: QcloudMailService;
}

/**
 * A NestJS 11 application: `QcloudMailModule.forRoot` with the target's endpoint and login, a `POST /send`
 * controller, and `QcloudMailExceptionFilter` answering mail errors with the same statuses as Express.
 */
export async function startNestApp(client: MailClientOptions, port = 0): Promise<RunningNestApp> {
  @Module({ imports: [QcloudMailModule.forRoot(client)], controllers: [SendController] })
  class DemoModule {}

  const app = await NestFactory.create(DemoModule, { logger: false });
  app.useGlobalFilters(new QcloudMailExceptionFilter());
  await app.listen(port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, mailer: app.get<QcloudMailService>(getMailerToken()), close: () => app.close() };
}
