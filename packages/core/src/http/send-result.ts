import type { SendOutcome } from '../client/types.js';
import type { SuppressionReason } from '../suppression/types.js';

/** One message of a send as an HTTP answer reports it. */
export interface SendRouteMessage {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The service's final reply to this message (R15, R21). */
  response: string;
}

/**
 * The JSON a successful send answers with (202: accepted by the service, not yet delivered, R15): the client's
 * `SendOutcome`, so for a `split` or `chunk` send `accepted` and `rejected` cover every message and `messages`
 * has each one.
 */
export interface SendRouteResult {
  /** The first message's id: the only one under the `single` policy. */
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The first message's final reply. */
  response: string;
  /** One entry per message sent (several under the `split` and `chunk` recipient policies). */
  messages: SendRouteMessage[];
  /** Under `split`, the recipients left out as suppressed (R30), with why; absent when none was. */
  suppressed?: SendRouteSuppressed[];
}

/** A recipient a `split` send left out because the suppression list holds it (R30). */
export interface SendRouteSuppressed {
  address: string;
  reason: SuppressionReason;
}

/** The answer for a send's outcome: core's outcome as is, every message listed (`outcomeOf`). */
export function sendRouteResult(outcome: SendOutcome): SendRouteResult {
  return {
    messageId: outcome.messageId,
    accepted: [...outcome.accepted],
    rejected: [...outcome.rejected],
    response: outcome.response,
    messages: outcome.messages.map((message) => ({
      messageId: message.messageId,
      accepted: [...message.accepted],
      rejected: [...message.rejected],
      response: message.response,
    })),
    ...(outcome.suppressed === undefined || outcome.suppressed.length === 0
      ? {}
      : { suppressed: outcome.suppressed.map((entry) => ({ address: entry.address, reason: entry.reason })) }),
  };
}
