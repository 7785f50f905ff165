import { describe, expect, it } from 'vitest';
import { toHttpErrorResponse } from './http-error-response.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import type { MailIssue } from '../model/issues.js';
import {
  boundedErrorBody,
  MAX_ANSWERED_ISSUES,
  MAX_ERROR_BODY_BYTES,
  mailErrorResponse,
} from './bounded-error-body.js';
import { checkJsonBounds } from './check-json-bounds.js';
import { SEND_ROUTE_BOUNDS } from './json-bounds.js';
import { jsonResponse } from './json-response.js';
import { scanJsonShape } from './scan-json-shape.js';

const scan = (text: string) => scanJsonShape(Buffer.from(text));
const walk = (text: string) => checkJsonBounds(JSON.parse(text))?.issues[0];
const list = (count: number, entry: string) => `[${Array(count).fill(entry).join(',')}]`;

describe('scanJsonShape and checkJsonBounds', () => {
  it.each([
    ['nine nested arrays', '[[[[[[[[[]]]]]]]]]', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['nine levels under a key', '{"to":[[[[[[[[]]]]]]]]}', ['to', 0, 0, 0, 0, 0, 0, 0]],
    ['501 recipients', `{"to":${list(501, '"a@b.co"')}}`, ['to']],
    ['41 attachments', `{"attachments":${list(41, '{}')}}`, ['attachments']],
    [
      '65 fields in an attachment',
      `{"attachments":[{${Array.from({ length: 65 }, (_, i) => `"k${i}":1`).join(',')}}]}`,
      ['attachments', 0],
    ],
    ['an escaped key', `{"t\\u006f":${list(501, '1')}}`, ['to']],
    ['an index past earlier entries', `{"to":[1,2,[[[[[[[[]]]]]]]]]}`, ['to', 2, 0, 0, 0, 0, 0, 0]],
  ])('both refuse %s at the same path, the scan before parsing', (_what, text, path) => {
    expect(scan(text)?.path).toEqual(path);
    expect(walk(text)?.path).toEqual(path);
    expect(scan(text)?.code).toBe(walk(text)?.code);
  });

  it.each([
    ['brackets and commas inside strings', `{"to":"${'[{,'.repeat(1000)}","x":"\\"[[[[[[[[[["}`],
    ['brackets and commas inside keys', `{"${'[,'.repeat(1000)}":1}`],
    ['eight levels', '[[[[[[[[]]]]]]]]'],
    ['500 recipients and 40 attachments', `{"to":${list(500, '"a@b.co"')},"attachments":${list(40, '{}')}}`],
    ['multi-byte text', `{"subject":"${'é€😀'.repeat(100)}","to":"名前 <a@b.co>"}`],
  ])('both let %s through', (_what, text) => {
    expect(scan(text)).toBeUndefined();
    expect(walk(text)).toBeUndefined();
  });

  it('both stop at the values cap, however the values are spread', () => {
    const text = list(64, list(64, list(3, '0')));
    expect(scan(text)?.message).toContain(`more than ${SEND_ROUTE_BOUNDS.maxValues} values`);
    expect(walk(text)?.message).toContain(`more than ${SEND_ROUTE_BOUNDS.maxValues} values`);
  });

  it('walks a parsed body of 100,000 levels without overflowing the stack, reporting one issue', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(checkJsonBounds({ to: deep })?.issues).toHaveLength(1);
  });

  it('treats bytes and dates from a parser in front as leaves', () => {
    const body = { attachments: [{ content: Buffer.alloc(1024 * 1024) }], date: new Date() };
    expect(checkJsonBounds(body)).toBeUndefined();
  });

  it('counts keys of a huge object only up to its cap', () => {
    const huge: Record<string, number> = {};
    for (let i = 0; i < 200_000; i += 1) huge[`k${i}`] = i;
    const error = checkJsonBounds({ x: huge });
    expect(error?.issues.map((issue) => issue.path)).toEqual([['x']]);
  });
});

describe('boundedErrorBody', () => {
  const issue = (i: number, size: number): MailIssue => ({
    code: 'invalid_address',
    path: ['to', i, 'x'.repeat(size)],
    rule: 'R8',
    message: `bad ${'m'.repeat(size)}`,
  });
  const bodyOf = (issues: MailIssue[]) =>
    boundedErrorBody(
      toHttpErrorResponse(new QcloudMailError({ code: 'VALIDATION', message: 'x'.repeat(1e6), issues })).body,
    );

  it('answers 250,000 issues with at most 100, within 64 KiB, counting the rest', () => {
    const body = bodyOf(Array.from({ length: 250_000 }, (_, i) => issue(i, 10)));
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    expect(body.error.issues).toHaveLength(MAX_ANSWERED_ISSUES);
    expect(body.error.issuesOmitted).toBe(250_000 - MAX_ANSWERED_ISSUES);
    expect(body.error.message.length).toBeLessThan(2100);
  });

  it('clips long issues and stops at 64 KiB before 100 of them', () => {
    const body = bodyOf(Array.from({ length: 100 }, (_, i) => issue(i, 100_000)));
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    const kept = body.error.issues ?? [];
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length + (body.error.issuesOmitted ?? 0)).toBe(100);
    expect(kept[0]?.path).toEqual(['to', 0, `${'x'.repeat(128)}...`]);
  });

  it('leaves a small body as core wrote it', () => {
    const error = new QcloudMailError({ code: 'VALIDATION', message: 'bad', issues: [issue(0, 3)] });
    expect(boundedErrorBody(toHttpErrorResponse(error).body)).toEqual(toHttpErrorResponse(error).body);
  });
});

describe('jsonResponse', () => {
  it('answers a body that cannot be serialized with a fixed 500 instead of throwing', () => {
    const response = jsonResponse(200, { count: 1n }, { 'X-Kept': 'no' });
    expect(response.status).toBe(500);
    expect(response.headers['X-Kept']).toBeUndefined();
    expect((JSON.parse(response.body) as { error: { code: string } }).error.code).toBe('UNKNOWN');
  });

  it('marks every answer as JSON that no proxy may cache, whatever headers it is given', () => {
    const response = jsonResponse(429, { a: 1 }, { 'Retry-After': '1', 'Cache-Control': 'max-age=60' });
    expect(response.headers).toEqual({
      'Retry-After': '1',
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });
});

describe('mailErrorResponse', () => {
  it("answers with core's status and Retry-After, the body bounded", () => {
    const issues = Array.from({ length: 1000 }, (_, i) => ({
      code: 'invalid_address' as const,
      path: ['to', i],
      rule: 'R8' as const,
      message: 'bad',
    }));
    const response = mailErrorResponse(
      new QcloudMailError({ code: 'RATE_LIMIT', message: 'slow down', retryAfterMs: 2500, issues }),
    );
    expect(response.status).toBe(429);
    expect(response.headers['Retry-After']).toBe('3');
    const body = JSON.parse(response.body) as { error: { issues: unknown[]; issuesOmitted: number } };
    expect(body.error.issues).toHaveLength(MAX_ANSWERED_ISSUES);
    expect(body.error.issuesOmitted).toBe(1000 - MAX_ANSWERED_ISSUES);
  });
});
