import { Body, Controller, Post, type Type } from '@nestjs/common';
import type { MailMessageInput } from '@qcloudmail/core';
import { InjectMailer, type QcloudMailService } from '../src/index.js';

/** What the test controllers answer a successful send with. */
export interface SentReply {
  messageId: string;
  from: string;
  mailer: string;
}

/** A controller at `path` whose `POST send` sends the JSON body through the mailer `name` (default when omitted). */
export function sendController(path: string, name?: string): Type<unknown> {
  @Controller(path)
  class SendController {
    constructor(@InjectMailer(name) private readonly mail: QcloudMailService) {}

    @Post('send')
    async send(@Body() body: MailMessageInput): Promise<SentReply> {
      const outcome = await this.mail.send(body);
      return { messageId: outcome.messageId, from: outcome.envelope.from, mailer: this.mail.name };
    }
  }
  return SendController;
}
