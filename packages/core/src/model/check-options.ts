import type { RuleId } from '../rules.js';
import { formatPath, type IssuePath, type IssueSink, quote } from './issue.js';
import { attachmentInputSchema, messageFieldSchemas } from './message-schema.js';
import { REFUSED_ATTACHMENT_OPTIONS, REFUSED_MESSAGE_OPTIONS, type RefusedOption } from './option-table.js';

const MESSAGE_FIELDS: ReadonlySet<string> = new Set(Object.keys(messageFieldSchemas));
const ATTACHMENT_FIELDS: ReadonlySet<string> = new Set(Object.keys(attachmentInputSchema.shape));

// What nodemailer treats as "not set": such values of a refused option change nothing, so they pass.
function present(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

function ownKeys(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    // A revoked proxy: readFields already reports the message as unreadable.
    return [];
  }
}

function readKey(value: object, key: string): unknown {
  try {
    return Reflect.get(value, key);
  } catch {
    return undefined;
  }
}

function checkKeys(
  sink: IssueSink,
  value: object,
  at: IssuePath,
  known: ReadonlySet<string>,
  refused: ReadonlyMap<string, RefusedOption>,
  unknownRule: RuleId,
): void {
  for (const key of ownKeys(value)) {
    if (known.has(key)) continue;
    const path = [...at, key];
    const option = refused.get(key);
    if (option === undefined) {
      sink.add(
        'option_unknown',
        path,
        unknownRule,
        `${formatPath(path)}: ${quote(key)} is no option of a message (nor of nodemailer's); remove it or check its spelling`,
      );
      continue;
    }
    const given = readKey(value, key);
    if (present(given) && (option.refuses?.(given) ?? true)) {
      sink.add(option.code, path, option.rule, `${formatPath(path)}: ${option.advice}`);
    }
  }
}

/**
 * Refuses the message's keys that are not fields: nodemailer options the service cannot honour (each with its
 * own issue and advice) and keys nodemailer does not know either (`option_unknown`), so nothing is dropped.
 */
export function checkMessageOptions(sink: IssueSink, input: object): void {
  checkKeys(sink, input, [], MESSAGE_FIELDS, REFUSED_MESSAGE_OPTIONS, 'HEADERS');
}

/** The same for one attachment: `path`, `href`, `raw`, part `headers`, a transfer encoding other than base64. */
export function checkAttachmentOptions(sink: IssueSink, attachment: object, index: number): void {
  checkKeys(sink, attachment, ['attachments', index], ATTACHMENT_FIELDS, REFUSED_ATTACHMENT_OPTIONS, 'R12');
}

/** True when an attachment names a file or URL instead of carrying content (its missing content is not news). */
export function namesRemoteSource(attachment: unknown): boolean {
  if (typeof attachment !== 'object' || attachment === null) return false;
  return (
    readKey(attachment, 'content') === undefined &&
    (present(readKey(attachment, 'path')) || present(readKey(attachment, 'href')))
  );
}
