import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { APP_ID, mime, rawClient, sendRaw, start, transport, USER } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start();
});
afterAll(async () => {
  await emulator.close();
});

describe('accepting mail', () => {
  it('accepts a message from nodemailer with the service reply and stores it parsed (R15, R21)', async () => {
    emulator.reset();
    const info = await transport(emulator).sendMail({
      from: `Sender <${USER}>`,
      to: 'user@example.org',
      subject: 'Report 你好',
      text: 'Plain body',
      html: '<p>HTML body</p>',
      attachments: [{ filename: 'report.pdf', content: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' }],
    });
    expect(info.response).toBe('250 2.0.0 OK: queued');
    const [message] = emulator.messages;
    expect(message).toMatchObject({
      status: 'accepted',
      user: USER,
      appId: APP_ID,
      envelope: { from: USER, to: ['user@example.org'] },
      reply: '250 2.0.0 OK: queued',
    });
    expect(message?.parsed).toMatchObject({ subject: 'Report 你好', from: USER, to: ['user@example.org'] });
    expect(message?.parsed.text?.trim()).toBe('Plain body');
    expect(message?.parsed.html).toContain('HTML body');
    expect(message?.parsed.attachments).toHaveLength(1);
    expect(message?.parsed.attachments[0]).toMatchObject({
      filename: 'report.pdf',
      contentType: 'application/pdf',
      size: 13,
    });
    expect(message?.raw.toString()).toContain('Subject:');
    expect(message?.size).toBe(message?.raw.length);
    expect(message?.verdict).toMatchObject({
      accepted: true,
      reason: 'accepted',
      droppedAttachments: [],
      ignoredHeaders: [],
    });
    expect(emulator.refused).toEqual([]);
    expect(emulator.stats).toMatchObject({ accepted: 1, refused: 0 });
  });

  it('accepts a hand-built message from the raw client and un-stuffs leading dots', async () => {
    emulator.reset();
    const reply = await sendRaw(emulator, mime({ body: 'first\r\n.leading dot\r\n..two dots\r\n' }));
    expect(reply.line).toBe('250 2.0.0 OK: queued');
    expect(emulator.messages[0]?.raw.toString()).toContain('\r\n.leading dot\r\n..two dots\r\n');
  });

  it('accepts lines of 999 to 2000 octets, which the service reads, keeping the RFC 5322 warning', async () => {
    emulator.reset();
    const reply = await sendRaw(emulator, mime({ body: `${'a'.repeat(2000)}\r\n` }));
    expect(reply.code).toBe(250);
    expect(emulator.messages[0]?.verdict.issues.map((issue) => issue.code)).toContain('line_too_long');
  });

  it('accepts Cc and Bcc headers but records that the service ignores them (R9)', async () => {
    emulator.reset();
    const reply = await sendRaw(emulator, mime({ headers: { Cc: 'copy@example.org', Bcc: 'hidden@example.org' } }));
    expect(reply.code).toBe(250);
    expect(emulator.messages[0]?.verdict.ignoredHeaders).toEqual(['Cc', 'Bcc']);
  });

  it('accepts an attachment whose disposition is not "attachment" and records it as dropped (R12)', async () => {
    emulator.reset();
    const raw = mime({
      headers: { 'Content-Type': 'multipart/mixed; boundary="b1"' },
      body: [
        '--b1',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'See the picture.',
        '--b1',
        'Content-Type: application/octet-stream; name="pic.png"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: inline; filename="pic.png"',
        '',
        Buffer.from('not really a png').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    });
    const reply = await sendRaw(emulator, raw);
    expect(reply.code).toBe(250);
    expect(emulator.messages[0]?.verdict.droppedAttachments).toEqual(['pic.png']);
    expect(emulator.messages[0]?.verdict.issues.map((issue) => issue.code)).toContain(
      'attachment_disposition_unsupported',
    );
  });

  it('takes several messages on one connection', async () => {
    emulator.reset();
    const client = await rawClient(emulator);
    expect((await client.send(USER, ['a@example.org'], mime({ headers: { To: 'a@example.org' } }))).code).toBe(250);
    expect((await client.send(USER, ['b@example.org'], mime({ headers: { To: 'b@example.org' } }))).code).toBe(250);
    await client.quit();
    expect(emulator.messages.map((message) => message.envelope.to[0])).toEqual(['a@example.org', 'b@example.org']);
  });

  it('waitForMessage resolves with a stored message and with a future one, and times out', async () => {
    emulator.reset();
    await sendRaw(emulator, mime({ headers: { Subject: 'first' } }));
    await expect(emulator.waitForMessage((m) => m.parsed.subject === 'first')).resolves.toMatchObject({
      status: 'accepted',
    });
    const future = emulator.waitForMessage((m) => m.parsed.subject === 'second', 5000);
    await sendRaw(emulator, mime({ headers: { Subject: 'second' } }));
    await expect(future).resolves.toMatchObject({ parsed: { subject: 'second' } });
    await expect(emulator.waitForMessage((m) => m.parsed.subject === 'never', 50)).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it('keeps only maxMessages, dropping the oldest', async () => {
    const small = await start({ maxMessages: 2, httpPort: false });
    try {
      for (const subject of ['one', 'two', 'three']) await sendRaw(small, mime({ headers: { Subject: subject } }));
      expect(small.history.map((message) => message.parsed.subject)).toEqual(['two', 'three']);
      expect(small.httpUrl).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});
