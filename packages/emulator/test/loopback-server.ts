import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test server on a free loopback port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Closes the server and the connections still open (a keep-alive one would hold `close` forever). */
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1 at a free port: the stand-ins the emulator's tests talk to (an image host, a
 * callback receiver). `@qcloudmail/test-helpers` has the same for other packages, but depends on this one.
 */
export async function listenOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
