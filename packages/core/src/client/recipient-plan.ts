import { LIMITS } from '../limits/limits.js';
import type { MailAddress, MailMessage } from '../model/message.js';
import type { RecipientPolicy } from '../limits/recipient-policy.js';

/**
 * Turns one validated message into the messages actually sent, by recipient policy (R8, R9).
 * `single`: the message as it is. `split`: one copy per distinct address of To, Cc and Bcc, each with only that
 * address in To and no Cc/Bcc (the service supports neither). `chunk`: copies of at most 50 To addresses.
 * A caller's `messageId` is kept only when exactly one message results: copies must not share an id.
 */
export function planMessages(
  message: MailMessage,
  policy: RecipientPolicy,
  chunkSize: number = LIMITS.maxRecipients,
): MailMessage[] {
  if (policy === 'single') return [message];
  const groups =
    policy === 'split'
      ? distinct([...message.to, ...message.cc, ...message.bcc]).map((address) => [address])
      : chunks(distinct(message.to), chunkSize);
  if (groups.length === 1 && policy === 'chunk') return [{ ...message, to: groups[0] ?? [], cc: [], bcc: [] }];
  return groups.map((to) => {
    const copy: MailMessage = { ...message, to, cc: [], bcc: [] };
    if (groups.length > 1) delete copy.messageId;
    return copy;
  });
}

function distinct(addresses: readonly MailAddress[]): MailAddress[] {
  const seen = new Set<string>();
  const out: MailAddress[] = [];
  for (const entry of addresses) {
    const key = entry.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
