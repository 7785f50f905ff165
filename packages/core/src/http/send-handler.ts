import type { MailClient } from '../client/types.js';
import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { LIMITS } from '../limits/limits.js';
import type { MailMessageInput } from '../model/message-schema.js';
import { mailErrorResponse } from './bounded-error-body.js';
import { checkJsonBounds } from './check-json-bounds.js';
import { type JsonHttpResponse, jsonResponse, refusalResponse } from './json-response.js';
import { bodyRefusalResponse, readSendBody, type SendRequestBody, type SendRequestHeaders } from './read-send-body.js';
import { refuseRemoteSources } from './refuse-remote-sources.js';
import { namesTemplate, templatesOffError } from './refuse-templates.js';
import { sendRouteResult } from './send-result.js';

/**
 * The default limit of a send request's JSON body, in bytes (about 13.7 MiB): all attachments at their
 * SIZES limit as base64 (8 MiB decoded, 4/3 of that encoded), the body at its 1 MiB limit twice over for
 * JSON escaping, and 1 MiB for names, addresses and JSON syntax. No message the service accepts is larger.
 */
export const DEFAULT_MAX_BODY_BYTES =
  Math.ceil(LIMITS.maxTotalAttachmentBytes / 3) * 4 + 2 * LIMITS.maxBodyBytes + 1024 * 1024;

/** Options of `createSendHandler`. */
export interface SendHandlerOptions {
  /** The largest JSON body accepted, in bytes. Default `DEFAULT_MAX_BODY_BYTES`. */
  maxBodyBytes?: number;
  /**
   * Whether a body may name a `template` for the client's renderer. Default `false`: the caller would choose which
   * of the application's templates is sent, what fills it and a subject that is itself rendered as a template.
   */
  templates?: boolean;
}

/** A send request as an adapter hands it over, once it has authorized the caller. */
export interface SendRequest {
  method: string;
  headers: SendRequestHeaders;
  body: SendRequestBody;
}

/** What sends the message: a `MailClient`, or anything with its `send` (such as NestJS's `QcloudMailService`). */
export type SendHandlerClient = Pick<MailClient, 'send'>;

/** The handler's answer; `error` is the `QcloudMailError` answered, for the adapter's logging. */
export interface SendHandlerResponse extends JsonHttpResponse {
  error?: QcloudMailError;
}

/**
 * Handles one send request with `client` (a missing one is answered as a `CONFIGURATION` error); never
 * rejects: every failure is an answer.
 */
export type SendHandler = (request: SendRequest, client: SendHandlerClient | undefined) => Promise<SendHandlerResponse>;

function resolveLimit(options: SendHandlerOptions): number {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'limits.maxBodyBytes must be a positive whole number of bytes',
    });
  }
  return limit;
}

/** Whatever reading, checking or sending threw, as a `QcloudMailError` (`UNKNOWN` when it was not one). */
function asMailError(error: unknown): QcloudMailError {
  if (isQcloudMailError(error)) return error;
  return new QcloudMailError({ code: 'UNKNOWN', message: 'The send route failed unexpectedly', cause: error });
}

function answerError(error: QcloudMailError): SendHandlerResponse {
  try {
    return { ...mailErrorResponse(error), error };
  } catch (failure) {
    // A malformed error from another copy of core: answered with a fixed 500 rather than thrown.
    // `undefined` cannot be serialized: `jsonResponse` answers its fixed 500.
    return { ...jsonResponse(500, undefined), error: asMailError(failure) };
  }
}

async function send(
  request: SendRequest,
  client: SendHandlerClient | undefined,
  limit: number,
  allowTemplates: boolean,
): Promise<SendHandlerResponse> {
  if (client === undefined) {
    throw new QcloudMailError({
      code: 'CONFIGURATION',
      message: 'The send route has no mail client: give it one (in Express, `client` or the qcloudMail middleware)',
    });
  }
  const body = await readSendBody(request.headers, request.body, limit);
  if (!body.ok) return bodyRefusalResponse(body);
  // The handler's own bounds come first: they cost one walk, and nothing after them meets an unbounded body.
  const outOfBounds = checkJsonBounds(body.value);
  if (outOfBounds !== undefined) throw outOfBounds;
  const refused = refuseRemoteSources(body.value);
  if (refused !== undefined) throw refused;
  if (!allowTemplates && namesTemplate(body.value)) throw templatesOffError(body.value);
  // Validation is the client's: it refuses what the service would (R19) before any connection.
  const outcome = await client.send(body.value as MailMessageInput);
  return jsonResponse(202, sendRouteResult(outcome));
}

/**
 * Creates the framework-free handler of a mail service's send endpoint: it reads a JSON message within the
 * body limit and `SEND_ROUTE_BOUNDS`, sends it through the client (which validates it) and answers 202 with
 * `SendRouteResult`, or 400, 405, 413, 415 or core's mapping of the error, every answer bounded in size.
 * Authorizing the caller stays with the adapter, before it calls the handler.
 */
export function createSendHandler(options: SendHandlerOptions = {}): SendHandler {
  const limit = resolveLimit(options);
  const allowTemplates = options.templates === true;
  return async (request, client) => {
    if (request.method.toUpperCase() !== 'POST') {
      return refusalResponse(405, 'METHOD_NOT_ALLOWED', 'Use POST', { Allow: 'POST' });
    }
    try {
      return await send(request, client, limit, allowTemplates);
    } catch (error) {
      return answerError(asMailError(error));
    }
  };
}
