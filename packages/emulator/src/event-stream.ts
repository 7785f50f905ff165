import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { toSummary } from './message-views.js';

// A comment line now and then keeps proxies and the browser from closing an idle stream.
const HEARTBEAT_MS = 15_000;

function send(response: ServerResponse, event: string, data: unknown): void {
  // JSON.stringify never emits a raw newline, so one `data:` line carries the whole payload.
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Serves `GET /api/events` as server-sent events: `message` (a summary, as in the list) when a message is
 * stored, `timeline` (`{id}`) when a message's delivery events change, `cleared` when the messages are forgotten, and `faults` (the active faults) when they change. The
 * first events are the current faults, so a page that reconnects is up to date.
 */
export function serveEventStream(context: EmulatorContext, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  response.write('retry: 2000\n\n');
  send(response, 'faults', { faults: context.faults.list() });
  const stopMessages = context.store.subscribe((event) => {
    if (event.type === 'message') send(response, 'message', toSummary(event.message));
    else if (event.type === 'timeline') send(response, 'timeline', { id: event.message.id });
    else send(response, 'cleared', {});
  });
  const stopFaults = context.faults.subscribe((faults) => send(response, 'faults', { faults }));
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = (): void => {
    clearInterval(heartbeat);
    stopMessages();
    stopFaults();
  };
  request.once('close', stop);
  response.once('close', stop);
}
