import type { AddressInfo } from 'node:net';
import type { MailClientOptions, MailMessageInput } from '@qcloudmail/core';
import { mailErrorHandler, qcloudMail } from '@qcloudmail/express';
import express from 'express';
import type { RunningApp, SendReply } from './http-app.js';

/**
 * An Express 5 application with the `qcloudMail` middleware (one shared client on `req.mail`), a
 * `POST /send` route that sends the JSON body, and `mailErrorHandler` turning mail errors into 422/429/5xx JSON.
 */
export async function startExpressApp(client: MailClientOptions, port = 0): Promise<RunningApp> {
  const app = express();
  const mail = qcloudMail(client);
  app.use(express.json({ limit: '2mb' }));
  app.use(mail);
  app.post('/send', async (req, res) => {
    const outcome = await req.mail.send(req.body as MailMessageInput);
    const reply: SendReply = {
      messageId: outcome.messageId,
      accepted: outcome.accepted,
      rejected: outcome.rejected,
      response: outcome.response,
    };
    res.status(202).json(reply);
  });
  app.use(mailErrorHandler());
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  mail.closeWithServer(server);
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await mail.close();
    },
  };
}
