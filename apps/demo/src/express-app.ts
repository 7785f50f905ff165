import type { AddressInfo } from 'node:net';
import type { MailClientOptions } from '@qcloudmail/core';
import { createSendRoute, type QcloudMailMiddleware, qcloudMail } from '@qcloudmail/express';
import express, { type Express } from 'express';
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
  return serveExpressApp(app, mail, port);
}

/** Serves an Express app on 127.0.0.1; closing it closes the server, its open connections and then `mail`. */
export async function serveExpressApp(app: Express, mail: QcloudMailMiddleware, port = 0): Promise<RunningApp> {
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
