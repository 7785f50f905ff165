import { buildMimeFromMessage } from '../mime/build-mime.js';
import type { MailIssue } from '../model/issues.js';
import type { MailAddressInput, MailMessageInput } from '../model/message-schema.js';
import { validateMessage } from '../model/validate-message.js';
import { planMessages } from './recipient-plan.js';
import type { ResolvedClientOptions } from './resolve-options.js';
import type { BuiltMessage } from './send-context.js';
import { loginIssue, validationError } from './validation-error.js';

// The From as given, when it has the shape of an address; anything else is validation's to report.
function givenFrom(input: unknown): MailAddressInput | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const from: unknown = (input as { from?: unknown }).from;
  if (typeof from === 'string') return from;
  if (typeof from === 'object' && from !== null && typeof (from as { address?: unknown }).address === 'string') {
    return from as MailAddressInput;
  }
  return undefined;
}

/**
 * The first step of `send`: validates the input once, plans one message per recipient group (the recipient
 * policy) and builds each. It comes before any connection (R19): a bad message never reaches the network, nor
 * does a From other than the login (R4), reported among validation's issues.
 */
export function prepareMessages(input: MailMessageInput, options: ResolvedClientOptions): BuiltMessage[] {
  const result = validateMessage(input, { recipients: options.recipients, limits: options.limits });
  // An envelope or Sender other than the From is validation's refusal already: the From is the one to hold.
  const from = result.ok ? result.message.from.address : givenFrom(input);
  const login = loginIssue(from, options.auth.user, ['from']);
  if (!result.ok || login !== undefined) {
    const issues: MailIssue[] = login === undefined ? [] : [login];
    if (!result.ok) issues.push(...result.issues);
    throw validationError(issues, { omitted: result.ok ? 0 : result.omittedIssues });
  }
  return planMessages(result.message, options.recipients).map((each) =>
    buildMimeFromMessage(each, { limits: options.limits }),
  );
}
