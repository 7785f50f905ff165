import { type NodemailerErrorCode, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { MAX_REPORTED_ISSUES } from '../model/issue.js';
import type { MailIssue } from '../model/issues.js';
import { parseAddress } from '../model/address.js';
import type { MailAddressInput } from '../model/message-schema.js';
import { summarizeIssues } from '../model/validate-message.js';

/**
 * The `VALIDATION` error of a refused send, built one way for `send` and `sendRaw`: at most
 * `MAX_REPORTED_ISSUES` issues (the rest counted), and the first issue's rule as the error's own `rule`.
 */
export function validationError(
  issues: readonly MailIssue[],
  options: { omitted?: number; nodemailerCode?: NodemailerErrorCode } = {},
): QcloudMailError {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES);
  const omitted = (options.omitted ?? 0) + issues.length - shown.length;
  return new QcloudMailError({
    code: 'VALIDATION',
    category: 'validation',
    message: summarizeIssues(shown, omitted),
    rule: shown[0]?.rule,
    issues: shown,
    ...(options.nodemailerCode === undefined ? {} : { nodemailerCode: options.nodemailerCode }),
  });
}

/**
 * The issue of a sender address other than the login, or undefined. The service sends only as the console
 * sender address the client logged in with (R4) and refuses anything else after the whole upload (R19), so it is
 * refused here, before the network. An address that does not parse is left to the other checks.
 */
export function loginIssue(
  sender: MailAddressInput | undefined,
  login: string,
  path: ReadonlyArray<string | number>,
): MailIssue | undefined {
  if (sender === undefined) return undefined;
  const parsed = parseAddress(sender);
  if (!parsed.ok || parsed.address.address.toLowerCase() === login.toLowerCase()) return undefined;
  return {
    code: 'invalid_address',
    path,
    rule: 'R4',
    message: `${path.join('.')}: the client is logged in as ${login} and the service sends only as that address (R4); send from it, or use a client logged in as the sender (one client per sender address)`,
  };
}
