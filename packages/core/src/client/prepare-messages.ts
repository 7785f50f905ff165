import { buildMimeFromMessage } from '../mime/build-mime.js';
import type { MailMessageInput } from '../model/message-schema.js';
import { assertValidMessage } from '../model/validate-message.js';
import { planMessages } from './recipient-plan.js';
import type { ResolvedClientOptions } from './resolve-options.js';
import type { BuiltMessage } from './send-context.js';

/**
 * The first step of `send`: validates the input once, plans one message per recipient group (the recipient
 * policy) and builds each. It comes before any connection (R19): a bad message never reaches the network.
 */
export function prepareMessages(input: MailMessageInput, options: ResolvedClientOptions): BuiltMessage[] {
  const message = assertValidMessage(input, { recipients: options.recipients, limits: options.limits });
  return planMessages(message, options.recipients).map((each) =>
    buildMimeFromMessage(each, { limits: options.limits }),
  );
}
