import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import { entriesOver } from './entries-over.js';
import {
  boundIssue,
  depthIssue,
  entryBoundFor,
  type JsonPath,
  keyBoundFor,
  SEND_ROUTE_BOUNDS,
  stringBoundFor,
  valuesIssue,
} from './json-bounds.js';

/** Issues reported in full; past this they are only counted. */
export const MAX_BOUND_ISSUES = 20;

interface WalkState {
  issues: MailIssue[];
  more: number;
  values: number;
  stopped: boolean;
}

function report(state: WalkState, issue: MailIssue): void {
  if (state.issues.length < MAX_BOUND_ISSUES) state.issues.push(issue);
  else state.more += 1;
}

function visitObject(value: object, path: JsonPath, depth: number, state: WalkState): void {
  const bound = entryBoundFor(path);
  if (Array.isArray(value)) {
    if (value.length > bound.max) {
      report(state, boundIssue(path, bound, 'has'));
      return;
    }
    for (let index = 0; index < value.length && !state.stopped; index += 1) {
      visit(value[index], [...path, index], depth + 1, state);
    }
    return;
  }
  if (entriesOver(value, bound.max)) {
    report(state, boundIssue(path, bound, 'has'));
    return;
  }
  const keyBound = keyBoundFor(path);
  for (const key in value) {
    if (state.stopped) return;
    if (!Object.hasOwn(value, key)) continue;
    if (key.length > keyBound.max) {
      report(state, boundIssue([...path, key], keyBound, 'has a key of'));
      continue;
    }
    visit((value as Record<string, unknown>)[key], [...path, key], depth + 1, state);
  }
}

// Recursion is safe: it never goes deeper than `maxDepth` containers.
function visit(value: unknown, path: JsonPath, depth: number, state: WalkState): void {
  state.values += 1;
  if (state.values > SEND_ROUTE_BOUNDS.maxValues) {
    state.stopped = true;
    report(state, valuesIssue(path));
    return;
  }
  if (typeof value === 'string') {
    const bound = stringBoundFor(path);
    if (value.length > bound.max) report(state, boundIssue(path, bound, 'is'));
    return;
  }
  // Bytes and dates that a parser in front may have made are leaves: core checks their sizes.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return;
  if (depth > SEND_ROUTE_BOUNDS.maxDepth) {
    report(state, depthIssue(path));
    return;
  }
  visitObject(value, path, depth, state);
}

/**
 * Checks a parsed request body against the send route's bounds (`SEND_ROUTE_BOUNDS`) in one walk that visits
 * each value at most once and never looks inside a container over its cap: depth, entries per list, values in
 * all, string lengths per field. Returns a `VALIDATION` error naming each field and rule (at most
 * `MAX_BOUND_ISSUES`, the rest counted), or nothing when the body is within bounds.
 */
export function checkJsonBounds(body: unknown): QcloudMailError | undefined {
  const state: WalkState = { issues: [], more: 0, values: 0, stopped: false };
  visit(body, [], 1, state);
  return boundsError(state.issues, state.more);
}

/** The `VALIDATION` error for issues of the route's bounds, `more` of them counted but not listed. */
export function boundsError(issues: MailIssue[], more = 0): QcloudMailError | undefined {
  const [first] = issues;
  if (first === undefined) return undefined;
  const total = issues.length + more;
  const others = total === 1 ? '' : ` (${total} problems in all${more > 0 ? `, ${more} not listed` : ''})`;
  return new QcloudMailError({
    code: 'VALIDATION',
    rule: first.rule,
    issues,
    message: `The request body is outside the send route's bounds: ${first.message}${others}`,
  });
}
