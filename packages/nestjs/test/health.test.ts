import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, PASS, USER } from '@qcloudmail/test-helpers';
import { QcloudMailHealthIndicator } from '../src/health/index.js';
import { QcloudMailModule } from '../src/index.js';
import { mailerOptions, type RunningApp, startApp, startTestEmulator } from './helpers.js';

@Controller('health')
class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(QcloudMailHealthIndicator) private readonly mail: QcloudMailHealthIndicator,
  ) {}

  @Get(':mailer')
  @HealthCheck()
  check(@Param('mailer') mailer: string, @Query('timeoutMs') timeoutMs?: string) {
    return this.health.check([
      () => this.mail.isHealthy('mail', { mailer, timeoutMs: timeoutMs === undefined ? 2000 : Number(timeoutMs) }),
    ]);
  }
}

interface HealthBody {
  status: 'ok' | 'error';
  details: { mail: { status: 'up' | 'down'; mailer: string; code?: string; message?: string } };
}

describe('QcloudMailHealthIndicator (@qcloudmail/nestjs/health)', () => {
  let emulator: Emulator;
  let closedEmulator: Emulator;
  let running: RunningApp;

  beforeAll(async () => {
    [emulator, closedEmulator] = await Promise.all([startTestEmulator(), startTestEmulator()]);
    await closedEmulator.close();
    running = await startApp({
      imports: [
        TerminusModule.forRoot({ logger: false }),
        QcloudMailModule.forRoot(mailerOptions(emulator)),
        QcloudMailModule.forRoot({
          ...mailerOptions(emulator, { auth: { user: USER, pass: `${PASS}-wrong` } }),
          name: 'wrong-password',
        }),
        QcloudMailModule.forRoot({ ...mailerOptions(closedEmulator), name: 'unreachable' }),
      ],
      controllers: [HealthController],
      providers: [QcloudMailHealthIndicator],
    });
  });
  afterEach(() => {
    emulator.faults.clear();
  });
  afterAll(async () => {
    await running.app.close();
    await emulator.close();
  });

  async function check(path: string): Promise<{ status: number; text: string; body: HealthBody }> {
    const response = await fetch(`${running.url}/health/${path}`);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as HealthBody };
  }

  it('is up when the mailer logs in', async () => {
    const before = emulator.stats.connections;
    const { status, body } = await check('default');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', details: { mail: { status: 'up', mailer: 'default' } } });
    expect(emulator.stats.connections).toBeGreaterThan(before);
  });

  it('is down with AUTH on a wrong password, leaking neither the login nor the reply', async () => {
    const { status, text, body } = await check('wrong-password');
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      details: { mail: { status: 'down', mailer: 'wrong-password', code: 'AUTH' } },
    });
    for (const secret of [PASS, USER, '535']) expect(text).not.toContain(secret);
  });

  it('is down with CONNECTION when the service is gone', async () => {
    const { status, text, body } = await check('unreachable');
    expect(status).toBe(503);
    expect(body.details.mail).toMatchObject({ status: 'down', code: 'CONNECTION' });
    expect(text).not.toContain(String(closedEmulator.port));
  });

  it('is down with TIMEOUT when the login does not finish within the timeout', async () => {
    emulator.faults.add({ type: 'greeting-delay', ms: 1500 });
    const startedAt = Date.now();
    const { status, body } = await check('default?timeoutMs=200');
    expect(status).toBe(503);
    expect(body.details.mail).toMatchObject({ status: 'down', code: 'TIMEOUT' });
    // Bounded by the check's timeout, not by the server's delay.
    expect(Date.now() - startedAt).toBeLessThan(1500);
  });

  it('is down with CONFIGURATION for a mailer name that is not registered', async () => {
    const { status, body } = await check('nope');
    expect(status).toBe(503);
    expect(body.details.mail).toMatchObject({ status: 'down', mailer: 'nope', code: 'CONFIGURATION' });
  });
});
