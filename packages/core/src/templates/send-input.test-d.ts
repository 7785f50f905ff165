import { describe, expectTypeOf, it } from 'vitest';
import type { MailClient } from '../client/types.js';
import type { MailMessageInput } from '../model/message-schema.js';
import { isTemplatedMessage } from './is-templated-message.js';
import { renderMessage } from './render-message.js';
import type { RenderedTemplate, SendInput, TemplatedMessageInput, TemplateRenderer } from './types.js';

declare const client: MailClient;

describe('SendInput', () => {
  it('takes a plain message and a templated one', () => {
    expectTypeOf<MailMessageInput>().toExtend<SendInput>();
    expectTypeOf<TemplatedMessageInput>().toExtend<SendInput>();
    expectTypeOf(client.send).parameter(0).toEqualTypeOf<SendInput>();
    expectTypeOf({ from: 'a@b.co', to: 'c@d.co', subject: 's', template: 'shipped', context: { n: 1 } }).toExtend<
      Parameters<MailClient['send']>[0]
    >();
  });

  it('refuses a template name that is no string, and html or text beside a template', () => {
    expectTypeOf({ template: 1 }).not.toExtend<TemplatedMessageInput>();
    expectTypeOf({ template: 't', html: '<p>x</p>' }).not.toExtend<TemplatedMessageInput>();
    expectTypeOf({ template: 't', text: 'x' }).not.toExtend<TemplatedMessageInput>();
  });

  it('narrows with isTemplatedMessage and renders to a plain message', () => {
    const input = {} as SendInput;
    if (isTemplatedMessage(input)) expectTypeOf(input.template).toEqualTypeOf<string>();
    expectTypeOf(renderMessage).returns.resolves.toEqualTypeOf<MailMessageInput>();
    expectTypeOf<TemplateRenderer['render']>().returns.toEqualTypeOf<RenderedTemplate | Promise<RenderedTemplate>>();
  });
});
