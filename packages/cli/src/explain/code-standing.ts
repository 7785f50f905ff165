import { lookupErrorCode, type ParsedSesReply, SES_ERROR_CATALOG } from '@qcloudmail/core';
import { MARKER_PATTERN } from './extract-reply.js';

/** Whether a reply's provider code is in the provider's list, and if not, which listed code stands in (R24). */
export interface CodeStanding {
  /** True when the provider code is not in the provider's list of codes. */
  unknownCode: boolean;
  /** For an unknown code: the longest listed code it extends, whose meaning and retry advice apply; else null. */
  fallbackCode: string | null;
}

// The Code fields of the JSON after the marker, found left to right (each scan starts where the last ended);
// their values are read by hand below, so no pattern runs over them.
const CODE_FIELD = /"code"\s*:\s*"/gi;
// No listed code is longer: prefixes beyond it are not looked up, so a code of many dots costs linear time.
const LONGEST_CODE = Math.max(...SES_ERROR_CATALOG.map((entry) => entry.code.length));

function isCodeChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46;
}

// The code at the start of a Code field's value, when it extends `known` by whole dot-separated parts and ends
// the value (or runs into non-ASCII text, as R16's own example runs the Chinese message into the code).
function extension(text: string, start: number, known: string): string | undefined {
  if (!text.startsWith(`${known}.`, start)) return undefined;
  let end = start + known.length;
  while (end < text.length && isCodeChar(text.charCodeAt(end))) end++;
  let codeEnd = end;
  while (codeEnd > start && text.charCodeAt(codeEnd - 1) === 46) codeEnd--;
  const next = text.charCodeAt(end);
  if (end < text.length && next !== 34 && next < 128) return undefined;
  const code = text.slice(start, codeEnd);
  return code.length > known.length && /^\.[A-Za-z]/.test(code.slice(known.length)) ? code : undefined;
}

/**
 * The provider code as the reply wrote it: `parseSesReply` cuts an unlisted sub-code back to the listed code
 * it extends (`FailedOperation.SomethingNew` becomes `FailedOperation`), which loses the code people search for.
 */
export function fullProviderCode(input: string, providerCode: string | null): string | null {
  if (providerCode === null) return null;
  const marker = MARKER_PATTERN.exec(input);
  if (marker === null) return providerCode;
  CODE_FIELD.lastIndex = marker.index;
  while (CODE_FIELD.exec(input) !== null) {
    const code = extension(input, CODE_FIELD.lastIndex, providerCode);
    if (code !== undefined) return code;
  }
  return providerCode;
}

/** Whether `code` is listed and, if not, the longest listed code it extends by whole dot-separated parts. */
export function codeStanding(code: string | null): CodeStanding {
  if (code === null || lookupErrorCode(code).known) return { unknownCode: false, fallbackCode: null };
  for (let cut = code.lastIndexOf('.', LONGEST_CODE); cut > 0; cut = code.lastIndexOf('.', cut - 1)) {
    const prefix = code.slice(0, cut);
    if (lookupErrorCode(prefix).known) return { unknownCode: true, fallbackCode: prefix };
  }
  return { unknownCode: true, fallbackCode: null };
}

/** The reply with its full provider code (and stable code, where that was the provider code) and its standing. */
export function withFullCode(input: string, reply: ParsedSesReply): ParsedSesReply & CodeStanding {
  const providerCode = fullProviderCode(input, reply.providerCode);
  const code =
    reply.providerCode !== null && reply.code === reply.providerCode ? (providerCode ?? reply.code) : reply.code;
  return { ...reply, code, providerCode, ...codeStanding(providerCode) };
}
