import type { IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

/** One request the receiver got: its path and query, content type and parsed JSON body. */
export interface ReceivedCallback {
  url: URL;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

/** A stand-in for an application's callback route: records every POST, answers from a list of statuses. */
export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** The statuses of the next answers, in order; 200 once they run out. */
  answers: number[];
  /** Resolves once `count` requests have arrived (at once if they have). */
  waitFor(count: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a receiver on a random loopback port; `path` is appended to its URL. */
export async function startReceiver(path = '/ses/events'): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const answers: number[] = [];
  const waiters: Array<{ count: number; resolve: (all: ReceivedCallback[]) => void }> = [];
  const server = await listenOnLoopback((request, response) => {
    void readBody(request).then((text) => {
      received.push({
        url: new URL(request.url ?? '/', 'http://receiver.invalid'),
        contentType: request.headers['content-type'],
        body: JSON.parse(text) as Record<string, unknown>,
      });
      response.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' });
      response.end('ok');
      for (const waiter of waiters.filter((entry) => received.length >= entry.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve([...received]);
      }
    });
  });
  return {
    url: `${server.url}${path}`,
    received,
    answers,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve([...received])
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: server.close,
  };
}
