/** The outcome of checking a base64 body: whether the service can decode it (R13) and its decoded size. */
export interface Base64Scan {
  valid: boolean;
  decodedBytes: number;
  problem?: string;
}

const ALPHABET = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  ALPHABET[char.charCodeAt(0)] = 1;
}

/**
 * Checks `raw[start, end)` as base64 in one pass: only the alphabet and line white space, padding only
 * at the end, and a length that is a multiple of four (a decoder that is strict about padding fails otherwise).
 */
export function scanBase64(raw: Uint8Array, start: number, end: number): Base64Scan {
  let symbols = 0;
  let padding = 0;
  for (let i = start; i < end; i++) {
    const byte = raw[i] as number;
    if (byte === 13 || byte === 10 || byte === 32 || byte === 9) continue;
    if (byte === 61) {
      padding++;
      continue;
    }
    if (ALPHABET[byte] === 0) {
      return { valid: false, decodedBytes: 0, problem: `byte 0x${byte.toString(16).padStart(2, '0')} is not base64` };
    }
    if (padding > 0) return { valid: false, decodedBytes: 0, problem: 'data continues after "=" padding' };
    symbols++;
  }
  const decodedBytes = Math.floor((symbols * 3) / 4);
  if (padding > 2 || (symbols + padding) % 4 !== 0) {
    return { valid: false, decodedBytes, problem: 'the length is not a whole number of 4-character groups' };
  }
  return { valid: true, decodedBytes };
}
