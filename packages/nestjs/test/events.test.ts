import { Injectable, type LoggerService, type ModuleMetadata } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { isQcloudMailError } from '@qcloudmail/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  QCLOUDMAIL_EVENT,
  QcloudMailEvents,
  QcloudMailEventsModule,
  type QcloudMailEventsForRootOptions,
  type QcloudMailEventsHandler,
  type SesEvent,
} from '../src/events/index.js';
import { type RunningApp, startApp } from './helpers.js';

const SECRET = 'nest-callback-secret-0123';
// R29's 2021 example and a bounce in the 2025 shape.
const DELIVERED = {
  event: 'delivered',
  email: 'example@example.com',
  bulkId: 'qcloud-ses-4F001945B2D9BE90362',
  timestamp: 1587953211,
  reason: 'the reason when email failed to delivered',
  bounceType: '',
};
const BOUNCE = {
  event: 'bounce',
  email: 'gone@example.com',
  timestamp: 1654064683,
  bounceType: 'hard_bounce',
  messageId: 'abc@fromexample.com',
};

/** A one-shot latch: `wait()` resolves with the first value `open` is called with. */
function latch<T>() {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { open, wait: () => promise };
}

const HANDLED: Array<readonly SesEvent[]> = [];
let nextBatch = latch<readonly SesEvent[]>();

/** The kind of handler class an application writes. */
@Injectable()
class RecordingHandler implements QcloudMailEventsHandler {
  handleEvents(events: readonly SesEvent[]): void {
    HANDLED.push(events);
    nextBatch.open(events);
  }
}

let bounced = latch<SesEvent>();
let everyEvent: SesEvent[] = [];

/** A listener as `@nestjs/event-emitter` users write one. */
@Injectable()
class BounceListener {
  @OnEvent('qcloudmail.event.bounce')
  onBounce(event: SesEvent): void {
    bounced.open(event);
  }

  @OnEvent(QCLOUDMAIL_EVENT)
  onAny(event: SesEvent): void {
    everyEvent.push(event);
  }
}

/** A handler whose every call waits for `release`, then fails or succeeds as told. */
let gate = latch<'fail' | 'pass'>();
let finished = 0;
@Injectable()
class GatedHandler implements QcloudMailEventsHandler {
  async handleEvents(): Promise<void> {
    const outcome = await gate.wait();
    finished += 1;
    if (outcome === 'fail') throw new Error('database down');
  }
}

/** Keeps what Nest logs, so that a test can see a failure reported. */
class RecordingLogger implements LoggerService {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  log(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

const post = (url: string, body: unknown, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

function startError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('QcloudMailEventsModule', () => {
  const running: RunningApp[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ app }) => app.close()));
    HANDLED.length = 0;
    nextBatch = latch();
    bounced = latch();
    everyEvent = [];
    gate = latch();
    finished = 0;
  });

  const start = async (metadata: ModuleMetadata, bodyParser = true) => {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    const app = moduleRef.createNestApplication({ logger: false, bodyParser });
    await app.listen(0, '127.0.0.1');
    const started = { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
    running.push(started);
    return started;
  };

  const withHandler = (options: Partial<QcloudMailEventsForRootOptions> = {}) => ({
    imports: [
      QcloudMailEventsModule.forRoot({ path: 'ses/events', secret: SECRET, handler: RecordingHandler, ...options }),
    ],
    providers: [RecordingHandler],
  });

  it('answers 200 and hands the events to the handler class', async () => {
    const { url } = await start(withHandler());
    const response = await post(`${url}/ses/events?token=${SECRET}`, [DELIVERED, BOUNCE]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 2 });
    const events = await nextBatch.wait();
    expect(events.map((event) => [event.kind, event.recipient])).toEqual([
      ['delivered', 'example@example.com'],
      ['bounce', 'gone@example.com'],
    ]);
    expect(events[1]).toMatchObject({ bounceType: 'hard', messageId: '<abc@fromexample.com>' });
  });

  it('reads the body itself when the app parses none, whatever its media type', async () => {
    const { url } = await start(withHandler(), false);
    const response = await post(`${url}/ses/events?token=${SECRET}`, BOUNCE, 'text/plain');
    expect(response.status).toBe(200);
    expect((await nextBatch.wait())[0]?.kind).toBe('bounce');
  });

  it('emits qcloudmail.event.<kind> and qcloudmail.event through @nestjs/event-emitter', async () => {
    const { url } = await start({
      imports: [EventEmitterModule.forRoot(), QcloudMailEventsModule.forRoot({ path: 'hooks/ses', secret: SECRET })],
      providers: [BounceListener],
    });
    expect((await post(`${url}/hooks/ses?token=${SECRET}`, [DELIVERED, BOUNCE])).status).toBe(200);
    expect(await bounced.wait()).toMatchObject({ kind: 'bounce', recipient: 'gone@example.com' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(everyEvent.map((event) => event.kind)).toEqual(['delivered', 'bounce']);
  });

  it('answers 401 alike for a missing and a wrong token, 400 for a body that is no event', async () => {
    const { url } = await start(withHandler());
    const missing = await post(`${url}/ses/events`, BOUNCE);
    const wrong = await post(`${url}/ses/events?token=nope-nope-nope-nope`, BOUNCE);
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await missing.text()).toBe(await wrong.text());
    const invalid = await post(`${url}/ses/events?token=${SECRET}`, { email: 'a@b.c' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('INVALID_EVENT');
    expect(HANDLED).toEqual([]);
  });

  it('logs a failing handler, still answering 200, and logs refusals without the token', async () => {
    const logger = new RecordingLogger();
    const moduleRef = await Test.createTestingModule({
      imports: [QcloudMailEventsModule.forRoot({ path: 'ses/events', secret: SECRET, handler: GatedHandler })],
      providers: [GatedHandler],
    }).compile();
    const app = moduleRef.createNestApplication({ logger });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    running.push({ app, url });
    expect((await post(`${url}/ses/events?token=${SECRET}`, BOUNCE)).status).toBe(200);
    gate.open('fail');
    await (app.get(QcloudMailEvents) as QcloudMailEvents).onApplicationShutdown();
    expect(finished).toBe(1);
    expect(logger.errors).toContainEqual(expect.stringContaining('database down'));
    expect((await post(`${url}/ses/events?token=wrong-wrong-wrong-wrong`, BOUNCE)).status).toBe(401);
    expect(logger.warnings).toContainEqual(expect.stringContaining('401'));
    expect(logger.warnings.join('\n')).not.toContain('wrong-wrong');
  });

  it('lets deliveries in progress finish before the application closes', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [QcloudMailEventsModule.forRoot({ path: 'ses/events', secret: SECRET, handler: GatedHandler })],
      providers: [GatedHandler],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    expect((await post(`${url}/ses/events?token=${SECRET}`, BOUNCE)).status).toBe(200);
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    // Without the wait, closing takes a few milliseconds; with it, it cannot end before the handler is let go.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    gate.open('pass');
    await closing;
    expect(finished).toBe(1);
  });

  it('takes its options from a factory in forRootAsync', async () => {
    const { url } = await start({
      imports: [
        QcloudMailEventsModule.forRootAsync({
          path: 'ses/events',
          useFactory: (secret: string) => ({ secret, handler: RecordingHandler }),
          inject: ['CALLBACK_SECRET'],
          imports: [
            {
              module: class SecretModule {},
              providers: [{ provide: 'CALLBACK_SECRET', useValue: SECRET }],
              exports: ['CALLBACK_SECRET'],
            },
          ],
        }),
      ],
      providers: [RecordingHandler],
    });
    expect((await post(`${url}/ses/events?token=${SECRET}`, DELIVERED)).status).toBe(200);
    expect((await nextBatch.wait())[0]?.kind).toBe('delivered');
  });

  it.each([
    [
      'no secret',
      {
        imports: [QcloudMailEventsModule.forRoot({ path: 'e', handler: RecordingHandler })],
        providers: [RecordingHandler],
      },
      'allowUnauthenticated',
    ],
    ['nowhere to deliver', { imports: [QcloudMailEventsModule.forRoot({ path: 'e', secret: SECRET })] }, 'nowhere'],
    [
      'a handler no module provides',
      { imports: [QcloudMailEventsModule.forRoot({ path: 'e', secret: SECRET, handler: RecordingHandler })] },
      'RecordingHandler',
    ],
    [
      'emit: true without the emitter module',
      { imports: [QcloudMailEventsModule.forRoot({ path: 'e', secret: SECRET, emit: true })] },
      'EventEmitterModule',
    ],
    [
      'a factory returning an unknown key',
      {
        imports: [
          QcloudMailEventsModule.forRootAsync({
            path: 'e',
            useFactory: () => ({ secret: SECRET, token: 'x' }) as never,
          }),
        ],
      },
      '`token` is no option',
    ],
  ])('refuses to start with %s (CONFIGURATION)', async (_case, metadata: ModuleMetadata, words) => {
    const error = await startError(startApp(metadata).then((app) => running.push(app)));
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it.each([
    [() => QcloudMailEventsModule.forRoot({ secret: SECRET } as QcloudMailEventsForRootOptions), 'path'],
    [() => QcloudMailEventsModule.forRoot({ path: 'e', secret: SECRET, sceret: 1 } as never), '`sceret` is no option'],
    [() => QcloudMailEventsModule.forRoot({ path: 'e', secret: SECRET, emit: false }), 'nowhere'],
    [
      () => QcloudMailEventsModule.forRootAsync({ path: 'e', secret: SECRET, useFactory: () => ({}) } as never),
      'return it from',
    ],
    [() => QcloudMailEventsModule.forRootAsync({ useFactory: () => ({}) } as never), 'path'],
  ])('refuses options it would not read when called (%#)', (register, words) => {
    const error = (() => {
      try {
        register();
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect((error as Error).message).toContain(words);
  });
});
