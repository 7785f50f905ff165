import { generateTlsMaterial, startEmulator, type Emulator } from '@qcloudmail/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startExpressApp } from '../src/express-app.js';
import { postJson, type RunningApp } from '../src/http-app.js';
import { startNestApp } from '../src/nest-app.js';
import { conformanceMessage, USER } from './describe-sender.js';
import { messageAsJson } from './senders.js';

const PASS = 'http-answers-secret';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

// The request id is fresh per refusal (also inside the message); everything else must be the same in both frameworks.
function comparable(answer: Awaited<ReturnType<typeof postJson>>) {
  const body = answer.body as { error?: Record<string, unknown> };
  const { requestId, ...error } = body.error ?? {};
  if (typeof error.message === 'string') error.message = error.message.replace(UUID, 'REQUEST-ID');
  return { status: answer.status, retryAfter: answer.retryAfter, error, hasRequestId: typeof requestId === 'string' };
}

describe('the Express and NestJS applications answer a failure alike', () => {
  let emulator: Emulator;
  let express: RunningApp;
  let nest: RunningApp;

  beforeAll(async () => {
    emulator = await startEmulator({ users: [{ user: USER, pass: PASS }], tls: await generateTlsMaterial() });
    const client = {
      host: emulator.host,
      port: emulator.port,
      ca: emulator.ca,
      auth: { user: USER, pass: PASS },
      retry: false as const,
    };
    [express, nest] = await Promise.all([startExpressApp(client), startNestApp(client)]);
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    await Promise.all([express?.close(), nest?.close()]);
    await emulator?.close();
  });

  async function both(prepare: () => void, message: Record<string, unknown>) {
    prepare();
    const fromExpress = await postJson(`${express.url}/send`, message);
    prepare();
    const fromNest = await postJson(`${nest.url}/send`, message);
    return [comparable(fromExpress), comparable(fromNest)] as const;
  }

  it('422 with the issues for a validation error', async () => {
    const [fromExpress, fromNest] = await both(
      () => {},
      messageAsJson(conformanceMessage({ cc: 'manager@example.org' })),
    );
    expect(fromExpress.status).toBe(422);
    expect(fromExpress.error).toMatchObject({ code: 'VALIDATION', issues: [{ code: 'cc_unsupported', rule: 'R9' }] });
    expect(fromNest).toEqual(fromExpress);
  });

  it("429 with Retry-After for the service's rate limit (R7)", async () => {
    const fault = () =>
      void emulator.faults.add({ type: 'provider-error', code: 'RequestLimitExceeded.SmtpRateLimit' });
    const [fromExpress, fromNest] = await both(fault, messageAsJson(conformanceMessage()));
    expect(fromExpress).toMatchObject({ status: 429, retryAfter: '1', error: { code: 'RATE_LIMIT' } });
    expect(fromNest).toEqual(fromExpress);
  });

  it('422 for a blacklisted recipient, a problem the caller can fix (R25)', async () => {
    const fault = () =>
      void emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist' });
    const [fromExpress, fromNest] = await both(fault, messageAsJson(conformanceMessage()));
    expect(fromExpress).toMatchObject({ status: 422, error: { providerCode: 'FailedOperation.EmailAddrInBlacklist' } });
    expect(fromNest).toEqual(fromExpress);
  });

  it('202 with the Message-ID for a message the service accepts', async () => {
    const message = messageAsJson(conformanceMessage());
    const fromExpress = await postJson(`${express.url}/send`, message);
    const fromNest = await postJson(`${nest.url}/send`, message);
    expect(fromExpress.status).toBe(202);
    expect(fromNest).toEqual(fromExpress);
    expect(emulator.messages).toHaveLength(2);
  });
});
