import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { methodNotAllowed, readJson, sendError, sendJson } from '../http-server.js';
import { toEventView } from '../message-views.js';
import { parseOnDemandEvent } from './on-demand-request.js';

/**
 * `GET /api/messages/:id/events`: the message's event timeline; `POST` with `{event, recipient?, link?,
 * userAgent?}`: an on-demand open, click, unsubscribe or spamreport, posted at once (202 with its entry).
 */
export async function serveMessageEvents(
  context: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
): Promise<true> {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') return methodNotAllowed(response, 'GET, POST');
  const message = context.store.get(id);
  if (message === undefined) {
    sendError(response, 404, 'NOT_FOUND', `No message ${id}`);
    return true;
  }
  if (method === 'GET') {
    sendJson(response, 200, { events: message.events.map(toEventView) });
    return true;
  }
  const body = await readJson(request);
  const record = context.deliveryEvents.trigger(message, parseOnDemandEvent(message, body));
  sendJson(response, 202, toEventView(record));
  return true;
}
