/** Decoding of RFC 2047 encoded words and RFC 2231 parameter values, tolerant of malformed input. */
import { TextDecoder } from 'node:util';

// One decoder per charset label: a header of thousands of encoded words would otherwise build one per word.
// Only labels TextDecoder knows are kept, so the cache is bounded by the WHATWG list of labels.
const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      // An unknown charset: UTF-8 with replacement characters is the least surprising reading.
      return decoderFor('utf-8');
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  return decoderFor(charset.trim().toLowerCase() || 'utf-8').decode(bytes);
}

function qBytes(text: string): Uint8Array {
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

const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g;

/** Decodes every encoded word in a header value; white space between adjacent words disappears (RFC 2047). */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(BETWEEN_WORDS, '$1').replace(WORD, (_match, charset: string, encoding: string, text: string) => {
    const language = charset.indexOf('*');
    const name = language >= 0 ? charset.slice(0, language) : charset;
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qBytes(text);
    return decodeBytes(bytes, name);
  });
}

/** Decodes an RFC 2231 extended value `charset'language'%XX...`, or a bare percent-encoded continuation. */
export function decodeExtendedValue(value: string, withCharset: boolean): { charset: string; text: string } {
  let charset = 'utf-8';
  let encoded = value;
  if (withCharset) {
    const first = value.indexOf("'");
    const second = first >= 0 ? value.indexOf("'", first + 1) : -1;
    if (second >= 0) {
      charset = value.slice(0, first) || 'utf-8';
      encoded = value.slice(second + 1);
    }
  }
  return { charset, text: encoded };
}

/** Turns percent-encoded RFC 2231 text into a string in the given charset. */
export function percentDecode(text: string, charset: string): string {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(text[i] as string, 'utf8')) out.push(byte);
    }
  }
  return decodeBytes(Uint8Array.from(out), charset);
}
