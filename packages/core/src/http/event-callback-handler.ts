import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { parseSesEvents } from '../events/parse-ses-event.js';
import type { SesEvent } from '../events/types.js';
import { mailErrorResponse } from './bounded-error-body.js';
import { checkParsedEventShape, EVENT_BODY_SHAPE, eventShapeError } from './event-body-shape.js';
import { secretDigests, tokenMatches, tokenOf } from './event-token.js';
import { type JsonHttpResponse, jsonResponse, refusalResponse } from './json-response.js';
import { bodyRefusalResponse, readSendBody, type SendRequestBody, type SendRequestHeaders } from './read-send-body.js';
import { traceEventCallback } from '../telemetry/trace-event-callback.js';
import type { MailTelemetryOptions } from '../telemetry/types.js';

/** The default limit of a callback body, in bytes: one event is under 4 KiB, so this holds a batch of them. */
export const DEFAULT_EVENT_BODY_BYTES = 256 * 1024;

/** Options of `createEventCallbackHandler`. */
export interface EventCallbackHandlerOptions {
  /**
   * The shared secret the callback URL carries as `?token=` (R26: the provider signs nothing), or several while
   * one replaces another. At least 16 characters of letters, digits and `- . _ ~`.
   */
  secret?: string | readonly string[];
  /** Accept callbacks without a token: only behind something else that authenticates them (an allowlist). */
  allowUnauthenticated?: boolean;
  /**
   * Receives each accepted body's events, after the provider has had its answer: the provider never waits for
   * it, and its failure never turns into an error answer. Delivery is at least once: the provider may post the
   * same event again, so handle duplicates (key on `messageId`, `recipient`, `event` and `timestamp`).
   */
  onEvents: (events: readonly SesEvent[]) => void | Promise<void>;
  /**
   * OpenTelemetry: a span per request and the events counted by kind (docs/telemetry.md), through the global
   * providers by default; `false` for none.
   */
  telemetry?: MailTelemetryOptions | false;
  /** Told when `onEvents` throws or rejects; by default a process warning is emitted. */
  onError?: (error: unknown, events: readonly SesEvent[]) => void;
  /** The largest body accepted, in bytes. Default `DEFAULT_EVENT_BODY_BYTES` (256 KiB). */
  maxBodyBytes?: number;
}

/** A callback request as an adapter hands it over. */
export interface EventCallbackRequest {
  method: string;
  /** The request target as sent (`/path?token=...`): the token is read from its query. */
  url: string;
  headers: SendRequestHeaders;
  body: SendRequestBody;
}

/** The handler's answer, with the events accepted and the error answered, for the adapter's logging. */
export interface EventCallbackResponse extends JsonHttpResponse {
  events: readonly SesEvent[];
  error?: QcloudMailError;
  /** Settles (never rejects) once `onEvents` has finished with this body's events; at once when there were none. */
  handled: Promise<void>;
}

/** Handles one callback request; never rejects: every failure is an answer. */
export type EventCallbackHandler = (request: EventCallbackRequest) => Promise<EventCallbackResponse>;

const DONE = Promise.resolve();

// One answer for a missing and a wrong token: the caller learns nothing about which. The body is never read, so
// the connection closes rather than wait for it.
const unauthorized = (): JsonHttpResponse =>
  refusalResponse(401, 'UNAUTHORIZED', 'The callback token is missing or wrong', { Connection: 'close' });

function configurationError(message: string): QcloudMailError {
  return new QcloudMailError({ code: 'CONFIGURATION', rule: 'R26', message });
}

function resolveAuth(options: EventCallbackHandlerOptions): Buffer[] | undefined {
  const open = options.allowUnauthenticated === true;
  if (options.secret !== undefined && open) {
    throw configurationError('Give the event callback either `secret` or `allowUnauthenticated: true`, not both');
  }
  if (open) return undefined;
  if (options.secret === undefined) {
    throw configurationError(
      'The event callback needs `secret` (sent as ?token= in the callback URL, R26: the provider signs nothing); ' +
        'only behind other authentication, set `allowUnauthenticated: true`',
    );
  }
  return secretDigests(options.secret);
}

function resolveLimit(options: EventCallbackHandlerOptions): number {
  const limit = options.maxBodyBytes ?? DEFAULT_EVENT_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw configurationError('The event callback option maxBodyBytes must be a positive whole number of bytes');
  }
  return limit;
}

function warn(error: unknown): void {
  const detail = isQcloudMailError(error) || error instanceof Error ? error.message : String(error);
  process.emitWarning(`The delivery-event handler (onEvents) failed: ${detail.slice(0, 500)}`, {
    code: 'QCLOUDMAIL_EVENTS',
  });
}

/** Runs `onEvents` after the answer is written (next turn of the event loop), reporting its failure. */
function dispatch(options: EventCallbackHandlerOptions, events: readonly SesEvent[]): Promise<void> {
  const report = options.onError ?? warn;
  return new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => options.onEvents(events))
    .catch((error: unknown) => {
      try {
        report(error, events);
      } catch {
        // The reporter failing must not become an unhandled rejection that ends the process.
      }
    });
}

function answerError(error: unknown): EventCallbackResponse {
  const mailError = isQcloudMailError(error)
    ? error
    : new QcloudMailError({ code: 'UNKNOWN', message: 'The event callback failed unexpectedly', cause: error });
  return { ...mailErrorResponse(mailError), error: mailError, events: [], handled: DONE };
}

/**
 * Creates the framework-free handler of the provider's delivery-event callback (R26-R29): it checks the
 * `?token=` secret in constant time (401, the same for a missing and a wrong token), reads a JSON body within
 * the limit whatever its declared media type (413, 400), parses it (`parseSesEvents`: 400 with an
 * `INVALID_EVENT` body), answers 200 `{ received }` and only then hands the events to `onEvents`. Throws a
 * `CONFIGURATION` error when created with neither a secret nor `allowUnauthenticated: true`.
 */
export function createEventCallbackHandler(options: EventCallbackHandlerOptions): EventCallbackHandler {
  if (typeof options?.onEvents !== 'function') {
    throw configurationError('The event callback needs `onEvents`, the function that receives the events');
  }
  const digests = resolveAuth(options);
  const limit = resolveLimit(options);
  return traceEventCallback(options.telemetry, async (request) => {
    try {
      if (String(request.method).toUpperCase() !== 'POST') {
        return {
          ...refusalResponse(405, 'METHOD_NOT_ALLOWED', 'Use POST', { Allow: 'POST' }),
          events: [],
          handled: DONE,
        };
      }
      // Before a byte of the body is read: an unauthenticated caller costs nothing.
      if (digests !== undefined && !tokenMatches(tokenOf(String(request.url)), digests)) {
        return { ...unauthorized(), events: [], handled: DONE };
      }
      const body = await readSendBody(request.headers, request.body, limit, {
        shape: { bounds: EVENT_BODY_SHAPE, error: eventShapeError },
        anyMediaType: true,
      });
      if (!body.ok) return { ...bodyRefusalResponse(body), events: [], handled: DONE };
      // A body a parser in front already made was never scanned: its shape is checked here instead.
      const shapeIssue = 'parsed' in request.body ? checkParsedEventShape(body.value) : undefined;
      if (shapeIssue !== undefined) throw eventShapeError(shapeIssue);
      const events = parseSesEvents(body.value);
      return { ...jsonResponse(200, { received: events.length }), events, handled: dispatch(options, events) };
    } catch (error) {
      return answerError(error);
    }
  });
}
