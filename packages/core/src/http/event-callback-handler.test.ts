import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isQcloudMailError } from '../errors/qcloud-mail-error.js';
import type { SesEvent } from '../events/types.js';
import {
  createEventCallbackHandler,
  type EventCallbackHandlerOptions,
  type EventCallbackRequest,
  type EventCallbackResponse,
} from './event-callback-handler.js';

const SECRET = 'cb-secret-0123456789abcdef';
const BASE_EVENT_EXTRA = { note: 'deep' };
const EVENT = { event: 'bounce', email: 'a@example.com', timestamp: 1654064683, bounceType: 'hard_bounce' };

const post = (body: EventCallbackRequest['body'], url = `/events?token=${SECRET}`, headers = {}) => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const bytesOf = (value: unknown) => ({ bytes: Buffer.from(JSON.stringify(value)) });
const parse = (response: EventCallbackResponse) => JSON.parse(response.body) as Record<string, unknown>;
const codeOf = (response: EventCallbackResponse) => (parse(response) as { error: { code: string } }).error.code;

function collector(extra: Partial<EventCallbackHandlerOptions> = {}) {
  const received: SesEvent[][] = [];
  const handle = createEventCallbackHandler({
    secret: SECRET,
    onEvents: (events) => {
      received.push([...events]);
    },
    ...extra,
  });
  return { handle, received };
}

function creationError(options: unknown): unknown {
  try {
    createEventCallbackHandler(options as EventCallbackHandlerOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createEventCallbackHandler: configuration', () => {
  const onEvents = () => undefined;

  it.each([
    [{ onEvents }, 'secret'],
    [{ onEvents, secret: SECRET, allowUnauthenticated: true }, 'not both'],
    [{ onEvents, secret: 'short' }, 'at least 16'],
    [{ onEvents, secret: 'has+plus/and-slash0123' }, 'letters, digits'],
    [{ onEvents, secret: [] }, 'at least one'],
    [{ onEvents, secret: [SECRET, 42] }, 'must be a string'],
    [{ onEvents, secret: SECRET, maxBodyBytes: 0 }, 'maxBodyBytes'],
    [{ secret: SECRET }, 'onEvents'],
  ])('refuses %j with a CONFIGURATION error naming %s', (options, words) => {
    const error = creationError(options);
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('is created without a secret only with allowUnauthenticated: true, and then needs no token', async () => {
    expect(creationError({ onEvents, allowUnauthenticated: 'yes' })).toBeDefined();
    const { handle, received } = collector({ secret: undefined, allowUnauthenticated: true });
    const response = await handle(post(bytesOf(EVENT), '/events'));
    expect(response.status).toBe(200);
    await response.handled;
    expect(received).toHaveLength(1);
  });
});

describe('createEventCallbackHandler: the token (R26)', () => {
  it.each([
    ['missing', '/events'],
    ['wrong', '/events?token=cb-secret-0123456789abcdeX'],
    ['empty', '/events?token='],
    ['given twice', `/events?token=${SECRET}&token=${SECRET}`],
    ['in the fragment only', `/events#token=${SECRET}`],
  ])('answers 401 when it is %s, the same answer each time, reading no body', async (_case, url) => {
    const { handle, received } = collector();
    const stream = Readable.from([JSON.stringify(EVENT)]);
    const response = await handle(post({ stream }, url));
    expect(response.status).toBe(401);
    expect(parse(response)).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'The callback token is missing or wrong' },
    });
    expect(response.headers.Connection).toBe('close');
    expect(stream.readableDidRead).toBe(false);
    await response.handled;
    expect(received).toEqual([]);
  });

  it('finds the token among other parameters, percent-encoded or not, and takes any of several secrets', async () => {
    const next = 'next-secret-0123456789';
    const { handle } = collector({ secret: [SECRET, next] });
    for (const url of [
      `/events?a=1&token=${SECRET}&b=2`,
      `/events?token=${encodeURIComponent(SECRET).replace('-', '%2D')}#x`,
      `http://host:8080/events?token=${next}`,
    ]) {
      expect((await handle(post(bytesOf(EVENT), url))).status).toBe(200);
    }
  });
});

describe('createEventCallbackHandler: bodies', () => {
  it.each([
    ['bytes', bytesOf([EVENT, EVENT])],
    ['text', { bytes: JSON.stringify([EVENT, EVENT]) }],
    ['a stream', { stream: Readable.from([JSON.stringify([EVENT, EVENT])]) }],
    ['a parsed value', { parsed: [EVENT, EVENT] }],
  ])('answers 200 for events as %s, then hands them over', async (_kind, body) => {
    const { handle, received } = collector();
    const response = await handle(post(body));
    expect(response.status).toBe(200);
    expect(parse(response)).toEqual({ received: 2 });
    expect(response.events.map((event) => event.bounceType)).toEqual(['hard', 'hard']);
    // The answer comes first: the events reach onEvents only on a later turn.
    expect(received).toEqual([]);
    await response.handled;
    expect(received).toHaveLength(1);
    expect(received[0]?.[0]).toMatchObject({ kind: 'bounce', recipient: 'a@example.com' });
  });

  it('reads JSON whatever media type the request declares (the provider documents none)', async () => {
    const { handle } = collector();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const request = post(bytesOf(EVENT));
      const headers = type === undefined ? {} : { 'content-type': type };
      expect((await handle({ ...request, headers })).status).toBe(200);
    }
  });

  it('answers 405 to another method, 415 to a compressed body and 400 to malformed JSON', async () => {
    const { handle } = collector();
    const get = await handle({ ...post(bytesOf(EVENT)), method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.Allow).toBe('POST');
    const gzip = await handle(post(bytesOf(EVENT), undefined, { 'content-encoding': 'gzip' }));
    expect(gzip.status).toBe(415);
    const bad = await handle(post({ bytes: '{"event":' }));
    expect(bad.status).toBe(400);
    expect(codeOf(bad)).toBe('MALFORMED_JSON');
  });

  it('answers a request an adapter built wrongly with a 500, never a rejection', async () => {
    const { handle } = collector();
    const broken = { ...post(bytesOf(EVENT)), body: undefined } as unknown as EventCallbackRequest;
    const response = await handle(broken);
    expect(response.status).toBe(500);
    expect(codeOf(response)).toBe('UNKNOWN');
  });

  it('answers 413 past the limit, from Content-Length or while streaming', async () => {
    const { handle, received } = collector({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ ...EVENT, reason: 'x'.repeat(2000) });
    const declared = await handle(post({ bytes: big }, undefined, { 'content-length': String(big.length) }));
    expect(declared.status).toBe(413);
    const streamed = await handle(post({ stream: Readable.from([big.slice(0, 800), big.slice(800)]) }));
    expect(streamed.status).toBe(413);
    expect(streamed.headers.Connection).toBe('close');
    expect(received).toEqual([]);
  });

  it('answers 400 INVALID_EVENT naming the field, bounded, and hands nothing over', async () => {
    const { handle, received } = collector();
    const response = await handle(post(bytesOf([EVENT, { ...EVENT, timestamp: 'soon' }])));
    expect(response.status).toBe(400);
    const body = parse(response) as { error: { code: string; message: string; issues: Array<{ path: unknown }> } };
    expect(body.error.code).toBe('INVALID_EVENT');
    expect(body.error.message).toContain('[1].timestamp');
    expect(body.error.issues[0]?.path).toEqual([1, 'timestamp']);
    expect(response.error?.code).toBe('INVALID_EVENT');
    await response.handled;
    expect(received).toEqual([]);
  });

  it('refuses a hostile shape, scanned before parsing or walked when parsed in front: depth, entries, events', async () => {
    const { handle } = collector();
    const deep = await handle(post({ bytes: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }));
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe('INVALID_EVENT');
    expect(deep.body.length).toBeLessThan(2000);
    let nested: unknown = BASE_EVENT_EXTRA;
    for (let i = 0; i < 10_000; i += 1) nested = [nested];
    const parsedDeep = await handle(post({ parsed: { ...EVENT, extra: nested } }));
    expect(codeOf(parsedDeep)).toBe('INVALID_EVENT');
    expect(parse(parsedDeep)).toMatchObject({ error: { message: expect.stringContaining('nested more than 8') } });
    const parsedWide = await handle(post({ parsed: { ...EVENT, list: Array.from({ length: 300 }, () => 1) } }));
    expect(codeOf(parsedWide)).toBe('INVALID_EVENT');
    const shallow = await handle(post({ parsed: { ...EVENT, extra: { a: [1, { b: 2 }] } } }));
    expect(shallow.status).toBe(200);
    const many = await handle(post({ bytes: `[${Array.from({ length: 1001 }, () => '{}').join(',')}]` }));
    expect(codeOf(many)).toBe('INVALID_EVENT');
    expect(parse(many)).toMatchObject({ error: { message: expect.stringContaining('more than 1000 entries') } });
  });
});

describe('createEventCallbackHandler: a failing onEvents', () => {
  it('still answers 200 and reports the failure to onError with the events', async () => {
    const failures: Array<[unknown, readonly SesEvent[]]> = [];
    const handle = createEventCallbackHandler({
      secret: SECRET,
      onEvents: async () => {
        throw new Error('database down');
      },
      onError: (error, events) => failures.push([error, events]),
    });
    const response = await handle(post(bytesOf(EVENT)));
    expect(response.status).toBe(200);
    await response.handled;
    expect(failures).toHaveLength(1);
    expect(failures[0]?.[0]).toMatchObject({ message: 'database down' });
    expect(failures[0]?.[1][0]?.kind).toBe('bounce');
  });

  it('settles even when onError throws, and warns by default', async () => {
    const throwing = createEventCallbackHandler({
      secret: SECRET,
      onEvents: () => {
        throw new Error('sync failure');
      },
      onError: () => {
        throw new Error('reporter failure');
      },
    });
    await expect((await throwing(post(bytesOf(EVENT)))).handled).resolves.toBeUndefined();

    const warnings: Error[] = [];
    const listener = (warning: Error) => warnings.push(warning);
    process.on('warning', listener);
    try {
      const quiet = createEventCallbackHandler({ secret: SECRET, onEvents: () => Promise.reject(new Error('nope')) });
      await (await quiet(post(bytesOf(EVENT)))).handled;
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    expect(warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('nope'));
  });
});
