import { SES_ERROR_CATALOG } from '@qcloudmail/core';
import { listMessages, serveMessage } from './api-message-routes.js';
import { serveMessageEvents } from './callbacks/event-routes.js';
import type { EmulatorContext } from './context.js';
import { serveEventStream } from './event-stream.js';
import type { FaultSpec } from './fault-spec.js';
import { pathSegments } from './http-failure.js';
import { ruleLinks } from './rule-links.js';
import { assertJsonRequest, type HttpHandler, methodNotAllowed, readJson, sendError, sendJson } from './http-server.js';

/** One provider code of core's catalog, as the inbox's fault form lists it. */
export interface CatalogCode {
  code: string;
  category: string;
  retryable: boolean;
  meaningEn: string;
  meaningZh: string;
}

function catalogForPage(): CatalogCode[] {
  return SES_ERROR_CATALOG.map(({ code, category, retryable, meaningEn, meaningZh }) => ({
    code,
    category,
    retryable,
    meaningEn,
    meaningZh,
  }));
}

/** What the API can do and know beyond the shared context. */
export interface ApiActions {
  /** Clears messages, faults, rate-limit windows and counters. */
  reset(): void;
  /** The checked `rulesBaseUrl` option, null when none was given. */
  rulesBaseUrl?: string | null;
}

/**
 * The JSON API under `/api`: messages (list, one, raw .eml, attachments, HTML body, delivery events, clear), faults (list, add,
 * remove, clear), the reply latency (read, set), live events, the provider codes of core's catalog, the rules' titles and links, stats, accounts and reset. Every other path is left to the next handler.
 */
export function createApiHandler(context: EmulatorContext, actions: ApiActions): HttpHandler {
  return async (request, response, url) => {
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return false;
    const parts = pathSegments(url.pathname);
    const method = request.method ?? 'GET';
    const [, resource, id, sub, index] = parts;

    if (resource === 'messages' && id === undefined) {
      if (method === 'DELETE') {
        context.store.clear();
        sendJson(response, 200, { cleared: true });
        return true;
      }
      if (method !== 'GET') return methodNotAllowed(response, 'GET, DELETE');
      return listMessages(context, response, url.searchParams.get('status'));
    }
    if (resource === 'messages' && id !== undefined && sub === 'events' && index === undefined) {
      return serveMessageEvents(context, request, response, id);
    }
    if (resource === 'messages' && id !== undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      return serveMessage(context, response, url, id, sub, index);
    }
    if (resource === 'events' && id === undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      serveEventStream(context, request, response);
      return true;
    }
    if (resource === 'catalog' && id === undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      sendJson(response, 200, { codes: catalogForPage() });
      return true;
    }
    if (resource === 'rules' && id === undefined) {
      if (method !== 'GET') return methodNotAllowed(response, 'GET');
      sendJson(response, 200, { rules: ruleLinks(actions.rulesBaseUrl ?? null) });
      return true;
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
    if (resource === 'latency' && id === undefined) {
      if (method === 'GET') sendJson(response, 200, context.latency.get());
      else if (method === 'POST') sendJson(response, 200, context.latency.set(await readJson(request)));
      else return methodNotAllowed(response, 'GET, POST');
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
      assertJsonRequest(request);
      actions.reset();
      sendJson(response, 200, { reset: true });
      return true;
    }
    return false;
  };
}
