import { createReadStream } from 'node:fs';
import { QcloudMailError } from '@qcloudmail/core';
import { type ContentSlot, isDataUri, isReadableStream, readContent, readDataUri } from '@qcloudmail/core/internal';

/** The transport's file policy for one message: files only when allowed and not switched off by the message. */
export interface FilePolicy {
  /** The transport's `allowFileAccess`. */
  allowFileAccess: boolean;
  /** nodemailer's `disableFileAccess`: only ever restricts more. */
  disableFileAccess: boolean;
}

// A path with a scheme (http://, file://, ...) is a URL, never a file name.
function isUrl(location: string): boolean {
  const colon = location.indexOf('://');
  return colon > 0 && /^[a-z][a-z0-9+.-]*$/i.test(location.slice(0, colon));
}

/**
 * The content of one of nodemailer's content forms (a string, bytes, a stream, `{ content }`, a data: URI or an
 * allowed file `path`) read by core's bounded reader; `undefined` when the form is one the transport does not
 * translate (an `href`, a file without `allowFileAccess`, anything else), so that core refuses it as given.
 */
export async function resolveContent(
  value: unknown,
  slot: ContentSlot,
  files: FilePolicy,
): Promise<string | Buffer | undefined> {
  if (typeof value === 'string' || value instanceof Uint8Array || isReadableStream(value)) {
    return readContent(value, slot);
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const source = value as { content?: unknown; path?: unknown; href?: unknown; encoding?: unknown };
  if (source.content !== undefined) {
    const content = await resolveContent(source.content, slot, files);
    if (typeof content !== 'string' || typeof source.encoding !== 'string') return content;
    const encoding = source.encoding.toLowerCase();
    return Buffer.isEncoding(encoding) ? Buffer.from(content, encoding) : undefined;
  }
  for (const key of ['path', 'href'] as const) {
    const location = source[key];
    // A data: URI carries its bytes inline: no file and no network is involved.
    if (typeof location === 'string' && isDataUri(location)) return readDataUri(location, slot, key);
  }
  const { path } = source;
  if (typeof path !== 'string' || isUrl(path) || !files.allowFileAccess || files.disableFileAccess) return undefined;
  if (slot.signal?.aborted) throw new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted' });
  return readContent(createReadStream(path), slot);
}
