import type { Readable } from 'node:stream';
import { LIMITS, type MailIssue, SES_REPLIES, SMTP_RATE_LIMIT_ERROR } from '@qcloudmail/core';
import type { SMTPServerSession } from 'smtp-server';
import type { Login } from './accounts.js';
import type { EmulatorContext } from './context.js';
import { collectData } from './data-collector.js';
import type { ActiveFault } from './fault-queue.js';
import { parseView } from './parse-view.js';
import { providerReply, replyError, replyForCode } from './replies.js';
import type { ContentVerdict, ParsedMessageView, StoredMessage, Verdict } from './types.js';
import { judgeContent } from './verdict.js';

/** How the end of DATA is answered: a 250, a refusal, or no reply at all (the connection was broken). */
export type DataOutcome = { kind: 'accepted'; text: string } | { kind: 'refused'; reply: string } | { kind: 'dropped' };

function oversizeVerdict(size: number): ContentVerdict {
  const issue: MailIssue = {
    code: 'message_too_large',
    path: [],
    rule: 'SIZES',
    message: `The message has more than ${LIMITS.maxMessageBytes} bytes (${size} received); the service breaks the connection (R18)`,
  };
  return { accepted: false, reason: 'too-large', reply: SES_REPLIES.tooLarge, rule: 'SIZES', issues: [issue] };
}

/** The faults that decide how the end of DATA is answered; one of them, the oldest, fires per message. */
type OutcomeFault = Extract<ActiveFault, { type: 'provider-error' | 'reply' | 'drop-after-data' }>;

function isOutcomeFault(fault: ActiveFault): fault is OutcomeFault {
  return (
    fault.type === 'provider-error' ||
    fault.type === 'drop-after-data' ||
    (fault.type === 'reply' && fault.stage === 'data')
  );
}

// A refusing fault comes before the rate limits: an injected provider error stands for a refusal the emulator
// cannot derive from the message (a blocklisted recipient, an exhausted quota), which the service gives whatever
// it holds. A drop decides nothing about the message: the rules judge it, and only the reply is lost (R19).
function applyFaultsAndLimits(
  context: EmulatorContext,
  verdict: ContentVerdict,
  fault: OutcomeFault | undefined,
  login: Login,
  to: string[],
): ContentVerdict {
  if (fault?.type === 'provider-error') {
    return { ...verdict, accepted: false, reason: 'fault', rule: 'R17', ...providerReply(fault.code, fault.message) };
  }
  if (fault?.type === 'reply') {
    const reply = fault.reply ?? replyForCode(fault.code ?? 421);
    return { accepted: false, reason: 'fault', reply, issues: verdict.issues };
  }
  if (!verdict.accepted) return verdict;
  const rate = context.rateLimits.check(login.appId, login.user, to);
  if (!rate.ok) {
    return {
      accepted: false,
      reason: 'rate-limit',
      rule: rate.rule,
      issues: verdict.issues,
      ...providerReply(SMTP_RATE_LIMIT_ERROR.providerCode, SMTP_RATE_LIMIT_ERROR.message),
    };
  }
  context.rateLimits.record(login.appId, login.user, to);
  return verdict;
}

function complete(verdict: ContentVerdict, parsed: ParsedMessageView): Verdict {
  return {
    ...verdict,
    // The service accepts these and then leaves them out (R12) or ignores them (R9); the inbox shows it.
    droppedAttachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition.toLowerCase() !== 'attachment')
      .map((attachment) => attachment.filename),
    ignoredHeaders: (['Cc', 'Bcc'] as const).filter((name) =>
      parsed.headers.some((header) => header.key === name.toLowerCase()),
    ),
  };
}

/**
 * Reads one message and answers it as the service would at the end of DATA (R19): the size, the content checks
 * (verdict.ts), at most one injected outcome fault (the oldest pending `provider-error`, `reply` at `data` or
 * `drop-after-data`), then the rate limits (R5, R6). Every message is stored, accepted or refused; a dropped
 * one keeps the status the rules gave it, with no reply.
 */
export async function handleData(
  context: EmulatorContext,
  stream: Readable,
  session: SMTPServerSession,
  login: Login,
  io: { breakConnection(why: string): void },
): Promise<DataOutcome> {
  const envelope = {
    from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
  };
  const dropOversize = context.oversize === 'drop';
  const data = await collectData(stream, LIMITS.maxMessageBytes, () => {
    if (dropOversize) io.breakConnection('message over the size limit (R18)');
    return dropOversize;
  });
  // A message over the size limit takes no fault: the limit answers it. Any other takes at most one outcome fault.
  const fault = data.oversize ? undefined : context.faults.takeFirst(isOutcomeFault);
  let verdict: ContentVerdict;
  if (data.oversize) verdict = oversizeVerdict(data.size);
  else {
    const content = judgeContent({
      raw: data.raw,
      user: login.user,
      envelope,
      longestLine: data.longestLine,
      ...(context.limits === undefined ? {} : { limits: context.limits }),
    });
    verdict = applyFaultsAndLimits(context, content, fault, login, envelope.to);
  }
  const dropAfterData = fault?.type === 'drop-after-data';
  const dropped = dropAfterData || (data.oversize && dropOversize);
  // A delay holds a reply; a message that gets none leaves it for the next one.
  const delay = dropped || data.oversize ? undefined : context.faults.take('delay');
  const parsed = await parseView(data.raw);
  const record: Omit<StoredMessage, 'id'> = {
    status: verdict.accepted ? 'accepted' : 'refused',
    receivedAt: new Date(context.clock.now()),
    envelope,
    user: login.user,
    appId: login.appId,
    raw: data.raw,
    size: data.size,
    reply: dropped ? null : verdict.reply,
    verdict: complete(verdict, parsed),
    parsed,
  };
  if (verdict.accepted) context.stats.accepted += 1;
  else context.stats.refused += 1;
  if (verdict.reason === 'rate-limit') context.stats.rateLimited += 1;
  const stored = context.store.add(record);
  context.log({
    level: 'info',
    message: `message ${stored.id} ${stored.status}: ${verdict.reason}`,
    session: session.id,
    detail: { from: envelope.from, to: envelope.to, size: data.size, providerCode: verdict.providerCode },
  });
  if (dropped) {
    if (dropAfterData) io.breakConnection('drop-after-data fault');
    return { kind: 'dropped' };
  }
  if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay.ms));
  return verdict.accepted
    ? { kind: 'accepted', text: replyError(verdict.reply).message }
    : { kind: 'refused', reply: verdict.reply };
}
