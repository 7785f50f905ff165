import { isQcloudMailError, type MailClient, QcloudMailError } from '@qcloudmail/core';
import { MAX_ERROR_BODY_BYTES } from '@qcloudmail/core/internal';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { listen, postJson, postRaw, readSized, USER } from '@qcloudmail/test-helpers';
import { createSendRoute, DEFAULT_MAX_BODY_BYTES, SEND_ROUTE_BOUNDS, type SendRouteOptions } from '../src/index.js';
import { frameworks, message, routeSuite } from './helpers.js';

const TOKEN = 'Bearer test-token';
const authorized = { authorization: TOKEN };
const authorize: SendRouteOptions['authorize'] = (req) => req.headers.authorization === TOKEN;

interface ErrorBody {
  error: {
    code: string;
    category: string;
    message: string;
    retryable: boolean;
    issues?: Array<{ code: string; path: Array<string | number>; rule: string; message: string }>;
    issuesOmitted?: number;
  };
}

const ROUTE_BOUNDS = /^The request body is outside the send route's bounds/;

/** A JSON object text whose `field` is `value` (already JSON), beside a valid sender and subject. */
const withField = (field: string, value: string): string =>
  `{"from":${JSON.stringify(USER)},"subject":"Hi","text":"Hello",${JSON.stringify(field)}:${value}}`;

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const zeros = (count: number): Array<number> => Array.from({ length: count }, () => 0);

describe.each(frameworks)('the send route under hostile input on %s', (_name, express) => {
  const suite = routeSuite();

  /** The route at /mail/send, with its own body reader or behind `express.json()`. */
  async function start(options: Partial<SendRouteOptions> = {}, parsed = false): Promise<string> {
    const app = express();
    if (parsed) app.use(express.json({ limit: '20mb' }));
    app.post('/mail/send', createSendRoute({ authorize, client: suite.client, ...options }));
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(599).json({ passedOn: isQcloudMailError(error) ? error.code : String(error) });
    });
    const app$ = await listen(app);
    suite.track(app$);
    return `${app$.url}/mail/send`;
  }

  /** Posts `text` and expects a small 422 from the route's bounds, returning its issues. */
  async function refusedByBounds(url: string, text: string, maxBytes = 4096) {
    const before = suite.emulator.messages.length;
    const response = await postRaw(url, text, authorized);
    const { bytes, body } = await readSized(response);
    expect(response.status).toBe(422);
    expect(bytes).toBeLessThan(maxBytes);
    const { error } = body as unknown as ErrorBody;
    expect(error).toMatchObject({ code: 'VALIDATION', category: 'validation', retryable: false });
    expect(error.message).toMatch(ROUTE_BOUNDS);
    expect(suite.emulator.messages.length).toBe(before);
    return error.issues ?? [];
  }

  describe.each([
    ['its own reader', false],
    ['express.json() in front', true],
  ])('reading with %s', (_reader, parsed) => {
    it('answers 250,000 bad recipients in a 2.9 MiB body with one small 422 naming `to` and R8', async () => {
      const url = await start({}, parsed);
      const text = JSON.stringify(message({ to: Array.from({ length: 250_000 }, () => 'not-valid') }));
      expect(text.length).toBeGreaterThan(2.8 * 1024 * 1024);
      const issues = await refusedByBounds(url, text);
      expect(issues).toEqual([expect.objectContaining({ code: 'too_many_recipients', path: ['to'], rule: 'R8' })]);
    });

    it('refuses 100,000 nested arrays with 422 naming where the ninth level starts, without a stack overflow', async () => {
      const url = await start({}, parsed);
      const issues = await refusedByBounds(url, nested(100_000));
      expect(issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: zeros(8), rule: 'R19' })]);
      const inField = await refusedByBounds(url, withField('to', nested(100_000)));
      expect(inField[0]?.path).toEqual(['to', ...zeros(7)]);
    });

    it('accepts eight levels and refuses nine', async () => {
      const url = await start({}, parsed);
      // Eight levels pass the route's bounds and reach core, which refuses the unknown field by name.
      const eight = await postRaw(url, `${JSON.stringify(message()).slice(0, -1)},"x":${nested(7)}}`, authorized);
      expect(eight.status).toBe(422);
      const { error } = (await eight.json()) as ErrorBody;
      expect(error.message).not.toMatch(ROUTE_BOUNDS);
      expect(error.issues).toEqual([expect.objectContaining({ code: 'option_unknown', path: ['x'] })]);
      const nine = await refusedByBounds(url, withField('x', nested(8)));
      expect(nine[0]?.path).toEqual(['x', ...zeros(7)]);
    });

    it.each([
      ['to', SEND_ROUTE_BOUNDS.maxRecipientEntries, 'too_many_recipients', 'R8'],
      ['cc', SEND_ROUTE_BOUNDS.maxRecipientEntries, 'too_many_recipients', 'R8'],
      ['attachments', SEND_ROUTE_BOUNDS.maxAttachments, 'too_many_attachments', 'SIZES'],
      ['headers', SEND_ROUTE_BOUNDS.maxHeaders, 'invalid_type', 'HEADERS'],
    ])('refuses a %s array over %i entries, naming the field and the rule', async (field, max, code, rule) => {
      const url = await start({}, parsed);
      const entry =
        field === 'attachments' ? '{"content":"aGk="}' : field === 'headers' ? '{"key":"X-A","value":"b"}' : '"a@b.co"';
      const issues = await refusedByBounds(
        url,
        withField(
          field,
          `[${Array(max + 1)
            .fill(entry)
            .join(',')}]`,
        ),
      );
      expect(issues).toEqual([expect.objectContaining({ code, path: [field], rule })]);
      expect(issues[0]?.message).toContain(`more than ${max} entries`);
    });

    it('refuses a headers object of too many names', async () => {
      const url = await start({}, parsed);
      const headers = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`X-H${i}`, 'v']));
      const issues = await refusedByBounds(url, withField('headers', JSON.stringify(headers)));
      expect(issues).toEqual([expect.objectContaining({ path: ['headers'], rule: 'HEADERS' })]);
    });
  });

  it.each([
    ['subject', 'a'.repeat(2000), ['subject'], 'subject_too_long', 'R23'],
    ['to', { address: `${'a'.repeat(250)}@b.co` }, ['to', 'address'], 'invalid_address', 'RFC5322'],
    [
      'to',
      [`${'a'.repeat(250)}@b.co`, { name: 'n'.repeat(999), address: 'a@b.co' }],
      ['to', 1, 'name'],
      'invalid_address',
      'RFC5322',
    ],
    ['messageId', `<${'x'.repeat(997)}@b.co>`, ['messageId'], 'line_too_long', 'RFC5322'],
    [
      'attachments',
      [{ filename: `${'a'.repeat(511)}.txt`, content: 'aGk=' }],
      ['attachments', 0, 'filename'],
      'attachment_name_invalid',
      'R22',
    ],
    ['headers', { 'X-Long': 'v'.repeat(16 * 998 + 1) }, ['headers', 'X-Long'], 'line_too_long', 'HEADERS'],
    ['headers', [{ key: 'X'.repeat(999), value: 'v' }], ['headers', 0, 'key'], 'line_too_long', 'RFC5322'],
    ['date', 'x'.repeat(5000), ['date'], 'invalid_type', 'R19'],
  ])(
    'refuses a %s string over its bound before core, naming the path and rule',
    async (field, value, path, code, rule) => {
      const url = await start();
      const issues = await refusedByBounds(url, JSON.stringify(message({ [field]: value })));
      expect(issues).toEqual([expect.objectContaining({ code, path, rule })]);
    },
  );

  it('lists at most 20 of the bounds broken and counts the rest in the message', async () => {
    const url = await start();
    const attachments = Array.from({ length: 30 }, () => ({ filename: `${'a'.repeat(600)}.txt`, content: 'aGk=' }));
    const issues = await refusedByBounds(url, JSON.stringify(message({ attachments })), 16 * 1024);
    expect(issues).toHaveLength(20);
    const response = await postJson(url, message({ attachments }), authorized);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.message).toContain('30 problems in all, 10 not listed');
  });

  it('leaves what is near a limit to core, which names its own rule', async () => {
    const url = await start();
    const attachments = Array.from({ length: 11 }, (_, i) => ({
      filename: `f${i}.txt`,
      content: 'aGk=',
      encoding: 'base64',
    }));
    const response = await postJson(url, message({ attachments }), authorized);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.message).not.toMatch(ROUTE_BOUNDS);
    expect(error.issues?.map((issue) => issue.code)).toContain('too_many_attachments');
    // Three levels (message, list, address) are what a message needs: sent.
    const listed = message({ to: [{ name: 'Ann', address: String(message().to) }] });
    expect((await postJson(url, listed, authorized)).status).toBe(202);
  });

  it('answers bad recipients within its bounds in at most 64 KiB and 100 issues, whatever core reports', async () => {
    const url = await start();
    const to = Array.from(
      { length: SEND_ROUTE_BOUNDS.maxRecipientEntries },
      (_, i) => `not valid ${'x'.repeat(200)} ${i}`,
    );
    const response = await postJson(url, message({ to }), authorized);
    const { bytes, body } = await readSized(response);
    expect(response.status).toBe(422);
    expect(bytes).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    const { error } = body as unknown as ErrorBody;
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.length).toBeLessThanOrEqual(100);
  });

  // Within the route's bounds, core does the checking: these are as fast as core's validation is linear.
  it.each([
    ['a To of spaces between two letters', { to: `x${' '.repeat(60_000)}y` }],
    ['a quoted display name of spaces, never closed', { to: `"${' '.repeat(60_000)} <a@b.co>` }],
    ['a sender name of spaces and a colon (R23)', { from: { name: `${' '.repeat(990)}:`, address: USER } }],
    ['a file name of ". " runs', { attachments: [{ filename: '. '.repeat(255), content: 'aGk=' }] }],
  ])('answers %s within its bounds with a small 422 from core', async (_what, fields) => {
    const url = await start();
    const response = await postJson(url, message(fields), authorized);
    const { bytes, body } = await readSized(response);
    expect(response.status).toBe(422);
    expect(bytes).toBeLessThan(8192);
    expect((body as unknown as ErrorBody).error.message).not.toMatch(ROUTE_BOUNDS);
  });

  describe('14 MB hostile bodies, under the default cap', () => {
    const size = 14_000_000;
    const pad = (prefix: string, unit: string, suffix: string) =>
      `${prefix}${unit.repeat(Math.floor((size - prefix.length - suffix.length) / unit.length))}${suffix}`;
    it.each([
      ['3.5 million recipients', () => pad('{"to":[', '"x",', '"x"]}'), ['to']],
      ['a subject of spaces', () => pad(`{"from":"${USER}","to":"a@b.co","subject":"`, ' ', '"}'), ['subject']],
      ['a To of spaces between two letters', () => pad('{"to":"x', ' ', 'y"}'), ['to']],
      ['7 million nested arrays', () => nested(size / 2), zeros(8)],
      ['4.6 million empty objects', () => pad('[', '{},', '{}]'), []],
      ['one 14 MB key', () => pad('{"', 'k', '":1}'), [`${'k'.repeat(64)}...`]],
      ['a text of escaped quotes', () => pad('{"text":"', '\\"', '"}'), ['text']],
    ])('answers %s with a small QcloudMailError-shaped 422 and keeps serving', async (_what, build, path) => {
      const url = await start();
      const text = build();
      expect(text.length).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
      expect(text.length).toBeGreaterThan(13_000_000);
      const issues = await refusedByBounds(url, text);
      expect(issues[0]?.path).toEqual(path);
      expect((await postJson(url, message(), authorized)).status).toBe(202);
    });
  });

  it('turns anything but a QcloudMailError thrown after authorize into a 500 UNKNOWN, never passed on raw', async () => {
    const seen: unknown[] = [];
    // No real client throws a RangeError on demand: this one stands in for a bug anywhere below the route.
    const broken = {
      ...suite.client,
      send: () => Promise.reject(new RangeError('Invalid string length')),
    } as MailClient;
    const url = await start({ client: broken, onError: (error) => seen.push(error) });
    const response = await postJson(url, message(), authorized);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'UNKNOWN', category: 'unknown', message: expect.any(String), retryable: false },
    });
    expect(text).not.toContain('Invalid string length');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(QcloudMailError);
    expect((seen[0] as QcloudMailError).cause).toBeInstanceOf(RangeError);
  });
});
