import { type MailClient, type TemplateRenderer, templateError } from '@qcloudmail/core';
import type { NextFunction, Request, Response } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  clientOptions,
  type Emulator,
  listen,
  messagesTo,
  postJson,
  type RunningApp,
  recipient,
  startTestEmulator,
  USER,
} from '@qcloudmail/test-helpers';
import { createSendRoute, mailErrorHandler, qcloudMail } from '../src/index.js';
import { frameworks } from './helpers.js';

// A user's own renderer: `welcome` greets `user.name`, with a text template of its own.
const renderer: TemplateRenderer = {
  engine: 'own',
  render({ template, context, subject }) {
    const user = context.user as { name?: string } | undefined;
    if (template !== 'welcome') throw templateError({ template, engine: 'own' }, { reason: 'no such template' });
    if (user?.name === undefined) {
      throw templateError(
        { template, engine: 'own', line: 3, variable: 'user.name' },
        { reason: 'user.name is missing' },
      );
    }
    return {
      subject: subject?.replace('{{user.name}}', user.name),
      html: `<h1>Welcome, ${user.name}</h1>`,
      text: `Welcome, ${user.name}`,
    };
  },
};

describe.each(frameworks)('req.mail.send({ template, context }) on %s', (_name, express) => {
  let emulator: Emulator;
  const running: RunningApp[] = [];
  const clients: MailClient[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
    await Promise.all(clients.splice(0).map((client) => client.close({ timeoutMs: 2000 })));
  });
  afterAll(async () => {
    await emulator.close();
  });

  /** An app whose POST /welcome sends the welcome template to the body's email, through `req.mail`. */
  async function start(templates: TemplateRenderer | undefined): Promise<RunningApp> {
    const mail = qcloudMail(clientOptions(emulator, templates === undefined ? {} : { templates }));
    clients.push(mail.client);
    const app = express();
    app.use(express.json());
    app.use(mail);
    app.post('/welcome', (req: Request, res: Response, next: NextFunction) => {
      const { email, name } = req.body as { email: string; name?: string };
      req.mail
        .send({
          from: USER,
          to: email,
          subject: 'Welcome, {{user.name}}',
          template: 'welcome',
          context: { user: { name } },
        })
        .then((outcome) => res.status(202).json({ messageId: outcome.messageId }), next);
    });
    app.post('/send', createSendRoute({ authorize: () => true, templates: true }));
    app.post('/send-plain', createSendRoute({ authorize: () => true }));
    app.use(mailErrorHandler());
    const app$ = await listen(app);
    running.push(app$);
    return app$;
  }

  it('renders with the client’s templates: the rendered subject, html and text go out', async () => {
    const app = await start(renderer);
    const email = recipient('welcome');
    const response = await postJson(`${app.url}/welcome`, { email, name: '小明' });
    expect(response.status).toBe(202);
    const { messageId } = (await response.json()) as { messageId: string };
    const [stored] = messagesTo(emulator, email);
    expect(stored).toMatchObject({ status: 'accepted', parsed: { subject: 'Welcome, 小明', messageId } });
    expect(stored?.parsed.html).toBe('<h1>Welcome, 小明</h1>');
    expect(stored?.parsed.text?.trim()).toBe('Welcome, 小明');
  });

  it('the send route renders a JSON body that names a template', async () => {
    const app = await start(renderer);
    const email = recipient('welcome');
    const body = {
      from: USER,
      to: email,
      subject: 'Hi {{user.name}}',
      template: 'welcome',
      context: { user: { name: 'Li' } },
    };
    const response = await postJson(`${app.url}/send`, body);
    expect(response.status).toBe(202);
    expect(messagesTo(emulator, email)[0]?.parsed).toMatchObject({ subject: 'Hi Li', html: '<h1>Welcome, Li</h1>' });
  });

  it('a send route not told `templates: true` refuses a body that names a template: 422, nothing sent', async () => {
    const app = await start(renderer);
    const email = recipient('welcome');
    const body = { from: USER, to: email, subject: 'Hi', template: 'welcome', context: { user: { name: 'Li' } } };
    const response = await postJson(`${app.url}/send-plain`, body);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: 'TEMPLATE', details: { template: 'welcome', field: 'template' } },
    });
    expect(messagesTo(emulator, email)).toEqual([]);
  });

  it('answers a missing variable as 422 TEMPLATE naming the template, line and variable; nothing is sent', async () => {
    const app = await start(renderer);
    const email = recipient('welcome');
    const response = await postJson(`${app.url}/welcome`, { email });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('TEMPLATE');
    expect(error.message).toContain('Template "welcome" (own) at line 3');
    expect(error.message).toContain('user.name');
    expect(messagesTo(emulator, email)).toEqual([]);
  });

  it('answers a template without a renderer as 500 TEMPLATE, saying no more than that the service is misconfigured', async () => {
    const app = await start(undefined);
    const email = recipient('welcome');
    const response = await postJson(`${app.url}/welcome`, { email, name: 'Ann' });
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: { code: string; category: string } };
    expect(error).toMatchObject({ code: 'TEMPLATE', category: 'configuration' });
    expect(messagesTo(emulator, email)).toEqual([]);
  });
});
