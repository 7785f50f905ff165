import { createMailClient, isQcloudMailError } from '@qcloudmail/core';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { clientOptions, listen, postJson, recipient } from '@qcloudmail/test-helpers';
import {
  createSendRoute,
  DEFAULT_MAX_BODY_BYTES,
  qcloudMail,
  type SendRouteOptions,
  type SendRouteResult,
} from '../src/index.js';
import { frameworks, message, routeSuite } from './helpers.js';

const TOKEN = 'Bearer test-token';
const authorized = { authorization: TOKEN };
const authorize: SendRouteOptions['authorize'] = (req) => req.headers.authorization === TOKEN;

describe('createSendRoute', () => {
  it('refuses to be created without an authorize hook: that would be an open relay', () => {
    const error = (() => {
      try {
        createSendRoute({} as SendRouteOptions);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect(() => createSendRoute({ authorize: true } as unknown as SendRouteOptions)).toThrow(/authorize/);
  });

  it('refuses a body limit that is not a positive whole number', () => {
    expect(() => createSendRoute({ authorize, limits: { maxBodyBytes: 0 } })).toThrow(/maxBodyBytes/);
  });

  it('defaults to a body limit that fits the largest message the service accepts, base64-encoded', () => {
    // 8 MiB of attachments as base64 (SIZES) plus twice the 1 MiB body, plus 1 MiB of JSON.
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan((8 * 1024 * 1024 * 4) / 3 + 1024 * 1024);
    expect(DEFAULT_MAX_BODY_BYTES).toBeLessThan(14 * 1024 * 1024);
  });
});

describe.each(frameworks)('createSendRoute on %s', (_name, express) => {
  const suite = routeSuite();

  async function start(options: Partial<SendRouteOptions> = {}, setup?: (app: ReturnType<typeof express>) => void) {
    const app = express();
    setup?.(app);
    app.use('/mail/send', createSendRoute({ authorize, client: suite.client, ...options }));
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ passedOn: error instanceof Error ? error.message : String(error) });
    });
    const running$ = await listen(app);
    suite.track(running$);
    return `${running$.url}/mail/send`;
  }

  it('sends an authorized request and answers 202 with the message id (R15: accepted, not delivered)', async () => {
    const url = await start();
    const before = suite.emulator.messages.length;
    const input = message({
      attachments: [
        { filename: 'report.pdf', content: Buffer.from('%PDF-1.4 test').toString('base64'), encoding: 'base64' },
      ],
    });
    const response = await postJson(url, input, authorized);
    expect(response.status).toBe(202);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      messageId: expect.any(String),
      accepted: [input.to],
      rejected: [],
      response: expect.stringMatching(/^250/),
      messages: [{ messageId: body.messageId, accepted: [input.to] }],
    });
    expect(suite.emulator.messages.length - before).toBe(1);
    const stored = suite.emulator.messages.at(-1);
    expect(stored?.status).toBe('accepted');
    expect(stored?.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['report.pdf', '%PDF-1.4 test'],
    ]);
  });

  it('reports a split send as core defines it: every recipient accepted at the top, every message in `messages`', async () => {
    const split = createMailClient(clientOptions(suite.emulator, { recipients: 'split' }));
    try {
      const url = await start({ client: split });
      const before = suite.emulator.messages.length;
      const to = [recipient(), recipient(), recipient()];
      const response = await postJson(url, message({ to }), authorized);
      expect(response.status).toBe(202);
      const body = (await response.json()) as SendRouteResult;
      expect([...body.accepted].sort()).toEqual([...to].sort());
      expect(body.rejected).toEqual([]);
      expect(body.messages).toHaveLength(3);
      expect(body.messages.flatMap((each) => each.accepted).sort()).toEqual([...to].sort());
      expect(new Set(body.messages.map((each) => each.messageId)).size).toBe(3);
      expect(body.messages[0]).toMatchObject({ messageId: body.messageId, rejected: [], response: body.response });
      expect(suite.emulator.messages.length - before).toBe(3);
    } finally {
      await split.close({ timeoutMs: 2000 });
    }
  });

  it('refuses a caller that authorize turns down with 403, before reading the body, sending nothing', async () => {
    const seen: string[] = [];
    const url = await start({
      authorize: async (req) => {
        seen.push(String(req.headers.authorization));
        return req.headers.authorization === TOKEN;
      },
    });
    const before = suite.emulator.messages.length;
    const missing = await postJson(url, message());
    const wrong = await postJson(url, message(), { authorization: 'Bearer guess' });
    expect(missing.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect(seen).toEqual(['undefined', 'Bearer guess']);
    expect(suite.emulator.messages.length).toBe(before);
  });

  it('passes on an authorize hook that throws', async () => {
    const url = await start({
      authorize: () => {
        throw new Error('token store down');
      },
    });
    const response = await postJson(url, message(), authorized);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ passedOn: 'token store down' });
  });

  it.each(['path', 'href'])('refuses an attachment with a %s with 422, sending nothing', async (key) => {
    const url = await start();
    const before = suite.emulator.messages.length;
    const input = message({
      attachments: [
        { filename: 'a.txt', content: 'aGk=', encoding: 'base64' },
        { filename: 'passwd.txt', content: 'aGk=', encoding: 'base64', [key]: '/etc/passwd' },
      ],
    });
    const response = await postJson(url, input, authorized);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; issues: Array<{ path: unknown[] }> } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.issues.map((issue) => issue.path)).toEqual([['attachments', 1, key]]);
    expect(suite.emulator.messages.length).toBe(before);
  });

  it("answers a message that breaks the service's rules with 422 and the issues", async () => {
    const url = await start();
    const before = suite.emulator.messages.length;
    const response = await postJson(url, message({ text: undefined }), authorized);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { issues: Array<{ rule: string }> } };
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(suite.emulator.messages.length).toBe(before);
  });

  it('answers a body that is not an object with 422', async () => {
    const url = await start();
    const response = await postJson(url, ['not', 'a', 'message'], authorized);
    expect(response.status).toBe(422);
  });

  it('answers malformed JSON with 400', async () => {
    const url = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorized },
      body: '{"to": "a@b.c",',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'MALFORMED_JSON', message: expect.any(String) } });
  });

  it.each([
    ['text/plain', 'content-type'],
    ['application/x-www-form-urlencoded', 'content-type'],
    ['application/json; charset=latin1', 'content-type'],
    ['gzip', 'content-encoding'],
  ])('answers %s (%s) with 415', async (value, header) => {
    const url = await start();
    const headers: Record<string, string> = { 'content-type': 'application/json', ...authorized, [header]: value };
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(message()) });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the limit with 413, whether its length is declared or streamed', async () => {
    const url = await start({ limits: { maxBodyBytes: 64 * 1024 } });
    const before = suite.emulator.messages.length;
    const big = JSON.stringify(message({ text: 'x'.repeat(200 * 1024) }));
    const declared = await postJson(url, JSON.parse(big), authorized);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    const bytes = new TextEncoder().encode(big);
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorized },
      body: new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 16 * 1024) {
            controller.enqueue(bytes.subarray(offset, offset + 16 * 1024));
          }
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(suite.emulator.messages.length).toBe(before);
  });

  it('answers anything but POST with 405', async () => {
    const url = await start();
    const response = await fetch(url, { headers: authorized });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('uses req.mail when given no client, and says 500 when there is neither', async () => {
    const mail = qcloudMail(clientOptions(suite.emulator));
    const withMail = await start({ client: undefined }, (app) => app.use(mail));
    expect((await postJson(withMail, message(), authorized)).status).toBe(202);
    await mail.close();
    const without = await start({ client: undefined });
    const response = await postJson(without, message(), authorized);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CONFIGURATION');
  });

  it('takes the body a JSON parser in front already read', async () => {
    const url = await start({}, (app) => app.use(express.json()));
    expect((await postJson(url, message(), authorized)).status).toBe(202);
    const response = await postJson(url, message({ subject: undefined }), authorized);
    expect(response.status).toBe(422);
  });
});
