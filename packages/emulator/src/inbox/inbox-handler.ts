import type { ServerResponse } from 'node:http';
import { type HttpHandler, sendError } from '../http-server.js';
import { INBOX_CSS } from './page-css.js';
import { INBOX_HTML } from './page-html.js';
import { createInboxScriptLoader } from './script-bundle.js';

/**
 * The policy of the inbox page itself: its script and stylesheet come from the emulator (no inline code, no
 * CDN), it talks only to the emulator, and the only frames it shows are the emulator's sandboxed message bodies.
 */
export const INBOX_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// One per process: the bundle is the same for every emulator, and bundling from sources is done once.
const loadScript = createInboxScriptLoader();

interface Asset {
  type: string;
  body: () => string | Promise<string>;
}

const ASSETS: Record<string, Asset> = {
  '/': { type: 'text/html; charset=utf-8', body: () => INBOX_HTML },
  '/inbox/app.js': { type: 'text/javascript; charset=utf-8', body: loadScript },
  '/inbox/app.css': { type: 'text/css; charset=utf-8', body: () => INBOX_CSS },
};

function serve(response: ServerResponse, type: string, text: string, head: boolean): void {
  const body = Buffer.from(text, 'utf8');
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'content-security-policy': INBOX_PAGE_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(head ? undefined : body);
}

/**
 * The inbox web page at `/` (its script at `/inbox/app.js`, its stylesheet at `/inbox/app.css`): the received
 * and refused messages, live, with their verdicts, and the fault controls. It uses the JSON API only.
 */
export function createInboxHandler(): HttpHandler {
  return async (request, response, url) => {
    const asset = ASSETS[url.pathname];
    if (asset === undefined) return false;
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET, HEAD');
      return true;
    }
    let text: string;
    try {
      text = await asset.body();
    } catch (error) {
      // The server's own part is missing: not the request's fault.
      sendError(response, 500, 'INBOX_UNAVAILABLE', (error as Error).message);
      return true;
    }
    serve(response, asset.type, text, method === 'HEAD');
    return true;
  };
}
