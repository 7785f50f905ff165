import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { LIMITS, type MailIssue } from '@qcloudmail/core';
import { SES_REPLIES, SMTP_RATE_LIMIT_ERROR } from '@qcloudmail/core/internal';
import type { SMTPServerSession } from 'smtp-server';
import type { Login } from './accounts.js';
import type { EmulatorContext } from './context.js';
import { collectData } from './data-collector.js';
import type { ActiveFault } from './fault-queue.js';
import { parseView } from './parse-view.js';
import { faultReply, providerReply, replyError } from './replies.js';
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
    return { accepted: false, reason: 'fault', reply: faultReply(fault), issues: verdict.issues };
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
 * `drop-after-data`), then the rate limits (R5, R6) at the configured moment (`countAt`). The reply is held for
 * the `delay` fault and the end-of-DATA latency, both counted from the final dot. Every message is stored,
 * accepted or refused; a dropped one keeps the status the rules gave it, with no reply.
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
  const dataEndAt = new Date(context.clock.now());
  const dataEndMs = performance.now();
  // A message over the size limit takes no fault: the limit answers it. Any other takes at most one outcome fault.
  const fault = data.oversize ? undefined : context.faults.takeFirst(isOutcomeFault);
  const dropAfterData = fault?.type === 'drop-after-data';
  const dropped = dropAfterData || (data.oversize && dropOversize);
  // A delay holds a reply; a message that gets none leaves it for the next one.
  const delay = dropped || data.oversize ? undefined : context.faults.take('delay');
  const content = data.oversize
    ? oversizeVerdict(data.size)
    : judgeContent({
        raw: data.raw,
        user: login.user,
        envelope,
        longestLine: data.longestLine,
        ...(context.limits === undefined ? {} : { limits: context.limits }),
      });
  const judge = (): ContentVerdict =>
    data.oversize ? content : applyFaultsAndLimits(context, content, fault, login, envelope.to);
  // A message that gets no reply is counted when it ends: there is no later moment.
  const countAtReply = context.countAt === 'reply' && !dropped;
  let verdict = countAtReply ? undefined : judge();
  const parsed = await parseView(data.raw);
  const store = (verdict: ContentVerdict): StoredMessage =>
    storeMessage(context, session, { verdict, parsed, data, envelope, login, dataEndAt, dropped });
  const early = verdict === undefined ? undefined : store(verdict);
  if (dropped) {
    if (dropAfterData) io.breakConnection('drop-after-data fault');
    return { kind: 'dropped' };
  }
  const holdMs = (delay?.ms ?? 0) + context.latency.get().endOfDataMs - (performance.now() - dataEndMs);
  const elapsed = holdMs <= 0 || (await context.timers.wait(Math.ceil(holdMs)));
  verdict ??= judge();
  const stored = early ?? store(verdict);
  // The emulator is closing: the message is kept as judged, and the connection breaks without a reply (a 421
  // would tell the client that a message stored as accepted was not sent).
  if (!elapsed) {
    io.breakConnection('the emulator is closing');
    return { kind: 'dropped' };
  }
  stored.repliedAt = new Date(context.clock.now());
  return verdict.accepted
    ? { kind: 'accepted', text: replyError(verdict.reply).message }
    : { kind: 'refused', reply: verdict.reply };
}

interface Judged {
  verdict: ContentVerdict;
  parsed: ParsedMessageView;
  data: { raw: Buffer; size: number };
  envelope: { from: string; to: string[] };
  login: Login;
  dataEndAt: Date;
  dropped: boolean;
}

function storeMessage(context: EmulatorContext, session: SMTPServerSession, judged: Judged): StoredMessage {
  const { verdict, parsed, data, envelope, login } = judged;
  const record: Omit<StoredMessage, 'id' | 'events'> = {
    status: verdict.accepted ? 'accepted' : 'refused',
    receivedAt: new Date(context.clock.now()),
    dataEndAt: judged.dataEndAt,
    repliedAt: null,
    envelope,
    user: login.user,
    appId: login.appId,
    raw: data.raw,
    size: data.size,
    reply: judged.dropped ? null : verdict.reply,
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
  return stored;
}
