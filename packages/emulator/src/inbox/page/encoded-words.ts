/** RFC 2047 encoded words in header lines, decoded in the browser, which knows every charset mail uses. */

// Both match in linear time: no part can match what the part after it starts with.
const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g;
const FOLD = /\r?\n(?=[ \t])/g;

function bytesOfB(text: string): Uint8Array {
  try {
    const binary = atob(text.replace(/[^A-Za-z0-9+/]/g, ''));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    // Broken base64 (a length that no padding fixes): shown as it came.
    return new TextEncoder().encode(text);
  }
}

function bytesOfQ(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    const hex = text.slice(i + 1, i + 3);
    if (char === 0x5f) out.push(0x20);
    else if (char === 0x3d && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(char & 0xff);
  }
  return Uint8Array.from(out);
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    // A charset the browser does not know: UTF-8 with replacement characters is the least surprising reading.
    return new TextDecoder('utf-8');
  }
}

function decodeWord(charset: string, encoding: string, text: string): string {
  // RFC 2231 allows a language after the charset: `utf-8*zh`.
  const label = charset.split('*')[0] || 'utf-8';
  const bytes = encoding.toUpperCase() === 'B' ? bytesOfB(text) : bytesOfQ(text);
  return decoderFor(label).decode(bytes);
}

/**
 * A raw header line as a reader wants it: unfolded, its encoded words decoded, the white space between two
 * adjacent words dropped (RFC 2047 section 6.2). Text that is not an encoded word is left as it is.
 */
export function decodeHeaderLine(line: string): string {
  const unfolded = line.replace(FOLD, '');
  if (!unfolded.includes('=?')) return unfolded;
  return unfolded
    .replace(BETWEEN_WORDS, '$1')
    .replace(WORD, (_match, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text));
}
