import type { MailClientOptions } from '@qcloudmail/core';
import { createEventRoute, createSendRoute, qcloudMail } from '@qcloudmail/express';
import express from 'express';
import { isDemoBearer } from './demo-token.js';
import { serveExpressApp } from './express-app.js';
import type { RunningApp } from './http-app.js';
import type { SuppressionRecorder } from './suppression-recorder.js';

/** The path of the demo apps' callback routes (the console's callback URL, with `?token=`). */
export const EVENTS_PATH = 'ses/events';

/**
 * An Express application that sends with a suppression list (R30) and receives the provider's delivery events
 * on `POST /ses/events?token=<secret>` (R26): each event goes to the recorder, which feeds the list.
 */
export async function startEventsExpressApp(
  client: MailClientOptions,
  recorder: SuppressionRecorder,
  secret: string,
): Promise<RunningApp> {
  const app = express();
  const mail = qcloudMail({ ...client, suppression: recorder.list });
  app.use(mail);
  app.post('/send', createSendRoute({ authorize: (req) => isDemoBearer(req.headers.authorization) }));
  app.post(`/${EVENTS_PATH}`, createEventRoute({ secret, onEvents: (events) => recorder.record(events) }));
  return serveExpressApp(app, mail);
}
