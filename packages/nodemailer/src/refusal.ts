import {
  type MailIssueCode,
  type NodemailerErrorCode,
  QcloudMailError,
  type QcloudMailErrorCode,
  type RuleId,
} from '@qcloudmail/core';

/** A field path as issues carry it: `['attachments', 0, 'path']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** What the transport refuses, and why. */
export interface Refusal {
  path: FieldPath;
  issue: MailIssueCode;
  rule: RuleId;
  /** One sentence: what is wrong and what to do instead. */
  message: string;
  /** `VALIDATION` for the message's content, `CONFIGURATION` for what the transport's settings forbid. */
  code?: Extract<QcloudMailErrorCode, 'VALIDATION' | 'CONFIGURATION'>;
  nodemailerCode?: NodemailerErrorCode;
  cause?: unknown;
}

/** Renders a path the way users wrote it: `attachments[0].path`. */
export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`),
    '',
  );
}

/** Builds the `QcloudMailError` of a message option the service cannot honour, with one issue naming it. */
export function refusal(refused: Refusal): QcloudMailError {
  return new QcloudMailError({
    code: refused.code ?? 'VALIDATION',
    rule: refused.rule,
    message: `${formatFieldPath(refused.path)}: ${refused.message}`,
    issues: [{ code: refused.issue, path: [...refused.path], rule: refused.rule, message: refused.message }],
    nodemailerCode: refused.nodemailerCode ?? 'EMESSAGE',
    ...(refused.cause === undefined ? {} : { cause: refused.cause }),
  });
}
