import { R17_MESSAGES, SES_REPLIES } from '@qcloudmail/core/internal';
import { describe, expect, it } from 'vitest';
import { BARE_LINE_ENDING_REPLY } from './replies.js';
import { judgeContent } from './verdict.js';

const USER = 'me@example.com';
const raw = (headers: Record<string, string | undefined>, body = 'Hello\r\n') => {
  const all: Record<string, string | undefined> = {
    From: USER,
    To: 'you@example.org',
    Subject: 'Hi',
    'Content-Type': 'text/plain; charset=UTF-8',
    ...headers,
  };
  const lines = Object.entries(all).flatMap(([name, value]) => (value === undefined ? [] : [`${name}: ${value}`]));
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
};
const judge = (message: Buffer, extra: { from?: string; to?: string[]; longestLine?: number } = {}) =>
  judgeContent({
    raw: message,
    user: USER,
    envelope: { from: extra.from ?? USER, to: extra.to ?? ['you@example.org'] },
    longestLine: extra.longestLine ?? 10,
  });
const messageOf = (reply: string) => JSON.parse(reply.slice(reply.indexOf('{'))).QcloudError.Error.Message as string;

describe('judgeContent', () => {
  it('accepts a valid message with the queued reply and no issues', () => {
    expect(judge(raw({}))).toEqual({ accepted: true, reason: 'accepted', reply: SES_REPLIES.queued, issues: [] });
  });

  it('answers the first R17 error in the table order when several apply', () => {
    const verdict = judge(raw({ From: undefined, Subject: undefined }, ''));
    expect(messageOf(verdict.reply)).toBe(R17_MESSAGES.from_required.message);
    expect(verdict.issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(['from_required', 'subject_required', 'body_required']),
    );
  });

  it('puts the line reader before content: a 2001-octet line wins over a missing subject', () => {
    expect(judge(raw({ Subject: undefined }), { longestLine: 2001 }).reply).toBe(SES_REPLIES.tooLongLine);
    expect(judge(raw({}), { longestLine: 2000 }).accepted).toBe(true);
  });

  it('refuses bare line endings before the R17 checks', () => {
    expect(judge(raw({ Subject: undefined }, 'a\nb\r\n')).reply).toBe(BARE_LINE_ENDING_REPLY);
  });

  it('maps one oversized attachment to the R17 "attachments are too large" message', () => {
    const body = [
      '--b',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'x',
      '--b',
      'Content-Type: application/octet-stream; name="a.bin"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="a.bin"',
      '',
      Buffer.alloc(5000).toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    const verdict = judgeContent({
      raw: raw({ 'Content-Type': 'multipart/mixed; boundary="b"' }, body),
      user: USER,
      envelope: { from: USER, to: ['you@example.org'] },
      longestLine: 10,
      limits: { maxAttachmentBytes: 4000 },
    });
    expect(messageOf(verdict.reply)).toBe(R17_MESSAGES.attachments_too_large.message);
  });

  it('refuses another sender, in the envelope or the From header, compared without case (R4)', () => {
    expect(judge(raw({}), { from: 'ME@EXAMPLE.COM' }).accepted).toBe(true);
    expect(judge(raw({}), { from: 'other@example.com' }).reason).toBe('sender-mismatch');
    expect(judge(raw({ From: 'other@example.com' })).reason).toBe('sender-mismatch');
  });

  it('keeps issues the service lets through as warnings on an accepted message', () => {
    const verdict = judge(raw({ To: undefined, Cc: 'c@example.org' }, `${'z'.repeat(1500)}\r\n`), {
      longestLine: 1500,
    });
    expect(verdict.accepted).toBe(true);
    expect(verdict.issues.map((issue) => issue.code)).toEqual(expect.arrayContaining(['line_too_long', 'to_required']));
  });
});
