import { type HttpErrorBody, toHttpErrorResponse } from './http-error-response.js';
import type { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import { type JsonHttpResponse, jsonResponse } from './json-response.js';
import { clipText } from '../errors/clip-text.js';

/** The most an error answer's message and issues take, in bytes, whatever core hands over. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** The most issues an error answer lists; `issuesOmitted` counts the rest. */
export const MAX_ANSWERED_ISSUES = 100;

const MAX_MESSAGE = 2000;
const MAX_ISSUE_MESSAGE = 1000;
const MAX_PATH_SEGMENTS = 16;
const MAX_SEGMENT = 128;

/** An error answer's body: core's, with the count of issues left out to keep it small. */
export type BoundedErrorBody = { error: HttpErrorBody['error'] & { issuesOmitted?: number } };

function clipIssue(issue: MailIssue): MailIssue {
  const path = issue.path
    .slice(0, MAX_PATH_SEGMENTS)
    .map((segment) => (typeof segment === 'string' ? clipText(segment, MAX_SEGMENT) : segment));
  return { code: issue.code, path, rule: issue.rule, message: clipText(String(issue.message), MAX_ISSUE_MESSAGE) };
}

/**
 * Core's HTTP body for `error`, made small whatever the error holds: the message clipped, at most
 * `MAX_ANSWERED_ISSUES` issues, each clipped, within `MAX_ERROR_BODY_BYTES`, and `issuesOmitted` saying how
 * many were left out. Only as many issues as are answered are ever serialized.
 */
export function boundedErrorBody(body: HttpErrorBody): BoundedErrorBody {
  const { issues = [], ...rest } = body.error;
  const head: BoundedErrorBody['error'] = { ...rest, message: clipText(rest.message, MAX_MESSAGE) };
  // Room for the issues key, the count and a partial-send report, which is never cut: it says what went out.
  let budget =
    MAX_ERROR_BODY_BYTES - Buffer.byteLength(JSON.stringify({ error: { ...head, partial: undefined } })) - 64;
  const kept: MailIssue[] = [];
  for (const issue of issues) {
    if (kept.length >= MAX_ANSWERED_ISSUES) break;
    const small = clipIssue(issue);
    const size = Buffer.byteLength(JSON.stringify(small)) + 1;
    if (size > budget) break;
    budget -= size;
    kept.push(small);
  }
  if (kept.length > 0) head.issues = kept;
  if (kept.length < issues.length) head.issuesOmitted = issues.length - kept.length;
  return { error: head };
}

/**
 * The HTTP answer for `error`: core's status, headers and body (`toHttpErrorResponse`), bounded by
 * `boundedErrorBody`, serialized. What every adapter answers a `QcloudMailError` with.
 */
export function mailErrorResponse(error: QcloudMailError): JsonHttpResponse {
  const response = toHttpErrorResponse(error);
  return jsonResponse(response.status, boundedErrorBody(response.body), response.headers);
}
