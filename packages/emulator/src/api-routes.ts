import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import type { FaultSpec } from './fault-spec.js';
import { type HttpHandler, readJson, sendError, sendJson } from './http-server.js';
import { toDetail, toSummary } from './message-views.js';
import type { StoredMessage } from './types.js';

/** What the API can do beyond the shared context. */
export interface ApiActions {
  /** Clears messages, faults, rate-limit windows and counters. */
  reset(): void;
}

function methodNotAllowed(response: ServerResponse, allowed: string): true {
  response.setHeader('allow', allowed);
  sendError(response, 405, 'METHOD_NOT_ALLOWED', `Use ${allowed}`);
  return true;
}

function safeFilename(name: string, fallback: string): string {
  const cleaned = name.replace(/[^\w.\- ]+/g, '_').trim();
  return cleaned === '' ? fallback : cleaned;
}

function sendBytes(response: ServerResponse, type: string, filename: string, content: Buffer): true {
  response.writeHead(200, {
    'content-type': type,
    'content-length': content.length,
    'content-disposition': `attachment; filename="${filename}"`,
    'x-content-type-options': 'nosniff',
  });
  response.end(content);
  return true;
}

/**
 * The JSON API under `/api`: messages (list, one, raw .eml, attachments, clear), faults (list, add, remove,
 * clear), stats, accounts and reset. Every other path is left to the next handler.
 */
export function createApiHandler(context: EmulatorContext, actions: ApiActions): HttpHandler {
  return async (request, response, url) => {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'api') return false;
    const method = request.method ?? 'GET';
    const [, resource, id, sub, index] = parts;

    if (resource === 'messages' && id === undefined) {
      if (method === 'DELETE') {
        context.store.clear();
        sendJson(response, 200, { cleared: true });
        return true;
      }
      if (method !== 'GET') return methodNotAllowed(response, 'GET, DELETE');
      const status = url.searchParams.get('status');
      const list = context.store
        .all()
        .filter((message: StoredMessage) => status === null || message.status === status)
        .reverse()
        .map(toSummary);
      sendJson(response, 200, { messages: list });
      return true;
    }
    if (resource === 'messages' && id !== undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      const message = context.store.get(id);
      if (message === undefined) {
        sendError(response, 404, 'NOT_FOUND', `No message ${id}`);
        return true;
      }
      if (sub === undefined) {
        sendJson(response, 200, toDetail(message));
        return true;
      }
      if (sub === 'raw' && index === undefined)
        return sendBytes(response, 'message/rfc822', `message-${message.id}.eml`, message.raw);
      if (sub === 'attachments' && index !== undefined) {
        const attachment = /^\d+$/.test(index) ? message.parsed.attachments[Number(index)] : undefined;
        if (attachment === undefined) {
          sendError(response, 404, 'NOT_FOUND', `Message ${id} has no attachment ${index}`);
          return true;
        }
        const name = safeFilename(attachment.filename, `attachment-${index}`);
        return sendBytes(response, attachment.contentType || 'application/octet-stream', name, attachment.content);
      }
      return false;
    }
    if (resource === 'faults') {
      if (id !== undefined) {
        if (method !== 'DELETE') return methodNotAllowed(response, 'DELETE');
        const removed = context.faults.remove(id);
        if (removed) sendJson(response, 200, { removed: id });
        else sendError(response, 404, 'NOT_FOUND', `No fault ${id}`);
        return true;
      }
      if (method === 'GET') sendJson(response, 200, { faults: context.faults.list() });
      else if (method === 'POST') sendJson(response, 201, context.faults.add((await readJson(request)) as FaultSpec));
      else if (method === 'DELETE') {
        context.faults.clear();
        sendJson(response, 200, { cleared: true });
      } else return methodNotAllowed(response, 'GET, POST, DELETE');
      return true;
    }
    if (resource === 'stats' && id === undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      sendJson(response, 200, { ...context.stats, stored: context.store.all().length });
      return true;
    }
    if (resource === 'accounts' && id === undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      sendJson(response, 200, { accounts: context.accounts.describe() });
      return true;
    }
    if (resource === 'reset' && id === undefined) {
      if (method !== 'POST') return methodNotAllowed(response, 'POST');
      actions.reset();
      sendJson(response, 200, { reset: true });
      return true;
    }
    return false;
  };
}
