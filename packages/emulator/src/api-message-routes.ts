import type { ServerResponse } from 'node:http';
import { attachmentDisposition } from './content-disposition.js';
import type { EmulatorContext } from './context.js';
import { sendError, sendJson } from './http-server.js';
import { withInboxFont } from './inbox/message-html-font.js';
import { toDetail, toSummary } from './message-views.js';
import type { StoredMessage } from './types.js';

/**
 * The policy of a message's own HTML: nothing may run or load except inline styles and embedded images (and,
 * when asked, remote images); `sandbox` makes the document script-less even when opened outside the inbox.
 */
export function messageHtmlPolicy(remoteImages: boolean): string {
  const images = remoteImages ? 'data: cid: https: http:' : 'data: cid:';
  return [
    "default-src 'none'",
    `img-src ${images}`,
    "style-src 'unsafe-inline'",
    // 'self' for the package's CJK font (inbox/message-html-font.ts), which keeps Chinese readable on a bare machine.
    "font-src data: 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox',
  ].join('; ');
}

function sendBytes(response: ServerResponse, type: string, disposition: string, content: Buffer): true {
  response.writeHead(200, {
    'content-type': type,
    'content-length': content.length,
    'content-disposition': disposition,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(content);
  return true;
}

function sendHtml(response: ServerResponse, message: StoredMessage, remoteImages: boolean): true {
  const html = message.parsed.html;
  if (html === undefined) {
    sendError(response, 404, 'NOT_FOUND', `Message ${message.id} has no HTML body`);
    return true;
  }
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': messageHtmlPolicy(remoteImages),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(withInboxFont(html));
  return true;
}

/** `GET /api/messages` with its optional `status` filter, newest first. */
export function listMessages(context: EmulatorContext, response: ServerResponse, status: string | null): true {
  const list = context.store
    .all()
    .filter((message) => status === null || message.status === status)
    .reverse()
    .map(toSummary);
  sendJson(response, 200, { messages: list });
  return true;
}

/**
 * The routes of one message: the detail (`''`), `raw`, `attachments/:index` and `html` (the message's HTML
 * under a strict policy, `?images=remote` to allow remote images). False for an unknown sub-path.
 */
export function serveMessage(
  context: EmulatorContext,
  response: ServerResponse,
  url: URL,
  id: string,
  sub: string | undefined,
  index: string | undefined,
): boolean {
  const message = context.store.get(id);
  if (message === undefined) {
    sendError(response, 404, 'NOT_FOUND', `No message ${id}`);
    return true;
  }
  if (sub === undefined) {
    sendJson(response, 200, toDetail(message));
    return true;
  }
  if (sub === 'raw' && index === undefined) {
    return sendBytes(
      response,
      'message/rfc822',
      attachmentDisposition(`message-${message.id}.eml`, 'message'),
      message.raw,
    );
  }
  if (sub === 'html' && index === undefined) {
    return sendHtml(response, message, url.searchParams.get('images') === 'remote');
  }
  if (sub === 'attachments' && index !== undefined) {
    const attachment = /^\d+$/.test(index) ? message.parsed.attachments[Number(index)] : undefined;
    if (attachment === undefined) {
      sendError(response, 404, 'NOT_FOUND', `Message ${id} has no attachment ${index}`);
      return true;
    }
    const disposition = attachmentDisposition(attachment.filename, `attachment-${index}`);
    return sendBytes(response, attachment.contentType || 'application/octet-stream', disposition, attachment.content);
  }
  return false;
}
