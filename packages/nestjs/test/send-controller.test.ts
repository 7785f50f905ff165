import { type CanActivate, type ExecutionContext, Injectable, type ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { isQcloudMailError, type SendRouteResult } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { createSendController, QcloudMailModule, type SendControllerOptions } from '../src/index.js';
import { recipient, USER } from '@qcloudmail/test-helpers';
import { appSuite, MARKETING_PASS, MARKETING_USER, mailerOptions, message, type RunningApp } from './helpers.js';

const TOKEN = 'Bearer nest-test-token';

/** The kind of guard an application writes: a bearer token from its configuration. */
@Injectable()
class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    return req.headers.authorization === TOKEN;
  }
}

const guards = [TokenGuard];

function post(url: string, body: unknown, headers: Record<string, string> = { authorization: TOKEN }) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
}

interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ code: string; path: unknown[]; rule: string }> };
}

describe('createSendController', () => {
  const suite = appSuite();

  const start = (metadata: ModuleMetadata): Promise<RunningApp> => suite.start(metadata);

  /** An app created with `bodyParser: false`, so that the route reads the body itself. */
  async function startUnparsed(metadata: ModuleMetadata): Promise<RunningApp> {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    await app.listen(0, '127.0.0.1');
    return suite.track({ app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
  }

  const mailModule = (overrides = {}) => QcloudMailModule.forRoot(mailerOptions(suite.emulator, overrides));

  it('refuses to be created without a guard or a path', () => {
    for (const options of [{ path: 'mail/send' }, { path: 'mail/send', guards: [] }, { guards }]) {
      const error = (() => {
        try {
          createSendController(options as SendControllerOptions);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    }
  });

  it("sends what a guard lets through with the mailer's defaults, answering 202 with the result", async () => {
    const { url } = await start({
      imports: [mailModule()],
      controllers: [createSendController({ path: 'mail/send', guards })],
    });
    const body = message({ subject: 'through the send controller' });
    const response = await post(`${url}/mail/send`, body);
    expect(response.status).toBe(202);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = (await response.json()) as SendRouteResult;
    expect(result).toMatchObject({ accepted: [body.to], rejected: [], messages: [{ messageId: result.messageId }] });
    const stored = await suite.emulator.waitForMessage((each) => each.envelope.to.includes(body.to as string));
    expect(stored).toMatchObject({
      status: 'accepted',
      user: USER,
      parsed: { subject: 'through the send controller' },
    });
  });

  it("answers a caller the guard refuses with Nest's 403, sending nothing", async () => {
    const { url } = await start({
      imports: [mailModule()],
      controllers: [createSendController({ path: 'mail/send', guards })],
    });
    const before = suite.emulator.messages.length;
    for (const headers of [{}, { authorization: 'Bearer guess' }] as Array<Record<string, string>>) {
      const response = await post(`${url}/mail/send`, message(), headers);
      expect(response.status).toBe(403);
    }
    expect(suite.emulator.messages.length).toBe(before);
  });

  it('sends through the named mailer, and reports a split send with every recipient and message', async () => {
    const { url } = await start({
      imports: [
        mailModule(),
        QcloudMailModule.forRoot({
          ...mailerOptions(suite.emulator, {
            auth: { user: MARKETING_USER, pass: MARKETING_PASS },
            defaults: { from: MARKETING_USER },
          }),
          recipients: 'split',
          name: 'marketing',
        }),
      ],
      controllers: [createSendController({ path: 'news', guards, mailer: 'marketing' })],
    });
    const to = [recipient(), recipient()];
    const response = await post(`${url}/news`, message({ to }));
    expect(response.status).toBe(202);
    const result = (await response.json()) as SendRouteResult;
    expect([...result.accepted].sort()).toEqual([...to].sort());
    expect(result.messages).toHaveLength(2);
    const stored = await suite.emulator.waitForMessage((each) => each.envelope.to.includes(to[0] as string));
    expect(stored.user).toBe(MARKETING_USER);
  });

  it("answers the client's validation with a 422 naming the rule, as the exception filter would", async () => {
    const { url } = await start({
      imports: [mailModule()],
      controllers: [createSendController({ path: 'mail/send', guards })],
    });
    const response = await post(`${url}/mail/send`, message({ cc: 'boss@example.org' }));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ code: 'cc_unsupported', rule: 'R9', path: ['cc'] }] });
  });

  it("checks a body Nest's parser already read against the route's bounds", async () => {
    const { url } = await start({
      imports: [mailModule()],
      controllers: [createSendController({ path: 'mail/send', guards })],
    });
    const response = await post(`${url}/mail/send`, message({ subject: 'x'.repeat(5000) }));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.message).toMatch(/outside the send route's bounds/);
    expect(error.issues?.[0]).toMatchObject({ code: 'subject_too_long', path: ['subject'], rule: 'R23' });
  });

  describe('with bodyParser: false, reading the body itself', () => {
    it('sends, and refuses deep nesting from the bytes before parsing', async () => {
      const { url } = await startUnparsed({
        imports: [mailModule()],
        controllers: [createSendController({ path: 'mail/send', guards })],
      });
      expect((await post(`${url}/mail/send`, message())).status).toBe(202);
      const deep = await post(`${url}/mail/send`, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expect(deep.status).toBe(422);
      expect(((await deep.json()) as ErrorBody).error.issues?.[0]?.rule).toBe('R19');
    });

    it('answers 413 over its limit, 400 for malformed JSON and 415 for another type', async () => {
      const { url } = await startUnparsed({
        imports: [mailModule()],
        controllers: [createSendController({ path: 'mail/send', guards, limits: { maxBodyBytes: 1024 } })],
      });
      const large = await post(`${url}/mail/send`, message({ text: 'x'.repeat(4096) }));
      expect(large.status).toBe(413);
      expect(((await large.json()) as ErrorBody).error.code).toBe('BODY_TOO_LARGE');
      const malformed = await post(`${url}/mail/send`, '{"to":');
      expect(malformed.status).toBe(400);
      const typed = await fetch(`${url}/mail/send`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: TOKEN },
        body: 'hello',
      });
      expect(typed.status).toBe(415);
    });
  });
});
