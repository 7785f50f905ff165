import { describe, expect, it } from 'vitest';
import { parseView } from './parse-view.js';

function message(firstPart: string[], body = '<h1>我的第一个标题</h1>'): Buffer {
  return Buffer.from(
    [
      'From: me@example.com',
      'To: you@example.org',
      'Subject: Attachment',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed;boundary=GoBoundary',
      '',
      '',
      '--GoBoundary',
      ...firstPart,
      '',
      body,
      '',
      '--GoBoundary',
      'Content-Transfer-Encoding:base64',
      'Content-Disposition:attachment',
      'Content-Type:application/octet-stream;name="notes.txt"',
      '',
      'aGVsbG8K',
      '--GoBoundary--',
      '',
    ].join('\r\n'),
  );
}

describe('parseView', () => {
  it('shows a part whose Content-Type is not type/subtype as the text body, not as a nameless attachment (RFC 2045 §5.2)', async () => {
    // The Go attachment sample's part header: the field name written twice.
    const view = await parseView(message(['Content-Type:Content-Type: text/html; charset=UTF-8']));
    expect(view.text).toBe('<h1>我的第一个标题</h1>\r\n');
    expect(view.html).toBeUndefined();
    expect(view.attachments.map((attachment) => attachment.filename)).toEqual(['notes.txt']);
  });

  it('keeps such a part an attachment when it says so (disposition attachment or a file name), as the linter does', async () => {
    const view = await parseView(
      message(['Content-Type: nonsense', 'Content-Disposition: attachment; filename="a.txt"'], 'aGk='),
    );
    expect(view.attachments.map((attachment) => attachment.filename)).toEqual(['a.txt', 'notes.txt']);
  });

  it('keeps a nameless part of a real type an attachment, and a text part the body', async () => {
    const binary = await parseView(message(['Content-Type: application/octet-stream']));
    expect(binary.attachments).toHaveLength(2);
    expect(binary.text).toBeUndefined();
    const text = await parseView(message(['Content-Type: text/plain; charset=UTF-8'], 'plain body'));
    expect(text.text).toBe('plain body\n');
    expect(text.attachments.map((attachment) => attachment.filename)).toEqual(['notes.txt']);
  });
});
