import { QcloudMailError } from '../errors/qcloud-mail-error.js';

const MiB = 1024 * 1024;

/**
 * Every documented limit of the service, each citing the rule it comes from.
 * Sizes are bytes; where the provider's document contradicts itself the conservative figure is the default.
 */
export const LIMITS = {
  /** R5: messages per second per account (appId). */
  messagesPerSecond: 20,
  /** R6: messages per hour from one sender to one recipient. */
  messagesPerHourPerRecipient: 10,
  /** R6: the window of the per-recipient limit, in milliseconds. */
  recipientWindowMs: 60 * 60 * 1000,
  /** R8: recipients in one message. */
  maxRecipients: 50,
  /** SIZES: attachments in one message. */
  maxAttachments: 10,
  /** SIZES: decoded bytes of one attachment (the document says 4 MB in one place and 5 MB in another). */
  maxAttachmentBytes: 4 * MiB,
  /** SIZES: the most that `maxAttachmentBytes` may be raised to. */
  maxAttachmentBytesCeiling: 5 * MiB,
  /** SIZES: decoded bytes of all attachments together. */
  maxTotalAttachmentBytes: 8 * MiB,
  /** SIZES: the whole message as encoded on the wire. */
  maxMessageBytes: 10 * MiB,
  /** SIZES: the body (text and html) without attachments. */
  maxBodyBytes: 1 * MiB,
  /** SIZES: one line as the service reads it; longer fails with "too longer line". */
  maxServiceLineLength: 2000,
  /** RFC5322: one line of a message, in octets, excluding CRLF. */
  maxLineOctets: 998,
  /** RFC5322/RFC2045: the line length encoders keep to. */
  encodedLineLength: 76,
  /** R22: characters of an attachment's file name. */
  maxAttachmentNameLength: 255,
  /** R23: characters of the subject. */
  maxSubjectLength: 998,
  /** R23: the recommended subject length. */
  recommendedSubjectLength: 78,
  /** RFC5321: octets of an address (`local@domain`; a path is 256 with its angle brackets). */
  maxAddressOctets: 254,
  /** RFC5321: octets of an address's local part, before the `@`. */
  maxLocalPartOctets: 64,
  /** RFC1035: octets of one label of a domain name. */
  maxDomainLabelOctets: 63,
  /**
   * R23: characters of a display name (From, To, Reply-To). The service documents none; this project's cap
   * keeps the work and the header's size bounded, and no mail client shows more.
   */
  maxDisplayNameLength: 256,
  /** RFC5322: characters of a Message-ID with its angle brackets, so that `Message-ID: <...>` fits one 998-octet line (a msg-id cannot be folded). */
  maxMessageIdLength: 986,
  /** RFC5322: characters of a custom header's name, at most the fold width, so that the name and a folded word always fit one line. */
  maxHeaderNameLength: 76,
} as const;

/** The limits a client may tune, each bounded by what the service allows. */
export interface LimitOverrides {
  /** Decoded bytes of one attachment, at most `LIMITS.maxAttachmentBytesCeiling`. */
  maxAttachmentBytes?: number;
}

/** The effective limits after overrides. */
export type EffectiveLimits = { -readonly [K in keyof typeof LIMITS]: number };

/** Applies overrides to the documented limits; an override beyond what the service allows is a configuration error. */
export function resolveLimits(overrides: LimitOverrides = {}): EffectiveLimits {
  const limits: EffectiveLimits = { ...LIMITS };
  if (overrides.maxAttachmentBytes !== undefined) {
    const value = overrides.maxAttachmentBytes;
    if (!Number.isInteger(value) || value <= 0 || value > LIMITS.maxAttachmentBytesCeiling) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `maxAttachmentBytes must be a whole number from 1 to ${LIMITS.maxAttachmentBytesCeiling} (SIZES: one attachment may be at most 5 MiB)`,
      });
    }
    limits.maxAttachmentBytes = value;
  }
  return limits;
}
