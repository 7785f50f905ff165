import { Body, Controller, HttpException, Post, UseFilters } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { HttpErrorBody, MailMessageInput } from '@qcloudmail/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, PASS, postJson, USER } from '@qcloudmail/test-helpers';
import { InjectMailer, QcloudMailExceptionFilter, QcloudMailModule, type QcloudMailService } from '../src/index.js';
import { mailerOptions, message, type RunningApp, startApp, startTestEmulator } from './helpers.js';

@Controller()
class MailController {
  constructor(
    @InjectMailer() private readonly mail: QcloudMailService,
    @InjectMailer('broken') private readonly broken: QcloudMailService,
  ) {}

  @Post('send')
  async send(@Body() body: MailMessageInput): Promise<{ messageId: string }> {
    return { messageId: (await this.mail.send(body)).messageId };
  }

  @Post('send-broken')
  async sendBroken(@Body() body: MailMessageInput): Promise<{ messageId: string }> {
    return { messageId: (await this.broken.send(body)).messageId };
  }

  @Post('not-mail')
  notMail(): never {
    throw new Error('not a mail error');
  }

  @Post('http-exception')
  httpException(): never {
    throw new HttpException('gone', 410);
  }
}

@Controller('scoped')
@UseFilters(QcloudMailExceptionFilter)
class ScopedController {
  constructor(@InjectMailer() private readonly mail: QcloudMailService) {}

  @Post('send')
  async send(@Body() body: MailMessageInput): Promise<{ messageId: string }> {
    return { messageId: (await this.mail.send(body)).messageId };
  }
}

async function errorOf(response: Response): Promise<HttpErrorBody['error']> {
  return ((await response.json()) as HttpErrorBody).error;
}

describe('QcloudMailExceptionFilter over HTTP', () => {
  let emulator: Emulator;
  let closedEmulator: Emulator;
  const running: RunningApp[] = [];

  beforeAll(async () => {
    [emulator, closedEmulator] = await Promise.all([startTestEmulator(), startTestEmulator()]);
    await closedEmulator.close();
  });
  afterEach(async () => {
    emulator.faults.clear();
    await Promise.all(running.splice(0).map(({ app }) => app.close()));
  });
  afterAll(async () => {
    await emulator.close();
  });

  /** An app with a good default mailer and a "broken" one (wrong password), the filter registered by `how`. */
  async function start(how: 'app-filter' | 'global-instance' | 'none'): Promise<RunningApp> {
    const started = await startApp(
      {
        imports: [
          QcloudMailModule.forRoot(mailerOptions(emulator)),
          QcloudMailModule.forRoot({
            ...mailerOptions(emulator, { auth: { user: USER, pass: `${PASS}-wrong` } }),
            name: 'broken',
          }),
        ],
        controllers: [MailController, ScopedController],
        providers: how === 'app-filter' ? [{ provide: APP_FILTER, useClass: QcloudMailExceptionFilter }] : [],
      },
      (app) => {
        if (how === 'global-instance') app.useGlobalFilters(new QcloudMailExceptionFilter());
      },
    );
    running.push(started);
    return started;
  }

  it('422 with the issues (rule and path) for an invalid message', async () => {
    const { url } = await start('app-filter');
    const response = await postJson(`${url}/send`, message({ to: 'not an address', subject: undefined }));
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'VALIDATION', category: 'validation', retryable: false });
    expect(error.issues?.length).toBeGreaterThanOrEqual(2);
    for (const issue of error.issues ?? []) expect(issue.rule).toEqual(expect.any(String));
    expect(error.issues?.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(['to', 'subject']));
  });

  it('429 with Retry-After for the service rate limit (R7), through the emulator', async () => {
    const { url } = await start('app-filter');
    emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    const response = await postJson(`${url}/send`, message());
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(response)).toMatchObject({
      code: 'RATE_LIMIT',
      category: 'rate_limit',
      providerCode: 'RequestLimitExceeded.SmtpRateLimit',
    });
  });

  it('503 when the service refuses the connection', async () => {
    const { url } = await start('app-filter');
    emulator.faults.add({ type: 'reject-connection' });
    const response = await postJson(`${url}/send`, message());
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain(String(emulator.port));
  });

  it('503 when the service cannot be reached, without naming the host or port', async () => {
    const started = await startApp({
      imports: [QcloudMailModule.forRoot(mailerOptions(closedEmulator))],
      controllers: [ScopedController],
    });
    running.push(started);
    const response = await postJson(`${started.url}/scoped/send`, message());
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'CONNECTION', category: 'connection' } });
    expect(text).not.toContain(String(closedEmulator.port));
  });

  it('500 for a wrong password, with no detail that would leak the setup', async () => {
    const { url } = await start('app-filter');
    const response = await postJson(`${url}/send-broken`, message());
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'AUTH',
        category: 'auth',
        message: 'The mail service is not configured correctly.',
        retryable: false,
      },
    });
    for (const secret of [PASS, USER, String(emulator.port), '535']) expect(text).not.toContain(secret);
  });

  it('works as a plain instance in useGlobalFilters (no adapter host) and scoped with @UseFilters', async () => {
    const global = await start('global-instance');
    const viaInstance = await postJson(`${global.url}/send`, message({ to: 'not an address' }));
    expect(viaInstance.status).toBe(422);
    expect(await errorOf(viaInstance)).toMatchObject({ code: 'VALIDATION' });

    const scoped = await start('none');
    const viaScope = await postJson(`${scoped.url}/scoped/send`, message({ to: 'not an address' }));
    expect(viaScope.status).toBe(422);
    // Outside the scoped controller, the filter is not registered: Nest's own handler answers.
    const unscoped = await postJson(`${scoped.url}/send`, message({ to: 'not an address' }));
    expect(unscoped.status).toBe(500);
    expect(await unscoped.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('leaves other errors to Nest', async () => {
    const { url } = await start('app-filter');
    const plain = await postJson(`${url}/not-mail`, {});
    expect(plain.status).toBe(500);
    expect(await plain.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
    const http = await postJson(`${url}/http-exception`, {});
    expect(http.status).toBe(410);
  });
});
