import type { ServerResponse } from 'node:http';
import { type HttpHandler, sendError } from '../http-server.js';
import { INBOX_CSS } from './page-css.js';
import { INBOX_HTML } from './page-html.js';
import { SCRIPT_DETAIL } from './script-detail.js';
import { SCRIPT_DOM } from './script-dom.js';
import { SCRIPT_FAULTS } from './script-faults.js';
import { SCRIPT_LIST } from './script-list.js';
import { SCRIPT_MAIN } from './script-main.js';
import { SCRIPT_TABS } from './script-tabs.js';

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

const SCRIPT = `(() => {\n'use strict';\n${[SCRIPT_DOM, SCRIPT_LIST, SCRIPT_DETAIL, SCRIPT_TABS, SCRIPT_FAULTS, SCRIPT_MAIN].join('\n')}\n})();\n`;

const ASSETS: Record<string, { type: string; body: string }> = {
  '/': { type: 'text/html; charset=utf-8', body: INBOX_HTML },
  '/inbox/app.js': { type: 'text/javascript; charset=utf-8', body: SCRIPT },
  '/inbox/app.css': { type: 'text/css; charset=utf-8', body: INBOX_CSS },
};

function serve(response: ServerResponse, asset: { type: string; body: string }, head: boolean): void {
  const body = Buffer.from(asset.body, 'utf8');
  response.writeHead(200, {
    'content-type': asset.type,
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
  return (request, response, url) => {
    const asset = ASSETS[url.pathname];
    if (asset === undefined) return false;
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET, HEAD');
      return true;
    }
    serve(response, asset, method === 'HEAD');
    return true;
  };
}
