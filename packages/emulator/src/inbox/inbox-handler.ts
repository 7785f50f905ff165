import type { ServerResponse } from 'node:http';
import { type HttpHandler, methodNotAllowed, sendError } from '../http-server.js';
import { createFontLoader, INBOX_FONT } from './font-asset.js';
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
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// One per process: the bundle and the font are the same for every emulator, and each is made or read once.
const loadScript = createInboxScriptLoader();
const loadFont = createFontLoader();

/** One file of the page; `etag` only for what is worth caching (the font, which never changes in a run). */
interface Asset {
  type: string;
  body: () => Promise<{ body: Buffer; etag?: string }>;
}

const fromText = (read: () => string | Promise<string>) => async () => ({ body: Buffer.from(await read(), 'utf8') });

const ASSETS: Record<string, Asset> = {
  '/': { type: 'text/html; charset=utf-8', body: fromText(() => INBOX_HTML) },
  '/inbox/app.js': { type: 'text/javascript; charset=utf-8', body: fromText(loadScript) },
  '/inbox/app.css': { type: 'text/css; charset=utf-8', body: fromText(() => INBOX_CSS) },
  [INBOX_FONT.path]: { type: 'font/woff2', body: loadFont },
};

function serve(response: ServerResponse, type: string, body: Buffer, etag: string | undefined, head: boolean): void {
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'content-security-policy': INBOX_PAGE_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    // The font is 0.6 MB: revalidated by its tag rather than fetched again for every page load. A message's HTML
    // view loads it too, from a sandboxed frame whose origin is opaque: fonts are fetched with CORS, so it says `*`
    // (an openly licensed font, nothing private).
    ...(etag === undefined
      ? { 'cache-control': 'no-store' }
      : { 'cache-control': 'no-cache', etag, 'access-control-allow-origin': '*' }),
  });
  response.end(head ? undefined : body);
}

/**
 * The inbox web page at `/` (its script at `/inbox/app.js`, its stylesheet at `/inbox/app.css`, its Chinese
 * font under `/inbox/fonts/`): the received
 * and refused messages, live, with their verdicts, and the fault controls. It uses the JSON API only.
 */
export function createInboxHandler(): HttpHandler {
  return async (request, response, url) => {
    const asset = ASSETS[url.pathname];
    if (asset === undefined) return false;
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
    let file: { body: Buffer; etag?: string };
    try {
      file = await asset.body();
    } catch (error) {
      // The server's own part is missing: not the request's fault.
      sendError(response, 500, 'INBOX_UNAVAILABLE', (error as Error).message);
      return true;
    }
    if (file.etag !== undefined && request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, { etag: file.etag, 'cache-control': 'no-cache' });
      response.end();
      return true;
    }
    serve(response, asset.type, file.body, file.etag, method === 'HEAD');
    return true;
  };
}
