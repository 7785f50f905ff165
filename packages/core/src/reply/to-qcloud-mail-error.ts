import { parseSesReply } from './parse-ses-reply.js';
import { errorFromParsedReply } from './error-from-reply.js';
import {
  isQcloudMailError,
  type NodemailerErrorCode,
  outcomeUnknownError,
  QcloudMailError,
} from '../errors/qcloud-mail-error.js';
import { scrubSecrets } from '../errors/scrub-secrets.js';
import { judgeSystemCode, type LookedUpHost } from '../errors/system-errors.js';
import { sentences } from '../errors/sentences.js';
import { REGIONS } from '../limits/regions.js';
import { clipText } from '../errors/clip-text.js';

const DOCUMENTED_HOSTS: ReadonlySet<string> = new Set(Object.values(REGIONS).map((region) => region.host));
const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EDNS'] as const;

/** What the caller knows about where the failure happened. */
export interface ToQcloudMailErrorContext {
  /** The SMTP command in flight, when the thrown value does not say. */
  command?: string;
  /** The final dot of DATA was sent: a lost connection now leaves the outcome unknown (R19). */
  afterDataSent?: boolean;
}

const NODEMAILER_CODES: ReadonlySet<string> = new Set([
  'EAUTH',
  'ECONNECTION',
  'ETIMEDOUT',
  'EENVELOPE',
  'EMESSAGE',
  'ESOCKET',
  'EPROTOCOL',
  'ETLS',
  'ESTREAM',
]);

// Property reads of a thrown value may throw (getters, proxies); each one is fenced.
function read(value: object, key: string): string | undefined {
  try {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string') return field;
    return typeof field === 'number' && Number.isFinite(field) ? String(field) : undefined;
  } catch {
    return undefined;
  }
}

function causeOf(value: object): object | undefined {
  try {
    const cause = (value as { cause?: unknown }).cause;
    return typeof cause === 'object' && cause !== null ? cause : undefined;
  } catch {
    return undefined;
  }
}

// The host a DNS lookup failed for: Node's `hostname` on the error or its cause (the connect error wraps the
// lookup's), else the word after the code in "getaddrinfo ENOTFOUND host".
function lookedUpHost(value: object, message: string): LookedUpHost | undefined {
  const cause = causeOf(value);
  let name = read(value, 'hostname') ?? (cause === undefined ? undefined : read(cause, 'hostname'));
  if (name === undefined) {
    const at = DNS_CODES.map((code) => message.indexOf(`${code} `)).find((index) => index >= 0);
    if (at !== undefined) {
      const rest = message.slice(message.indexOf(' ', at) + 1, message.indexOf(' ', at) + 300);
      const end = rest.search(/[\s:,;)]/);
      name = end < 0 ? rest : rest.slice(0, end);
    }
  }
  if (name === undefined || name === '') return undefined;
  const bare = name.trim().toLowerCase().replace(/\.$/, '');
  return { name: bare, documented: DOCUMENTED_HOSTS.has(bare) };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return scrubSecrets(clipText(flat, 500));
}

function unknown(message: string, cause: unknown): QcloudMailError {
  return new QcloudMailError({ code: 'UNKNOWN', message, retryable: false, cause });
}

// The lost connection's own advice ("send again") would contradict the outcome: only its cause is kept.
function outcomeUnknown(lost: QcloudMailError, cause: unknown): QcloudMailError {
  const detail = typeof cause === 'object' && cause !== null ? read(cause, 'message') : undefined;
  return outcomeUnknownError({
    reason: `The connection ended after the whole message was sent, before the service answered${detail ? ` (${clip(detail)})` : ''}`,
    ...(lost.nodemailerCode === undefined ? {} : { nodemailerCode: lost.nodemailerCode }),
    ...(lost.command === undefined ? {} : { command: lost.command }),
    cause,
  });
}

function fromText(
  text: string,
  command: string | undefined,
  cause: unknown,
  nm?: NodemailerErrorCode,
): QcloudMailError | undefined {
  const parsed = parseSesReply(text);
  if (parsed.category === 'unknown' && parsed.smtpCode === null && parsed.providerCode === null) return undefined;
  return errorFromParsedReply(
    parsed,
    text,
    command === undefined ? {} : { command },
    cause,
    nm ? { nodemailerCode: nm } : {},
  );
}

function fromObject(value: object, context: ToQcloudMailErrorContext): QcloudMailError {
  const name = read(value, 'name');
  const code = read(value, 'code');
  const message = read(value, 'message') ?? '';
  const command = read(value, 'command') ?? context.command;
  const nm = code !== undefined && NODEMAILER_CODES.has(code) ? (code as NodemailerErrorCode) : undefined;
  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return new QcloudMailError({ code: 'ABORTED', message: 'The send was aborted', retryable: false, cause: value });
  }
  const response = read(value, 'response');
  const fromReply =
    response === undefined || response.trim() === '' ? undefined : fromText(response, command, value, nm);
  if (fromReply !== undefined) return fromReply;
  const host = lookedUpHost(value, message);
  const system = [read(value, 'originalCode'), code, name === 'TimeoutError' ? 'ETIMEDOUT' : undefined]
    .map((c) => (c === undefined ? undefined : judgeSystemCode(c, host)))
    .find((j) => j !== undefined);
  if (system !== undefined) {
    return new QcloudMailError({
      code: system.code,
      category: system.category,
      message: sentences(`${system.summary}${message ? `: ${clip(message)}` : ''}`, system.action),
      ...(system.rule === undefined ? {} : { rule: system.rule }),
      retryable: system.retryAfterMs !== null,
      ...(system.retryAfterMs === null ? {} : { retryAfterMs: system.retryAfterMs }),
      action: system.action,
      nodemailerCode: nm ?? system.nodemailerCode,
      ...(command === undefined ? {} : { command }),
      cause: value,
    });
  }
  const fromMessage = message === '' ? undefined : fromText(message, command, value, nm);
  if (fromMessage !== undefined) return fromMessage;
  return unknown(
    `Unexpected failure${name && name !== 'Error' ? ` (${clip(name)})` : ''}: ${clip(message) || 'no message'}`,
    value,
  );
}

function convert(thrown: unknown, context: ToQcloudMailErrorContext): QcloudMailError {
  if (isQcloudMailError(thrown)) return thrown;
  if (typeof thrown === 'string') {
    return (
      fromText(thrown, context.command, thrown) ??
      unknown(`Unexpected failure: ${clip(thrown) || 'empty string'}`, thrown)
    );
  }
  if ((typeof thrown === 'object' && thrown !== null) || typeof thrown === 'function')
    return fromObject(thrown, context);
  return unknown(`A value that is not an error was thrown (${thrown === null ? 'null' : typeof thrown})`, thrown);
}

function isLostConnection(error: QcloudMailError): boolean {
  return error.responseCode === undefined && (error.category === 'connection' || error.category === 'timeout');
}

/**
 * Wraps whatever was thrown into a `QcloudMailError`, keeping it as `cause`: replies are parsed (R16-R21),
 * Node, TLS and nodemailer errors classified, and a connection lost after the final dot becomes
 * `OUTCOME_UNKNOWN` (R19) when `afterDataSent` is set. Never throws.
 */
export function toQcloudMailError(thrown: unknown, context: ToQcloudMailErrorContext = {}): QcloudMailError {
  let error: QcloudMailError;
  try {
    error = convert(thrown, context);
  } catch {
    error = unknown('An error was thrown that could not be read', thrown);
  }
  // An error of the family passes through unchanged: whoever built it already judged it.
  if (isQcloudMailError(thrown)) return error;
  if (context.afterDataSent === true && isLostConnection(error)) {
    return outcomeUnknown(error, thrown);
  }
  return error;
}
