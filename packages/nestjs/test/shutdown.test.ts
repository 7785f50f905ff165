import { isQcloudMailError } from '@qcloudmail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@qcloudmail/test-helpers';
import { getMailerToken, QcloudMailModule, type QcloudMailService } from '../src/index.js';
import { mailerOptions, message, startApp, startTestEmulator } from './helpers.js';

const DELAY_MS = 600;

describe('QcloudMailModule shutdown', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    emulator.faults.clear();
    await emulator.close();
  });

  /** Starts a send that the emulator holds at DATA, and resolves once the client is sending it. */
  async function pendingSend(mail: QcloudMailService, subject: string) {
    emulator.faults.add({ type: 'delay', ms: DELAY_MS });
    const sending = new Promise<void>((resolve) => {
      const off = mail.client.on('sending', () => {
        off();
        resolve();
      });
    });
    const input = message({ subject });
    const send = mail.send(input);
    send.catch(() => {});
    await sending;
    return { send, to: input.to as string };
  }

  it('app.close() lets an in-flight send finish, then closes the pool', async () => {
    const { app } = await startApp({ imports: [QcloudMailModule.forRoot(mailerOptions(emulator))] });
    const mail = app.get<QcloudMailService>(getMailerToken());
    const { send, to } = await pendingSend(mail, 'drained on shutdown');
    let sendSettledAt = 0;
    send.then(() => {
      sendSettledAt = performance.now();
    });
    await app.close();
    const closedAt = performance.now();
    const outcome = await send;
    expect(outcome.response).toMatch(/^250 /);
    expect(sendSettledAt).toBeGreaterThan(0);
    expect(sendSettledAt).toBeLessThanOrEqual(closedAt);
    expect(emulator.messages.find((each) => each.envelope.to.includes(to))).toMatchObject({
      status: 'accepted',
      parsed: { subject: 'drained on shutdown' },
    });
    const late = await mail.send(message()).catch((error: unknown) => error);
    expect(isQcloudMailError(late) && late.code).toBe('CLOSED');
  });

  it('a send still running past shutdownTimeoutMs is cut off, so shutdown is bounded', async () => {
    const { app } = await startApp({
      imports: [QcloudMailModule.forRoot(mailerOptions(emulator, { shutdownTimeoutMs: 50 }))],
    });
    const mail = app.get<QcloudMailService>(getMailerToken());
    const { send } = await pendingSend(mail, 'cut off');
    const startedAt = performance.now();
    await app.close();
    expect(performance.now() - startedAt).toBeLessThan(DELAY_MS);
    const failure = await send.catch((error: unknown) => error);
    // Cut before the final dot the send was not made (core reports CLOSED); cut after it, the
    // service may still have taken it (OUTCOME_UNKNOWN). Never a success, never an unbounded wait.
    expect(isQcloudMailError(failure) && failure.code).toMatch(/^(CLOSED|OUTCOME_UNKNOWN)$/);
  });
});
