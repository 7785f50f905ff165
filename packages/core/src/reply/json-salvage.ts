/** What could be recovered from the JSON after `##SES-response-json:`, complete or not (R16, R20). */
export interface SalvagedSesJson {
  code: string | null;
  message: string | null;
  requestId: string | null;
  /** True when the JSON parsed whole; false when fields were scanned out of broken or cut-off text. */
  complete: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Reads a JSON string body starting after its opening quote, leniently: it stops at the closing quote or at the
 * end of the text (R16's example is cut off mid-string), decodes \uXXXX (pairs join into one code point) and
 * keeps unknown escapes as written.
 */
export function readJsonStringLenient(text: string, start: number): string {
  let out = '';
  let i = start;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') break;
    if (ch !== '\\') {
      out += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next === 'u') {
      const hex = text.slice(i + 2, i + 6);
      // A cut-off escape at the very end carries no character.
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        if (i + 6 > text.length) break;
        out += next;
        i += 2;
        continue;
      }
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 6;
      continue;
    }
    out += SIMPLE_ESCAPES[next] ?? next;
    i += 2;
  }
  return out;
}

function scanField(text: string, key: string): string | null {
  const match = new RegExp(`"${key}"\\s*:\\s*"`, 'i').exec(text);
  return match === null ? null : readJsonStringLenient(text, match.index + match[0].length);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function fromParsed(root: Record<string, unknown>): SalvagedSesJson {
  const response = asRecord(root.Response);
  const qcloud = asRecord(root.QcloudError);
  const innerQcloud = asRecord(response?.QcloudError);
  // R16 (beside), R20 (inside), TencentCloud API 3.0 (Response.Error), and bare variants.
  const candidates = [
    asRecord(qcloud?.Error),
    asRecord(innerQcloud?.Error),
    asRecord(response?.Error),
    asRecord(root.Error),
    qcloud,
    innerQcloud,
  ];
  const error = candidates.find((c) => c !== undefined && ('Code' in c || 'Message' in c));
  return {
    code: asText(error?.Code),
    message: asText(error?.Message),
    requestId: asText(response?.RequestId) ?? asText(root.RequestId) ?? asText(qcloud?.RequestId),
    complete: true,
  };
}

/** Recovers code, message and request id from the text after the marker, whole JSON or not; never throws. */
export function salvageSesJson(payload: string): SalvagedSesJson {
  // A multi-line reply may break the JSON anywhere, even inside a string: line breaks are never part of it.
  const text = payload.replace(/\r?\n/g, '');
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open >= 0 && close > open) {
    try {
      const root = asRecord(JSON.parse(text.slice(open, close + 1)));
      if (root !== undefined) {
        const parsed = fromParsed(root);
        if (parsed.code !== null || parsed.message !== null) return parsed;
      }
    } catch {
      // Broken or cut-off JSON: scan the fields out below.
    }
  }
  return {
    code: scanField(text, 'Code'),
    message: scanField(text, 'Message'),
    requestId: scanField(text, 'RequestId'),
    complete: false,
  };
}
