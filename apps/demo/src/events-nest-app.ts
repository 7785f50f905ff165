import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MailClientOptions, SesEvent } from '@qcloudmail/core';
import { createSendController, QcloudMailModule } from '@qcloudmail/nestjs';
import { type QcloudMailEventsHandler, QcloudMailEventsModule } from '@qcloudmail/nestjs/events';
import { EVENTS_PATH } from './events-express-app.js';
import type { RunningApp } from './http-app.js';
import { DemoTokenGuard } from './nest-app.js';
import type { SuppressionRecorder } from './suppression-recorder.js';

const RECORDER = Symbol('demo suppression recorder');

/** The application's handler of delivery events, as Nest injects it: each event feeds the suppression list. */
@Injectable()
class SuppressionEventsHandler implements QcloudMailEventsHandler {
  constructor(@Inject(RECORDER) private readonly recorder: SuppressionRecorder) {}

  handleEvents(events: readonly SesEvent[]): Promise<void> {
    return this.recorder.record(events);
  }
}

/**
 * A NestJS application that sends with a suppression list (R30) and receives delivery events with
 * `QcloudMailEventsModule` at `POST /ses/events?token=<secret>` (R26), handed to `SuppressionEventsHandler`.
 */
export async function startEventsNestApp(
  client: MailClientOptions,
  recorder: SuppressionRecorder,
  secret: string,
): Promise<RunningApp> {
  @Module({
    imports: [
      QcloudMailModule.forRoot({ ...client, suppression: recorder.list }),
      QcloudMailEventsModule.forRoot({ path: EVENTS_PATH, secret, handler: SuppressionEventsHandler }),
    ],
    controllers: [createSendController({ path: 'send', guards: [DemoTokenGuard] })],
    providers: [{ provide: RECORDER, useValue: recorder }, SuppressionEventsHandler],
  })
  class EventsDemoModule {}

  const app = await NestFactory.create(EventsDemoModule, { logger: false, bodyParser: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, close: () => app.close() };
}
