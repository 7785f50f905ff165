import { z } from 'zod';

/** The caps on a callback body and on each event in it: far above any event the provider writes, so that only
 * hostile or broken bodies meet them, and low enough that one request costs little. */
export const SES_EVENT_BOUNDS = {
  /** Fields of one event: the provider writes about twenty (R27). */
  maxFields: 64,
  /** Events in one body; the provider posts one object per event (R26), an array is accepted for batches. */
  maxEvents: 1000,
  /** Containers nested in one another, counting the body's array: fields the provider may add stay shallow. */
  maxDepth: 8,
  /** Values of all kinds in one body. */
  maxValues: 100_000,
  /** An event value (R28): the longest known is eleven characters. */
  maxEventName: 64,
  /** An address: RFC 5321 allows 254 octets; a little room for what the provider may echo. */
  maxAddress: 320,
  /** The failure reason, usually one SMTP reply. */
  maxReason: 4096,
  /** A clicked link or a subject as encoded words (998 characters of text may take four times as many). */
  maxLongText: 8192,
  /** Identifiers, names and user agents. */
  maxShortText: 2048,
  /** The latest instant a timestamp may name, in Unix seconds: the end of the year 9999. */
  maxSeconds: 253_402_300_799,
} as const;

const B = SES_EVENT_BOUNDS;

const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });

function isDigits(value: string): boolean {
  if (value.length === 0 || value.length > 12) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

// Unix seconds as a number; a string of digits is taken too: the provider's documents write its numbers both
// ways (`templateId` is a number in one example and a string elsewhere), and refusing a real event only makes the
// provider send it again.
const seconds = z.union(
  [
    z.number().min(0).max(B.maxSeconds),
    z.string().refine(isDigits).transform(Number).pipe(z.number().max(B.maxSeconds)),
  ],
  { error: `must be Unix seconds: a number from 0 to ${B.maxSeconds}, or a string of its digits` },
);

const identifier = z.union([text(B.maxShortText), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)], {
  error: `must be a string of at most ${B.maxShortText} characters or a whole number`,
});

const eventId = z.union(
  [
    z.number().int().min(0).max(1_000_000),
    z.string().refine(isDigits).transform(Number).pipe(z.number().max(1_000_000)),
  ],
  { error: 'must be a whole number (1 delivered ... 8 deferred), or a string of its digits' },
);

/**
 * The zod schema of the fields of one provider event that qcloudmail reads (R27), as the provider spells them.
 * Optional fields may be missing, `null` or empty: all three mean absent. Other fields are not checked here:
 * `parseSesEvent` keeps them, as sent, in `extra`.
 */
export const sesEventFieldsSchema = z.object({
  event: text(B.maxEventName).min(1, { error: 'must not be empty' }),
  email: text(B.maxAddress).min(1, { error: 'must not be empty' }),
  timestamp: seconds,
  bulkId: text(B.maxShortText).nullish(),
  bulkid: text(B.maxShortText).nullish(),
  sentTimestamp: z.union([seconds, z.literal('')]).nullish(),
  reason: text(B.maxReason).nullish(),
  bounceType: text(B.maxShortText).nullish(),
  link: text(B.maxLongText).nullish(),
  useragent: text(B.maxShortText).nullish(),
  subject: text(B.maxLongText).nullish(),
  messageId: text(B.maxShortText).nullish(),
  from: text(B.maxAddress).nullish(),
  fromDomain: text(B.maxAddress).nullish(),
  username: identifier.nullish(),
  templateId: identifier.nullish(),
  taskId: identifier.nullish(),
  eventid: z.union([eventId, z.literal('')]).nullish(),
});

/** The fields of one event as the schema reads them. */
export type SesEventFields = z.output<typeof sesEventFieldsSchema>;

/** The field names the schema reads; every other field goes to `extra`. */
export const SES_EVENT_FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(sesEventFieldsSchema.shape));
