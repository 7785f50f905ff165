/** A `data:` URI taken apart: its media type and whether its body is base64. */
export interface DataUriParts {
  mediaType: string;
  base64: boolean;
  body: string;
}

/** True when `text` starts with `data:` (any case). */
export function isDataUri(text: string): boolean {
  return text.length >= 5 && text.slice(0, 5).toLowerCase() === 'data:';
}

/**
 * Takes a `data:` URI apart by `indexOf` (no regular expression, so no backtracking on hostile text);
 * `undefined` when it is none.
 */
export function splitDataUri(uri: string): DataUriParts | undefined {
  if (!isDataUri(uri)) return undefined;
  const comma = uri.indexOf(',', 5);
  if (comma < 0) return undefined;
  const meta = uri.slice(5, comma);
  const base64 = meta.length >= 7 && meta.slice(-7).toLowerCase() === ';base64';
  return { mediaType: base64 ? meta.slice(0, -7) : meta, base64, body: uri.slice(comma + 1) };
}

/** The smallest a data: body can decode to, whitespace and percent-escapes aside: checked before decoding. */
export function decodedSizeFloor(parts: DataUriParts): number {
  // Base64 may be wrapped (a line break every 76 characters), and %XX is three characters for one byte.
  return parts.base64 ? Math.floor((parts.body.length * 3) / 4 / 1.1) - 3 : Math.floor(parts.body.length / 3);
}

/** Decodes a data: body; throws (a `URIError`) on a malformed percent-escape. */
export function decodeDataUriBody(parts: DataUriParts): Buffer {
  return parts.base64 ? Buffer.from(parts.body, 'base64') : Buffer.from(decodeURIComponent(parts.body), 'utf8');
}
