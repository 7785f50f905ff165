import { Body, Controller, Injectable, Module, Post } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { isQcloudMailError, type MailMessageInput } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesTo, postJson, USER } from '@qcloudmail/test-helpers';
import { QcloudMailModule } from '../src/index.js';
import {
  InjectOutbox,
  QcloudMailOutbox,
  QcloudMailOutboxModule,
  type QcloudMailOutboxOptions,
} from '../src/outbox/index.js';
import { appSuite, MARKETING_PASS, MARKETING_USER, mailerOptions, message, startApp } from './helpers.js';
import { deleteKeys, probeRedis, REDIS_URL, type RedisClient, redisClient, uniquePrefix } from './redis.js';

const available = await probeRedis();

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

@Controller('orders')
class OrdersController {
  constructor(@InjectOutbox() private readonly outbox: QcloudMailOutbox) {}

  @Post('shipped')
  async shipped(@Body() body: MailMessageInput & { orderId: string }): Promise<{ id: string }> {
    const { orderId, ...mail } = body;
    return { id: await this.outbox.enqueue(mail, { id: `order-${orderId}-shipped` }) };
  }
}

describe.skipIf(!available)('QcloudMailOutboxModule (@qcloudmail/nestjs/outbox) on Redis and the emulator', () => {
  const prefix = uniquePrefix('nest-outbox');
  let redis: RedisClient;
  const suite = appSuite();
  const { start } = suite;
  let queues = 0;

  /** Outbox options on this run's keys, a fresh queue unless one is given. */
  const outboxOptions = (extra: Partial<QcloudMailOutboxOptions> = {}): QcloudMailOutboxOptions => ({
    connection: REDIS_URL,
    prefix: `${prefix}bull`,
    rateLimitPrefix: `${prefix}rl:`,
    queueName: `q${queues++}`,
    retry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 100 },
    ...extra,
  });

  beforeAll(() => {
    redis = redisClient();
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('forRoot: a controller enqueues over HTTP, the worker sends with the mailer’s login and defaults, once', async () => {
    const { app, url } = await start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
        QcloudMailOutboxModule.forRoot(outboxOptions()),
      ],
      controllers: [OrdersController],
    });
    const outbox = app.get(QcloudMailOutbox);
    const sent: string[] = [];
    outbox.on('sent', ({ id }) => sent.push(id));
    const mail = message({ subject: 'shipped', orderId: '42' });
    for (let n = 0; n < 2; n += 1) {
      // The same order twice: one job (its id is the idempotency key).
      const response = await postJson(`${url}/orders/shipped`, mail);
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ id: 'order-42-shipped' });
    }
    await until(() => sent.length === 1);
    const [stored] = messagesTo(suite.emulator, mail.to as string);
    expect(stored).toMatchObject({
      status: 'accepted',
      user: USER,
      envelope: { from: USER },
      parsed: { subject: 'shipped' },
    });
    expect(messagesTo(suite.emulator, mail.to as string)).toHaveLength(1);
    expect(await outbox.getJob('order-42-shipped')).toMatchObject({ state: 'completed' });
  });

  it('enqueue refuses an invalid message with VALIDATION and stores nothing', async () => {
    const { app } = await start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
        QcloudMailOutboxModule.forRoot(outboxOptions()),
      ],
    });
    const outbox = app.get(QcloudMailOutbox);
    const failure = await outbox
      .enqueue(message({ to: 'not an address' }) as MailMessageInput)
      .catch((error: unknown) => error);
    expect(isQcloudMailError(failure) && failure.code).toBe('VALIDATION');
    expect(await outbox.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0 });
  });

  it('forRootAsync with ConfigService, a named outbox on the "marketing" mailer; an enqueue-only app and a worker app', async () => {
    const queueName = `q${queues++}`;
    const config = () => ({ redisUrl: REDIS_URL });
    @Injectable()
    class Newsletter {
      constructor(@InjectOutbox('news') readonly outbox: QcloudMailOutbox) {}
    }
    @Module({ providers: [Newsletter], exports: [Newsletter] })
    class NewsletterModule {}

    const imports = (worker: boolean) => [
      ConfigModule.forRoot({ load: [config], ignoreEnvFile: true }),
      QcloudMailModule.forRoot({
        ...mailerOptions(suite.emulator, { auth: { user: MARKETING_USER, pass: MARKETING_PASS } }),
        defaults: { from: `"News" <${MARKETING_USER}>` },
        name: 'marketing',
      }),
      QcloudMailOutboxModule.forRootAsync({
        name: 'news',
        mailer: 'marketing',
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (settings: ConfigService) =>
          outboxOptions({ connection: settings.getOrThrow<string>('redisUrl'), queueName, worker }),
      }),
      NewsletterModule,
    ];
    const web = await start({ imports: imports(false) });
    const input = message({ subject: 'news' });
    const id = await web.app.get(Newsletter).outbox.enqueue(input as MailMessageInput);
    // No worker in the web app: the job waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await web.app.get(Newsletter).outbox.getJob(id)).toMatchObject({ state: 'waiting' });
    expect(messagesTo(suite.emulator, input.to as string)).toHaveLength(0);

    const worker = await start({ imports: imports(true) });
    await until(async () => (await worker.app.get(Newsletter).outbox.getJob(id))?.state === 'completed');
    expect(messagesTo(suite.emulator, input.to as string)).toEqual([
      expect.objectContaining({ user: MARKETING_USER, envelope: expect.objectContaining({ from: MARKETING_USER }) }),
    ]);
  });

  it('app.close() stops the worker: a job enqueued afterwards waits for the next worker', async () => {
    const queueName = `q${queues++}`;
    const imports = (worker: boolean) => [
      QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
      QcloudMailOutboxModule.forRoot(outboxOptions({ queueName, worker })),
    ];
    const workerApp = await startApp({ imports: imports(true) });
    await workerApp.app.close();
    const web = await start({ imports: imports(false) });
    const input = message({ subject: 'after close' });
    const id = await web.app.get(QcloudMailOutbox).enqueue(input as MailMessageInput);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await web.app.get(QcloudMailOutbox).getJob(id)).toMatchObject({ state: 'waiting' });
    expect(messagesTo(suite.emulator, input.to as string)).toHaveLength(0);
  });

  it('refuses what it would not read by name, and a missing mailer by its token', async () => {
    const misplacedClient = (() => {
      try {
        QcloudMailOutboxModule.forRoot({
          ...outboxOptions(),
          client: mailerOptions(suite.emulator),
        } as QcloudMailOutboxOptions);
      } catch (error) {
        return error;
      }
    })();
    expect(isQcloudMailError(misplacedClient) && misplacedClient.message).toContain('`client` is the mailer');
    // A key every object inherits is no option either.
    expect(() =>
      QcloudMailOutboxModule.forRoot({ ...outboxOptions(), toString: () => 'outbox' } as QcloudMailOutboxOptions),
    ).toThrow('`toString` is no option of the outbox');
    const inFactory = await Test.createTestingModule({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
        QcloudMailOutboxModule.forRootAsync({
          useFactory: () => ({ ...outboxOptions(), mailer: 'marketing' }) as QcloudMailOutboxOptions,
        }),
      ],
    })
      .compile()
      .catch((error: unknown) => error);
    expect(isQcloudMailError(inFactory) && inFactory.message).toContain(
      'QcloudMailOutboxModule.forRootAsync({ mailer, useFactory, inject })',
    );
    await expect(
      Test.createTestingModule({
        imports: [QcloudMailOutboxModule.forRoot({ ...outboxOptions(), mailer: 'nobody' })],
      }).compile(),
    ).rejects.toThrow(/qcloudmail:mailer:nobody/);
  });
});
