import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorTarget } from './emulator-target.js';
import { startExpressApp } from './express-app.js';
import { postJson, type RunningApp } from './http-app.js';
import { startNestApp } from './nest-app.js';
import { sampleMessageJson } from './sample-message.js';
import type { DemoTarget } from './target.js';

describe("the demo's send routes: the packages' own, behind the demo's bearer token", () => {
  let target: DemoTarget;
  let apps: Array<readonly [string, RunningApp]>;

  beforeAll(async () => {
    target = await startEmulatorTarget();
    apps = [
      ['Express', await startExpressApp(target.client)],
      ['NestJS', await startNestApp(target.client)],
    ];
  });
  afterAll(async () => {
    await Promise.all(apps?.map(([, app]) => app.close()) ?? []);
    await target?.close();
  });

  it('refuse a caller without the token or with another one, sending nothing', async () => {
    for (const [name, app] of apps) {
      const message = sampleMessageJson(target.from, target.recipient(name), name);
      for (const token of [null, 'guessed']) {
        expect((await postJson(`${app.url}/send`, message, token)).status).toBe(403);
      }
    }
    expect(target.emulator?.messages).toHaveLength(0);
  });

  it('send with the token and answer alike: 202, every recipient and every message', async () => {
    for (const [name, app] of apps) {
      const to = target.recipient(name);
      const { status, body } = await postJson(`${app.url}/send`, sampleMessageJson(target.from, to, name));
      expect(status).toBe(202);
      expect(body).toMatchObject({ accepted: [to], rejected: [], messages: [{ accepted: [to], rejected: [] }] });
    }
    expect(target.emulator?.messages).toHaveLength(2);
  });
});
