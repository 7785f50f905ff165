import type { AddressInfo } from 'node:net';
import type { MailClientOptions } from '@qcloudmail/core';
import { createSendRoute, qcloudMail } from '@qcloudmail/express';
import express from 'express';
import { isDemoBearer } from './demo-token.js';
import type { RunningApp } from './http-app.js';

/**
 * An Express 5 application with the `qcloudMail` middleware (one shared client on `req.mail`) and the
 * package's own send route at `POST /send`, which lets through only the demo's bearer token. The route reads
 * its JSON body itself (no `express.json()` in front), within its size and shape bounds.
 */
export async function startExpressApp(client: MailClientOptions, port = 0): Promise<RunningApp> {
  const app = express();
  const mail = qcloudMail(client);
  app.use(mail);
  // The demo's callers hold its token, so they may name a template (the client says when it has no renderer).
  app.post('/send', createSendRoute({ authorize: (req) => isDemoBearer(req.headers.authorization), templates: true }));
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
