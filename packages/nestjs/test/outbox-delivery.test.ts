// The Nest outbox passes the Redis outbox's delivery record through: status after a real send, and an event
// applied with recordEvent (as a callback handler would).
import type { MailMessageInput, TemplateRenderer } from '@qcloudmail/core';
import { messagesTo, sesEvent } from '@qcloudmail/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QcloudMailModule } from '../src/index.js';
import { QcloudMailOutbox, QcloudMailOutboxModule } from '../src/outbox/index.js';
import { appSuite, mailerOptions, message } from './helpers.js';
import { deleteKeys, probeRedis, REDIS_URL, type RedisClient, redisClient, uniquePrefix } from './redis.js';

const available = await probeRedis();

describe.skipIf(!available)('QcloudMailOutbox delivery status', () => {
  const prefix = uniquePrefix('nest-outbox-delivery');
  let redis: RedisClient;
  const suite = appSuite();

  beforeAll(() => {
    redis = redisClient();
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('answers status(messageId) after the worker sent, and applies recordEvent', async () => {
    const { app } = await suite.start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator)),
        QcloudMailOutboxModule.forRoot({
          connection: REDIS_URL,
          prefix: `${prefix}bull`,
          rateLimitPrefix: `${prefix}rl:`,
        }),
      ],
    });
    const outbox = app.get(QcloudMailOutbox);
    const accepted: string[] = [];
    outbox.on('delivery', (change) => {
      if (change.fact === 'accepted') accepted.push(change.messageId);
    });
    const mail = message({ subject: 'tracked' });
    await outbox.enqueue(mail as MailMessageInput);
    const end = Date.now() + 10_000;
    while (accepted.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
    const [messageId] = accepted as [string];
    const to = String(mail.to).toLowerCase();
    expect(await outbox.status(messageId)).toMatchObject({ recipients: [{ address: to, state: 'accepted' }] });
    const result = await outbox.recordEvent(sesEvent({ kind: 'delivered', recipient: to, messageId }));
    expect(result).toMatchObject({ recorded: true, changed: true, state: 'delivered' });
    expect((await outbox.status(messageId))?.recipients[0]?.state).toBe('delivered');
    await expect(outbox.status('not-bracketed')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it("renders a templated message with the mailer's templates at enqueue, so the job holds what is sent", async () => {
    const templates: TemplateRenderer = {
      engine: 'own',
      render: ({ context }) => ({ html: `<p>Receipt ${String(context.order)}</p>` }),
    };
    const { app } = await suite.start({
      imports: [
        QcloudMailModule.forRoot(mailerOptions(suite.emulator, { templates })),
        QcloudMailOutboxModule.forRoot({
          connection: REDIS_URL,
          prefix: `${prefix}tpl`,
          rateLimitPrefix: `${prefix}rl:`,
        }),
      ],
    });
    const outbox = app.get(QcloudMailOutbox);
    const { html: _html, text: _text, ...plain } = message({ subject: 'receipt' });
    const to = String(plain.to).toLowerCase();
    const sent: string[] = [];
    outbox.on('sent', (event) => sent.push(event.id));
    await outbox.enqueue({ ...plain, template: 'receipt', context: { order: 'A-9' } });
    const end = Date.now() + 10_000;
    while (sent.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(messagesTo(suite.emulator, to)[0]?.parsed).toMatchObject({
      html: '<p>Receipt A-9</p>',
      text: 'Receipt A-9',
    });
    await expect(outbox.enqueue({ ...plain, template: 'receipt', html: '<p>both</p>' } as never)).rejects.toMatchObject(
      {
        code: 'TEMPLATE',
      },
    );
  });
});
