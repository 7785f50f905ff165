import { once } from 'node:events';
import { createMailClient, isQcloudMailError, type MailClient, QcloudMailError } from '@qcloudmail/core';
import type { NextFunction, Request, Response } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  clientOptions,
  type Emulator,
  listen,
  PASS,
  postJson,
  type RunningApp,
  readSized,
  startTestEmulator,
  USER,
} from '@qcloudmail/test-helpers';
import { mailErrorHandler, qcloudMail } from '../src/index.js';
import { frameworks, message } from './helpers.js';

describe.each(frameworks)('qcloudMail and mailErrorHandler on %s', (_name, express) => {
  let emulator: Emulator;
  const running: RunningApp[] = [];
  const clients: MailClient[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
    await Promise.all(clients.splice(0).map((client) => client.close({ timeoutMs: 2000 })));
  });
  afterAll(async () => {
    await emulator.close();
  });

  /** An app whose POST /send sends the JSON body through `req.mail`, errors answered by mailErrorHandler. */
  async function start(mail: ReturnType<typeof qcloudMail>, seen: MailClient[] = []): Promise<RunningApp> {
    clients.push(mail.client);
    const app = express();
    app.use(express.json());
    app.use(mail);
    app.post('/send', (req: Request, res: Response, next: NextFunction) => {
      seen.push(req.mail);
      // `.then(…, next)` rather than `async`: Express 4 does not catch a rejected promise.
      req.mail.send(req.body).then((outcome) => res.json({ messageId: outcome.messageId }), next);
    });
    app.post('/async', async (req: Request, res: Response) => {
      // No catch: Express 5 passes a rejected promise to the error handlers.
      const outcome = await req.mail.send(req.body);
      res.json({ messageId: outcome.messageId });
    });
    app.post('/boom', () => {
      throw new Error('not a mail error');
    });
    app.post('/many-issues', () => {
      const issue = { code: 'invalid_address', rule: 'R8', message: `bad ${'m'.repeat(500)}` } as const;
      const issues = Array.from({ length: 250_000 }, (_, i) => ({ ...issue, path: ['to', i] }));
      throw new QcloudMailError({ code: 'VALIDATION', message: 'x'.repeat(100_000), issues });
    });
    app.use(mailErrorHandler());
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ passedOn: error instanceof Error ? error.message : String(error) });
    });
    const app$ = await listen(app);
    running.push(app$);
    return app$;
  }

  it('sends through req.mail: one client, created once, shared by every request', async () => {
    const mail = qcloudMail(clientOptions(emulator));
    const seen: MailClient[] = [];
    const app = await start(mail, seen);
    const before = emulator.messages.length;
    const first = await postJson(`${app.url}/send`, message({ subject: 'via req.mail' }));
    const second = await postJson(`${app.url}/send`, message());
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((await first.json()) as { messageId: string }).toMatchObject({ messageId: expect.any(String) });
    expect(emulator.messages.length - before).toBe(2);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(mail.client);
    expect(seen[1]).toBe(mail.client);
    expect(mail.client.stats().sent).toBe(2);
  });

  it('accepts a client made elsewhere', async () => {
    const client = createMailClient(clientOptions(emulator));
    const mail = qcloudMail(client);
    expect(mail.client).toBe(client);
    const app = await start(mail);
    expect((await postJson(`${app.url}/send`, message())).status).toBe(200);
  });

  it('answers a message that breaks the rules with 422 and its issues, sending nothing (R19)', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    const before = emulator.messages.length;
    const response = await postJson(`${app.url}/send`, message({ subject: undefined, cc: 'copy@example.org' }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; issues: Array<{ path: string[]; rule: string }> };
    };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['subject'], rule: expect.any(String) })]),
    );
    expect(emulator.messages.length).toBe(before);
  });

  it("answers the provider's rate limit (R7) with 429 and Retry-After", async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    const response = await postJson(`${app.url}/send`, message());
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      code: 'RATE_LIMIT',
      category: 'rate_limit',
      providerCode: 'RequestLimitExceeded.SmtpRateLimit',
      retryable: true,
    });
    expect(retryAfter).toBe(Math.ceil((body.error.retryAfterMs as number) / 1000));
  });

  it('answers an authentication failure (R21) with 500 and not a word about the credentials', async () => {
    const app = await start(qcloudMail(clientOptions(emulator, { auth: { user: USER, pass: 'wrong-password' } })));
    const response = await postJson(`${app.url}/send`, message());
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'AUTH', category: 'auth', message: expect.any(String), retryable: false },
    });
    expect(text).not.toContain('wrong-password');
    expect(text).not.toContain(PASS);
    expect(text).not.toContain(USER);
    expect(text).not.toContain('535');
  });

  it.runIf(_name === 'express 5')('gets the errors of async handlers without a catch (Express 5)', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    expect((await postJson(`${app.url}/async`, message())).status).toBe(200);
    const response = await postJson(`${app.url}/async`, message({ to: 'not an address' }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('answers a mail error of 250,000 issues in at most 64 KiB: 100 issues and the count of the rest', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    const response = await postJson(`${app.url}/many-issues`, {});
    const { bytes, body } = await readSized(response);
    expect(response.status).toBe(422);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    const { error } = body as { error: { issues: unknown[]; issuesOmitted: number; message: string } };
    expect(error.issues.length).toBeLessThanOrEqual(100);
    expect(error.issues.length + error.issuesOmitted).toBe(250_000);
    expect(error.message.length).toBeLessThan(2100);
  });

  it('answers thousands of bad recipients that express.json() let in with a bounded 422', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    const before = emulator.messages.length;
    const to = Array.from({ length: 6000 }, (_, i) => `bad${i}`);
    const response = await postJson(`${app.url}/send`, message({ to }));
    const { bytes, body } = await readSized(response);
    expect(response.status).toBe(422);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect((body as { error: { issues: unknown[] } }).error.issues.length).toBeLessThanOrEqual(100);
    expect(emulator.messages.length).toBe(before);
  });

  it('passes errors that are not mail errors on to the next handler', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    const response = await postJson(`${app.url}/boom`, {});
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ passedOn: 'not a mail error' });
  });

  it('closes the client when the server closes (closeWithServer)', async () => {
    const mail = qcloudMail(clientOptions(emulator));
    const app = await start(mail);
    mail.closeWithServer(app.server);
    expect((await postJson(`${app.url}/send`, message())).status).toBe(200);
    running.splice(running.indexOf(app), 1);
    await app.close();
    // Nobody called close(): the server's close event did.
    const error = await mail.client.send(message()).catch((caught: unknown) => caught);
    expect(isQcloudMailError(error) && error.code).toBe('CLOSED');
    await mail.close();
  });

  it('leaves the client open while the server runs, and closes it once on close()', async () => {
    const mail = qcloudMail(clientOptions(emulator));
    const app = await start(mail);
    expect((await postJson(`${app.url}/send`, message())).status).toBe(200);
    expect(mail.close()).toBe(mail.close());
    await mail.close();
    const response = await postJson(`${app.url}/send`, message());
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CLOSED');
  });

  it('closes with the server given at creation', async () => {
    const app = await start(qcloudMail(clientOptions(emulator)));
    const mail = qcloudMail(clientOptions(emulator), { closeWithServer: app.server });
    clients.push(mail.client);
    running.splice(running.indexOf(app), 1);
    const closed = once(app.server, 'close');
    await app.close();
    await closed;
    await expect(mail.client.send(message())).rejects.toMatchObject({ code: 'CLOSED' });
    await mail.close();
  });
});

describe('qcloudMail', () => {
  it('refuses to be created without a client or options, with a QcloudMailError', () => {
    for (const missing of [null, undefined, 'smtp://x']) {
      const error = (() => {
        try {
          qcloudMail(missing as never);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    }
  });

  it('rejects close() with a QcloudMailError whatever the client threw', async () => {
    // No real client fails to close on demand: this one stands in for one that does.
    const failing = {
      send: () => Promise.reject(new Error('unused')),
      close: () => Promise.reject(new TypeError('boom')),
    };
    const mail = qcloudMail(failing as unknown as MailClient);
    const error = await mail.close().catch((caught: unknown) => caught);
    expect(isQcloudMailError(error) && error.code).toBe('UNKNOWN');
    expect((error as QcloudMailError).cause).toBeInstanceOf(TypeError);
  });
});
