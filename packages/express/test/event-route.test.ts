import { isQcloudMailError } from '@qcloudmail/core';
import { listen, postJson, postRaw, type RunningApp } from '@qcloudmail/test-helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventRoute, type EventRouteOptions, type SesEvent } from '../src/index.js';
import { type ExpressFactory, frameworks } from './helpers.js';

const SECRET = 'express-callback-secret-01';
// R29's 2025 example, as the provider posts it.
const BOUNCE = {
  event: 'bounce',
  email: 'example@example.com',
  bulkId: 'qcloudses-30-251200670-date-20220601142439-8jolHvR2XcXC1',
  timestamp: 1654064683,
  reason: '551 5.1.1 recipient is not exist',
  bounceType: 'hard_bounce',
  username: '251200670',
  from: 'test@fromexample.com',
  fromDomain: 'fromexample.com',
  templateId: 123456,
  subject: 'example subject',
  messageId: 'ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com',
  sentTimestamp: 1761555487,
  'X-Tencentcloudses-Cb-Custom': 'ses callback',
};

describe('createEventRoute', () => {
  it('refuses to be created without a secret unless told allowUnauthenticated: true', () => {
    const onEvents = () => undefined;
    const error = (() => {
      try {
        createEventRoute({ onEvents });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQcloudMailError(error) && error.code).toBe('CONFIGURATION');
    expect((error as Error).message).toContain('allowUnauthenticated');
    expect(() => createEventRoute({ onEvents, allowUnauthenticated: true })).not.toThrow();
  });
});

describe.each(frameworks)('createEventRoute on %s', (_name, express: ExpressFactory) => {
  const running: RunningApp[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  /** An app with the route at /ses/events, and the events it received, each batch as a promise. */
  async function start(options: Partial<EventRouteOptions> = {}, jsonFirst = false) {
    const batches: SesEvent[][] = [];
    const waiting: Array<(events: readonly SesEvent[]) => void> = [];
    const refusals: Array<{ status: number; code?: string }> = [];
    const app = express();
    if (jsonFirst) app.use(express.json());
    app.post(
      '/ses/events',
      createEventRoute({
        secret: SECRET,
        onEvents: (events) => {
          batches.push([...events]);
          waiting.shift()?.(events);
        },
        onRefused: (refusal) => refusals.push({ status: refusal.status, code: refusal.error?.code }),
        ...options,
      }),
    );
    const app$ = await listen(app);
    running.push(app$);
    const next = () => new Promise<readonly SesEvent[]>((resolve) => waiting.push(resolve));
    return { url: `${app$.url}/ses/events`, batches, refusals, next };
  }

  it.each([
    ['reading the body itself', false],
    ['behind express.json()', true],
  ])('answers 200 and hands the parsed events to onEvents, %s', async (_case, jsonFirst) => {
    const app = await start({}, jsonFirst);
    const handed = app.next();
    const response = await postJson(`${app.url}?token=${SECRET}`, BOUNCE);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1 });
    const [event] = await handed;
    expect(event).toMatchObject({
      kind: 'bounce',
      bounceType: 'hard',
      recipient: 'example@example.com',
      messageId: '<ea2783c1-7704-48a8-af36-2b9e83e767ec@fromexample.com>',
      templateId: '123456',
      extra: { 'X-Tencentcloudses-Cb-Custom': 'ses callback' },
    });
  });

  it('accepts a body whatever media type it declares, and hands a repeated event over again (at least once)', async () => {
    const app = await start();
    for (let i = 0; i < 2; i += 1) {
      const handed = app.next();
      const response = await postRaw(`${app.url}?token=${SECRET}`, JSON.stringify(BOUNCE), {
        'content-type': 'text/plain',
      });
      expect(response.status).toBe(200);
      await handed;
    }
    expect(app.batches).toHaveLength(2);
  });

  it('answers 401 alike for a missing and a wrong token, telling onRefused and handing nothing over', async () => {
    const app = await start();
    const missing = await postJson(app.url, BOUNCE);
    const wrong = await postJson(`${app.url}?token=${SECRET}x`, BOUNCE);
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await missing.text()).toBe(await wrong.text());
    expect(app.refusals).toEqual([{ status: 401 }, { status: 401 }]);
    expect(app.batches).toEqual([]);
  });

  it('answers 400 INVALID_EVENT naming the field, and 413 past the body limit', async () => {
    const app = await start({ maxBodyBytes: 4096 });
    const invalid = await postJson(`${app.url}?token=${SECRET}`, { ...BOUNCE, timestamp: 'yesterday' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_EVENT');
    expect(body.error.message).toContain('timestamp');
    const large = await postJson(`${app.url}?token=${SECRET}`, { ...BOUNCE, reason: 'x'.repeat(8000) });
    expect(large.status).toBe(413);
    expect(app.refusals).toEqual([{ status: 400, code: 'INVALID_EVENT' }, { status: 413 }]);
  });

  it('keeps answering when onEvents fails, reporting it to onError', async () => {
    const failures: unknown[] = [];
    let reported: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      reported = resolve;
    });
    const app = await start({
      onEvents: () => Promise.reject(new Error('store down')),
      onError: (error) => {
        failures.push(error);
        reported();
      },
    });
    const response = await postJson(`${app.url}?token=${SECRET}`, [BOUNCE, { ...BOUNCE, event: 'delivered' }]);
    expect(response.status).toBe(200);
    await done;
    expect(failures).toEqual([expect.objectContaining({ message: 'store down' })]);
  });
});
