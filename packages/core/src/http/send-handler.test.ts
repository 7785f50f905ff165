import { Readable } from 'node:stream';
import {
  clientOptions,
  type Emulator,
  message as baseMessage,
  recipient,
  startTestEmulator,
} from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailClient } from '../client/create-mail-client.js';
import type { MailClient, MailClientOptions } from '../client/types.js';
import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { createMemorySuppressionList } from '../suppression/index.js';
import type { TemplateRenderer } from '../templates/index.js';
import { createSendHandler, type SendHandlerResponse, type SendRequest } from './send-handler.js';
import type { SendRouteResult } from './send-result.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

const message = (extra: Record<string, unknown> = {}) => baseMessage(recipient('handler'), extra);

const post = (body: SendRequest['body'], headers: SendRequest['headers'] = JSON_HEADERS): SendRequest => ({
  method: 'POST',
  headers,
  body,
});
const bytesOf = (value: unknown) => ({ bytes: Buffer.from(JSON.stringify(value)) });
const parse = (response: SendHandlerResponse) => JSON.parse(response.body) as Record<string, unknown>;
const errorCode = (response: SendHandlerResponse) => (parse(response) as { error: { code: string } }).error.code;

describe('createSendHandler', () => {
  let emulator: Emulator;
  let options: MailClientOptions;
  let client: MailClient;
  const handle = createSendHandler();

  beforeAll(async () => {
    emulator = await startTestEmulator({ httpPort: false });
    options = clientOptions(emulator);
    client = createMailClient(options);
  });
  afterAll(async () => {
    await client?.close({ timeoutMs: 2000 });
    await emulator?.close();
  });

  it('refuses a limit that is not a positive whole number when created', () => {
    const error = (() => {
      try {
        createSendHandler({ maxBodyBytes: 1.5 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
  });

  it.each([
    ['bytes', (value: unknown): SendRequest['body'] => bytesOf(value)],
    ['text', (value: unknown): SendRequest['body'] => ({ bytes: JSON.stringify(value) })],
    ['a stream', (value: unknown): SendRequest['body'] => ({ stream: Readable.from([JSON.stringify(value)]) })],
    ['a parsed value', (value: unknown): SendRequest['body'] => ({ parsed: value })],
  ])('sends a body given as %s and answers 202 with the result, as JSON no proxy caches', async (_kind, body) => {
    const input = message();
    const before = emulator.messages.length;
    const response = await handle(post(body(input)), client);
    expect(response.status).toBe(202);
    expect(response.error).toBeUndefined();
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    expect(parse(response)).toMatchObject({
      accepted: [input.to],
      rejected: [],
      response: expect.stringMatching(/^250/),
    });
    expect(emulator.messages.length - before).toBe(1);
  });

  it('reports a split send with every recipient at the top and each message in `messages`', async () => {
    const split = createMailClient({ ...options, recipients: 'split' });
    try {
      const to = [recipient(), recipient()];
      const response = await handle(post(bytesOf(message({ to }))), split);
      const result = parse(response) as unknown as SendRouteResult;
      expect(response.status).toBe(202);
      expect([...result.accepted].sort()).toEqual([...to].sort());
      expect(result.messages.map((each) => each.accepted)).toHaveLength(2);
      expect(result.messages.flatMap((each) => each.accepted).sort()).toEqual([...to].sort());
    } finally {
      await split.close({ timeoutMs: 2000 });
    }
  });

  it('names the recipients a split send left out as suppressed (R30), and only those were sent to', async () => {
    const suppression = createMemorySuppressionList();
    const split = createMailClient({ ...options, recipients: 'split', suppression });
    try {
      const [kept, bounced] = [recipient(), recipient()];
      await suppression.add({ address: bounced, reason: 'hard_bounce' });
      const before = emulator.messages.length;
      const response = await handle(post(bytesOf(message({ to: [kept, bounced] }))), split);
      const result = parse(response) as unknown as SendRouteResult;
      expect(response.status).toBe(202);
      expect(result.accepted).toEqual([kept]);
      expect(result.suppressed).toEqual([{ address: bounced.toLowerCase(), reason: 'hard_bounce' }]);
      expect(emulator.messages.length - before).toBe(1);
      // Nothing suppressed: no `suppressed` key at all.
      const plain = parse(await handle(post(bytesOf(message({ to: [kept] }))), split));
      expect(plain).not.toHaveProperty('suppressed');
    } finally {
      await split.close({ timeoutMs: 2000 });
    }
  });

  it('refuses a body that names a template unless the handler was told to take templates', async () => {
    const templates: TemplateRenderer = {
      engine: 'own',
      render: ({ context }) => ({
        html: `<p>Order ${String(context.order)}</p>`,
        text: `Order ${String(context.order)}`,
      }),
    };
    const rendering = createMailClient({ ...options, templates });
    try {
      const { text: _text, ...plain } = message();
      const templated = { ...plain, template: 'shipped', context: { order: 42 } };
      const before = emulator.messages.length;
      const refused = await handle(post(bytesOf(templated)), rendering);
      expect(refused.status).toBe(422);
      expect(parse(refused)).toMatchObject({
        error: { code: 'TEMPLATE', category: 'validation', details: { template: 'shipped', field: 'template' } },
      });
      expect(emulator.messages.length).toBe(before);
      const allowed = await createSendHandler({ templates: true })(post(bytesOf(templated)), rendering);
      expect(allowed.status).toBe(202);
      expect(emulator.messages.length - before).toBe(1);
    } finally {
      await rendering.close({ timeoutMs: 2000 });
    }
  });

  it('answers anything but POST with 405 and Allow, without a client', async () => {
    const response = await handle({ method: 'GET', headers: {}, body: { bytes: '' } }, undefined);
    expect(response.status).toBe(405);
    expect(response.headers.Allow).toBe('POST');
  });

  it.each([
    [{ 'content-type': 'text/plain' }],
    [{ 'Content-Type': 'application/json; charset=latin1' }],
    [{ 'content-type': 'application/json', 'Content-Encoding': 'gzip' }],
  ])('answers %o with 415, reading nothing', async (headers) => {
    const stream = Readable.from([JSON.stringify(message())]);
    const response = await handle(post({ stream }, headers), client);
    expect(response.status).toBe(415);
    expect(errorCode(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(stream.readableEnded).toBe(false);
  });

  it('answers 413 with Connection: close for a declared, a streamed and a given body over the limit', async () => {
    const small = createSendHandler({ maxBodyBytes: 1024 });
    const big = JSON.stringify(message({ text: 'x'.repeat(4096) }));
    const declared = await small(
      post({ bytes: big }, { ...JSON_HEADERS, 'content-length': String(big.length) }),
      client,
    );
    const given = await small(post({ bytes: big }), client);
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(512, 0x20));
    const streamed = await small(post({ stream: Readable.from(chunks) }), client);
    for (const response of [declared, given, streamed]) {
      expect(response.status).toBe(413);
      expect(response.headers.Connection).toBe('close');
      expect(errorCode(response)).toBe('BODY_TOO_LARGE');
    }
  });

  it('answers malformed JSON, a broken upload and a parser that left nothing with 400', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    for (const body of [{ bytes: '{"to":' }, { stream: broken }, { parsed: undefined }]) {
      const response = await handle(post(body), client);
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe('MALFORMED_JSON');
    }
  });

  it('refuses a body past its bounds with 422, from its bytes before parsing or from a parsed value', async () => {
    const before = emulator.messages.length;
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const scanned = await handle(post({ bytes: deep }), client);
    const walked = await handle(post({ parsed: message({ subject: 'x'.repeat(5000) }) }), client);
    for (const response of [scanned, walked]) {
      expect(response.status).toBe(422);
      expect(response.error?.message).toMatch(/outside the send route's bounds/);
    }
    expect(emulator.messages.length).toBe(before);
  });

  it('refuses an attachment that names a path with 422 naming the field', async () => {
    const attachments = [{ filename: 'a.txt', content: 'aGk=', encoding: 'base64', path: '/etc/passwd' }];
    const response = await handle(post(bytesOf(message({ attachments }))), client);
    expect(response.status).toBe(422);
    expect(response.error?.issues.map((issue) => issue.path)).toEqual([['attachments', 0, 'path']]);
  });

  it("answers the client's validation with 422 and the issues", async () => {
    const response = await handle(post(bytesOf(message({ cc: 'boss@example.org' }))), client);
    expect(response.status).toBe(422);
    expect(response.error?.code).toBe('VALIDATION');
    expect(response.body).toContain('cc_unsupported');
  });

  it('answers without a client with a 500 CONFIGURATION that tells the caller nothing of the set-up', async () => {
    const response = await handle(post(bytesOf(message())), undefined);
    expect(response.status).toBe(500);
    expect(response.error?.code).toBe('CONFIGURATION');
    expect(parse(response)).toEqual({
      error: { code: 'CONFIGURATION', category: 'configuration', message: expect.any(String), retryable: false },
    });
  });

  it('turns anything but a QcloudMailError into a 500 UNKNOWN, keeping the cause for the log only', async () => {
    // No real client throws a RangeError on demand: this one stands in for a bug anywhere below the handler.
    const broken = { send: () => Promise.reject(new RangeError('Invalid string length')) };
    const response = await handle(post(bytesOf(message())), broken);
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('Invalid string length');
    expect(response.error).toBeInstanceOf(QcloudMailError);
    expect(response.error?.code).toBe('UNKNOWN');
    expect(response.error?.cause).toBeInstanceOf(RangeError);
  });
});
