import type { z } from 'zod';
import { LIMITS } from '../limits/limits.js';
import type { RuleId } from '../rules.js';
import { checkAttachmentOptions, namesRemoteSource } from './check-options.js';
import { formatPath, type IssuePath, type IssueSink } from './issue.js';
import {
  attachmentInputSchema,
  type MailAttachmentInput,
  type MailMessageInput,
  messageFieldSchemas,
} from './message-schema.js';

/** The name of a field of the message input. */
export type FieldName = keyof typeof messageFieldSchemas;

/** The typed fields; attachments that failed their schema keep their place as `undefined`. */
export type ReadMessage = Omit<Partial<MailMessageInput>, 'attachments'> & {
  attachments?: Array<MailAttachmentInput | undefined>;
};

/** What `readFields` found: the typed fields and the fields that had type errors. */
export interface ReadFields {
  values: ReadMessage;
  failed: ReadonlySet<FieldName>;
}

const FIELDS = Object.keys(messageFieldSchemas) as FieldName[];

// The rule a type error of each field relates to.
const FIELD_RULES: Record<FieldName, RuleId> = {
  from: 'HEADERS',
  to: 'HEADERS',
  cc: 'R9',
  bcc: 'R9',
  replyTo: 'HEADERS',
  subject: 'HEADERS',
  text: 'R10',
  html: 'R10',
  attachments: 'R12',
  headers: 'HEADERS',
  messageId: 'HEADERS',
  date: 'HEADERS',
  sender: 'R4',
  envelope: 'R9',
  inReplyTo: 'HEADERS',
  references: 'HEADERS',
  priority: 'HEADERS',
  xMailer: 'HEADERS',
  maxRecipients: 'R8',
  disableFileAccess: 'HEADERS',
  disableUrlAccess: 'HEADERS',
  textEncoding: 'HEADERS',
  newline: 'HEADERS',
  baseBoundary: 'HEADERS',
  boundaryPrefix: 'HEADERS',
};

function ruleFor(path: IssuePath): RuleId {
  const [field, , key] = path;
  if (field === 'attachments' && key === 'content') return 'R13';
  if (field === 'attachments' && key === 'filename') return 'R22';
  return FIELD_RULES[field as FieldName] ?? 'HEADERS';
}

/** Turns zod's issues for one field into `invalid_type` issues with the full path and a rule. */
function addZodIssues(sink: IssueSink, field: FieldName, issues: readonly z.core.$ZodIssue[]): void {
  for (const issue of issues) {
    const path: Array<string | number> = [field];
    for (const part of issue.path) path.push(typeof part === 'number' ? part : String(part));
    sink.add('invalid_type', path, ruleFor(path), `${formatPath(path)}: ${issue.message}`);
  }
}

/**
 * Reads every known field of `input` through its own schema, so that a type error in one field does not
 * hide the problems of the others. Getters and proxies that throw become `invalid_type` issues.
 */
export function readFields(
  input: unknown,
  sink: IssueSink,
  maxAttachments: number = LIMITS.maxAttachments,
): ReadFields | undefined {
  let isObject = false;
  try {
    isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  } catch {
    // A revoked proxy throws even on Array.isArray.
  }
  if (!isObject) {
    sink.add('invalid_type', [], 'HEADERS', 'The message must be an object with from, to, subject and text or html');
    return undefined;
  }
  const values: Record<string, unknown> = {};
  const failed = new Set<FieldName>();
  for (const field of FIELDS) {
    const before = sink.count;
    try {
      const raw: unknown = Reflect.get(input as object, field);
      if (raw === undefined) continue;
      if (field === 'attachments' && Array.isArray(raw)) {
        values[field] = readAttachments(raw, sink, maxAttachments);
        continue;
      }
      const parsed = messageFieldSchemas[field].safeParse(raw);
      if (parsed.success) values[field] = parsed.data;
      else addZodIssues(sink, field, parsed.error.issues);
    } catch {
      sink.truncate(before);
      sink.add('invalid_type', [field], FIELD_RULES[field], `${field}: could not be read (a getter or proxy threw)`);
    }
    if (sink.count > before) failed.add(field);
  }
  return { values: values as ReadMessage, failed };
}

/**
 * Reads attachments one by one so that a type error in one does not hide the others' problems;
 * an unreadable attachment keeps its place as `undefined`, so that paths and counts stay right.
 */
function readAttachments(
  raw: readonly unknown[],
  sink: IssueSink,
  max: number,
): Array<MailAttachmentInput | undefined> {
  // Too many are refused by their count alone (SIZES): a sparse list of that length reads none of them.
  if (raw.length > max) return new Array<undefined>(raw.length);
  const list: Array<MailAttachmentInput | undefined> = [];
  for (let index = 0; index < raw.length; index++) {
    const item = raw[index];
    if (typeof item === 'object' && item !== null) checkAttachmentOptions(sink, item, index);
    // A file path or URL is refused as such (R13), not a second time as missing content.
    if (namesRemoteSource(item)) {
      list.push(undefined);
      continue;
    }
    const parsed = attachmentInputSchema.safeParse(item);
    if (parsed.success) list.push(parsed.data);
    else {
      list.push(undefined);
      addZodIssues(
        sink,
        'attachments',
        parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
      );
    }
  }
  return list;
}
