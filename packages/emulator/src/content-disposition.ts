// Characters RFC 5987 allows unencoded in an ext-value; everything else is percent-encoded as UTF-8.
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeExtValue(value: string): string {
  let out = '';
  for (const char of value) {
    if (ATTR_CHAR.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The `Content-Disposition` of a download: `attachment` with a quoted ASCII `filename` and, when the name is
 * not plain ASCII, an RFC 6266 `filename*` in UTF-8, so that Chinese names survive; path separators, quotes
 * and control characters never reach the header.
 */
export function attachmentDisposition(name: string, fallback: string): string {
  // Separators and control characters would let a name pick a directory or break the header line.
  const clean = name
    .replace(/[\u0000-\u001f\u007f/\\]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (clean === '') return `attachment; filename="${fallback}"`;
  if (/^[\w.\- ]+$/.test(clean)) return `attachment; filename="${clean}"`;
  // Old clients read only `filename`: give them the fallback with the name's extension when it is plain.
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(clean)?.[0] ?? '';
  return `attachment; filename="${fallback}${extension}"; filename*=UTF-8''${encodeExtValue(clean)}`;
}
