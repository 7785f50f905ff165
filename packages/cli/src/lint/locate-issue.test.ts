import { describe, expect, it } from 'vitest';
import { locateIssue, messageLines } from './locate-issue.js';

const RAW = Buffer.from(
  [
    'From: a@example.com',
    'Subject: folded',
    ' continuation',
    'Content-Type: multipart/mixed;',
    ' boundary="outer"',
    '',
    'preamble',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'text',
    '--inner--',
    '--outer',
    'Content-Transfer-Encoding: base64',
    'Content-Type: application/octet-stream',
    '',
    'AAAA',
    '--outer--',
    '',
  ].join('\r\n'),
);
const lines = messageLines(RAW);

describe('locateIssue', () => {
  it.each([
    [['headers', 'Content-Type'], 'header Content-Type', 4],
    [['headers', 'subject'], 'header subject', 2],
    [['line', 7], 'line 7', 7],
    [['parts', 1, 'headers', 'Content-Transfer-Encoding'], 'part 2 › header Content-Transfer-Encoding', 17],
    [['parts', 1, 'body'], 'part 2 › body', 20],
    [['parts', 0, 'parts', 0, 'headers', 'Content-Type'], 'part 1.1 › header Content-Type', 12],
    [['parts', 0, 'parts', 0], 'part 1.1', 12],
    [['body'], 'body', 7],
  ] as const)('finds %j: %s on line %i', (path, text, line) => {
    expect(locateIssue(lines, path)).toEqual({ text, line });
  });

  it('gives a place without a line where the file has none', () => {
    expect(locateIssue(lines, [])).toEqual({ text: 'message' });
    expect(locateIssue(lines, ['attachments'])).toEqual({ text: 'attachments' });
    expect(locateIssue(lines, ['headers', 'Cc'])).toEqual({ text: 'header Cc' });
    expect(locateIssue(lines, ['parts', 5, 'headers', 'Content-Type'])).toEqual({
      text: 'part 6 › header Content-Type',
    });
  });

  it('never throws on messages without structure', () => {
    const broken = messageLines(Buffer.from('no headers at all\n--x\n'));
    expect(locateIssue(broken, ['parts', 0, 'body'])).toEqual({ text: 'part 1 › body' });
  });
});
