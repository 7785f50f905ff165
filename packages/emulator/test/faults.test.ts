import { SES_REPLIES } from '@qcloudmail/core/internal';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { mime, PASS, rawClient, sendRaw, sesJson, start, transport, USER } from './helpers.js';
import { RawSmtpClient } from './raw-smtp-client.js';

let emulator: Emulator;
let api: string;
beforeAll(async () => {
  emulator = await start();
  api = `${emulator.httpUrl}/api`;
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  expect(
    (await fetch(`${api}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status,
  ).toBe(200);
});

async function addFault(fault: Record<string, unknown>): Promise<{ id: string; remaining: number | 'always' }> {
  const response = await fetch(`${api}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; remaining: number | 'always' };
}

const faultList = async () => ((await (await fetch(`${api}/faults`)).json()) as { faults: unknown[] }).faults;

describe('faults over the HTTP API', () => {
  it('provider-error: the next N messages fail with that code and the catalog message, then mail flows (R16, R17)', async () => {
    await addFault({ type: 'provider-error', code: 'FailedOperation.EmailAddrInBlacklist', count: 2 });
    expect(await faultList()).toMatchObject([{ type: 'provider-error', remaining: 2 }]);
    for (let i = 0; i < 2; i += 1) {
      const reply = await sendRaw(emulator, mime());
      expect(sesJson(reply.line).QcloudError.Error).toEqual({
        Code: 'FailedOperation.EmailAddrInBlacklist',
        Message: 'The email address is in the blocklist.',
      });
    }
    expect((await sendRaw(emulator, mime())).code).toBe(250);
    expect(await faultList()).toEqual([]);
    expect(emulator.refused.map((message) => message.verdict.reason)).toEqual(['fault', 'fault']);
  });

  it('provider-error reaches nodemailer as a 554 with the JSON reply', async () => {
    await addFault({ type: 'provider-error', code: 'FailedOperation.ExceedSendLimit' });
    const error = await transport(emulator)
      .sendMail({ from: USER, to: 'user@example.org', subject: 'Hi', text: 'Body' })
      .catch((caught: unknown) => caught as { responseCode: number; response: string });
    expect(error).toMatchObject({ responseCode: 554 });
    expect(sesJson((error as { response: string }).response).QcloudError.Error.Code).toBe(
      'FailedOperation.ExceedSendLimit',
    );
  });

  it('reply at data: answers the fixed reply; a 421 also closes the connection', async () => {
    await addFault({ type: 'reply', reply: SES_REPLIES.busy });
    const client = await rawClient(emulator);
    expect((await client.send(USER, ['user@example.org'], mime())).line).toBe(SES_REPLIES.busy);
    await expect(client.command('NOOP')).rejects.toThrow(/closed/);
    expect(emulator.refused[0]?.reply).toBe(SES_REPLIES.busy);
  });

  it('reply with neither reply nor code: the service 421 busy reply at the end of DATA, as documented', async () => {
    expect(await addFault({ type: 'reply' })).toMatchObject({ type: 'reply', code: 421, stage: 'data' });
    expect((await sendRaw(emulator, mime())).line).toBe(SES_REPLIES.busy);
    expect((await sendRaw(emulator, mime())).code).toBe(250);
  });

  it('reply by code at mail, rcpt and auth stages', async () => {
    await addFault({ type: 'reply', code: 451, stage: 'mail' });
    await addFault({ type: 'reply', reply: '550 5.1.1 No such user', stage: 'rcpt' });
    const client = await rawClient(emulator);
    expect((await client.command(`MAIL FROM:<${USER}>`)).line).toBe('451 4.0.0 Error: emulated failure');
    expect((await client.command(`MAIL FROM:<${USER}>`)).code).toBe(250);
    expect((await client.command('RCPT TO:<user@example.org>')).line).toBe('550 5.1.1 No such user');
    await client.quit();
    await addFault({ type: 'reply', reply: '454 4.7.0 Temporary authentication failure', stage: 'auth' });
    const { client: second } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect((await second.login(USER, PASS)).line).toBe('454 4.7.0 Temporary authentication failure');
    await second.quit();
  });

  it('drop-after-data: breaks the connection after the final dot; the message counts as accepted (R19)', async () => {
    await addFault({ type: 'drop-after-data' });
    const client = await rawClient(emulator);
    await expect(client.send(USER, ['user@example.org'], mime())).rejects.toThrow();
    expect(emulator.messages[0]).toMatchObject({ status: 'accepted', reply: null });
  });

  it('drop-before-data: breaks the connection after RCPT TO', async () => {
    await addFault({ type: 'drop-before-data' });
    const client = await rawClient(emulator);
    expect((await client.command(`MAIL FROM:<${USER}>`)).code).toBe(250);
    await expect(client.command('RCPT TO:<user@example.org>')).rejects.toThrow();
    expect(emulator.history).toEqual([]);
  });

  it('delay: holds the reply to DATA for ms', async () => {
    await addFault({ type: 'delay', ms: 300 });
    const client = await rawClient(emulator);
    const started = performance.now();
    expect((await client.send(USER, ['user@example.org'], mime())).code).toBe(250);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await client.quit();
  });

  it('greeting-delay: holds the greeting for ms', async () => {
    await addFault({ type: 'greeting-delay', ms: 300 });
    const started = performance.now();
    const { client, greeting } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect(greeting.code).toBe(220);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await client.quit();
  });

  it('reject-connection: greets with 421 and closes', async () => {
    await addFault({ type: 'reject-connection' });
    const { client, greeting } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    expect(greeting.line).toBe(SES_REPLIES.busy);
    await expect(client.command('EHLO raw.test')).rejects.toThrow();
  });

  it('close-during-auth: breaks the connection when AUTH arrives', async () => {
    await addFault({ type: 'close-during-auth' });
    const { client } = await RawSmtpClient.connect(emulator.host, emulator.port, emulator.ca);
    await expect(client.login(USER, PASS)).rejects.toThrow();
  });

  it('count "always" keeps firing; DELETE /api/faults/:id and DELETE /api/faults remove faults', async () => {
    const always = await addFault({
      type: 'provider-error',
      code: 'FailedOperation.UnsupportMailType',
      count: 'always',
    });
    expect((await sendRaw(emulator, mime())).code).toBe(554);
    expect((await sendRaw(emulator, mime())).code).toBe(554);
    expect((await fetch(`${api}/faults/${always.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${api}/faults/${always.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await sendRaw(emulator, mime())).code).toBe(250);
    await addFault({ type: 'delay', ms: 10 });
    await addFault({ type: 'reject-connection' });
    expect((await fetch(`${api}/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(await faultList()).toEqual([]);
  });

  it.each([
    [{ type: 'explode' }, /type must be one of/],
    [{ type: 'provider-error' }, /provider code/],
    [{ type: 'reply', reply: '554 injected\r\n250 fine' }, /one SMTP failure reply line/],
    [{ type: 'reply', code: 200 }, /400 to 599/],
    [{ type: 'reply', reply: '250 2.0.0 OK: queued' }, /failure reply line/],
    [{ type: 'delay', ms: -1 }, /ms must be/],
    [{ type: 'drop-after-data', count: 0 }, /count must be/],
    [{ type: 'reply', code: 421, stage: 'quit' }, /stage must be/],
  ])('refuses an invalid fault %j with 400', async (fault, message) => {
    const response = await fetch(`${api}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CONFIGURATION');
    expect(body.error.message).toMatch(message);
  });

  it('adds faults through the JS API as well, and counts them in stats', async () => {
    const fault = emulator.faults.add({ type: 'provider-error', code: 'FailedOperation.ExceedSendLimit' });
    expect(fault).toMatchObject({ id: expect.stringMatching(/^fault-/), remaining: 1 });
    expect(() => emulator.faults.add({ type: 'delay', ms: Number.NaN })).toThrow(/ms must be/);
    expect((await sendRaw(emulator, mime())).code).toBe(554);
    const stats = (await (await fetch(`${api}/stats`)).json()) as Record<string, number>;
    expect(stats).toMatchObject({ refused: 1, faultsApplied: 1 });
  });
});
