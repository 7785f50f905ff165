import { describe, expect, it } from 'vitest';
import { lintMime } from '../lint-mime.js';
import { defaultedTypeNotes, leafParts, parsePart } from './mime-tree.js';

const FROM = 'noreply@mail.example.com';

// The Go attachment sample's shape: its HTML part's header repeats the field name, so its value is
// "Content-Type: text/html; charset=UTF-8", no type/subtype.
function goSample(partType: string): string {
  return [
    `From: ${FROM}`,
    'To: user@example.org',
    'Subject: Attachment',
    'Message-ID: <go-1@mail.example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed;boundary=GoBoundary',
    '',
    '',
    '--GoBoundary',
    `Content-Type:${partType}`,
    '',
    '<h1>Hello</h1>',
    '',
    '--GoBoundary',
    'Content-Transfer-Encoding:base64',
    'Content-Disposition:attachment',
    'Content-Type:application/octet-stream;name="notes.txt"',
    '',
    'aGVsbG8K',
    '--GoBoundary--',
    '',
  ].join('\r\n');
}

function leaves(raw: string) {
  const bytes = Buffer.from(raw);
  const root = parsePart(bytes, 0, bytes.length, []);
  return { root, leaves: leafParts(root) };
}

describe('a part Content-Type that is not type/subtype (RFC 2045 §5.2)', () => {
  it.each([
    ['the field name repeated', 'Content-Type: text/html; charset=UTF-8'],
    ['no subtype', 'text'],
    ['an empty value', ''],
    ['a space inside', 'text/ html'],
    ['two slashes', 'text/html/x'],
  ])('reads %s as no Content-Type, with a note naming the part', (_name, value) => {
    const {
      root,
      leaves: [first],
    } = leaves(goSample(value));
    expect(first?.typed).toBe(false);
    expect(first?.contentType.value).toBe('');
    expect(first?.unparsedType).toBe(value.trim());
    const notes = defaultedTypeNotes(root);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.path).toEqual(['parts', 0, 'headers', 'Content-Type']);
    expect(notes[0]?.message).toContain('Part parts.0');
    expect(notes[0]?.message).toContain('RFC 2045 §5.2');
    expect(notes[0]?.message).toContain('text/plain; charset=us-ascii');
  });

  it.each(['text/html; charset=UTF-8', 'application/vnd.ms-excel', 'TEXT/Plain', 'application/x-7z+zip'])(
    'keeps a valid type/subtype as it is: %s',
    (value) => {
      const {
        root,
        leaves: [first],
      } = leaves(goSample(value));
      expect(first?.typed).toBe(true);
      expect(first?.unparsedType).toBeUndefined();
      expect(defaultedTypeNotes(root)).toEqual([]);
    },
  );

  it('lints such a part as the text body: no attachment issue on it, no missing body (R10, R12, R22)', () => {
    const result = lintMime(goSample('Content-Type: text/html; charset=UTF-8'));
    expect(result.issues).toEqual([]);
    expect(result.summary.attachments.map((attachment) => attachment.filename)).toEqual(['notes.txt']);
  });

  it('returns the note from lintMime without changing ok', () => {
    const result = lintMime(goSample('Content-Type: text/html; charset=UTF-8'));
    expect(result.ok).toBe(true);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]?.path).toEqual(['parts', 0, 'headers', 'Content-Type']);
    expect(result.notes[0]?.message).toContain('RFC 2045 §5.2');
    expect(lintMime(goSample('text/html; charset=UTF-8')).notes).toEqual([]);
  });

  it('keeps the note beside the issues of a message that fails', () => {
    const result = lintMime(goSample('text').replace('Subject: Attachment\r\n', ''));
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toContain('subject_required');
    expect(result.notes.map((note) => note.path.join('.'))).toEqual(['parts.0.headers.Content-Type']);
  });

  it('bounds the notes of many such parts: the first 20 and a count of the rest', () => {
    const part = ['--B', 'Content-Type: x', '', 'hi'].join('\r\n');
    const raw = [
      `From: ${FROM}`,
      'To: user@example.org',
      'Subject: Many',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=B',
      '',
      ...Array.from({ length: 500 }, () => part),
      '--B--',
      '',
    ].join('\r\n');
    const { notes } = lintMime(raw);
    expect(notes).toHaveLength(21);
    expect(notes[19]?.path).toEqual(['parts', 19, 'headers', 'Content-Type']);
    expect(notes[20]).toEqual({ path: [], message: '480 more notes are not listed (500 in all)' });
  });

  it('still refuses a nameless part of a real non-text type as an attachment', () => {
    const result = lintMime(goSample('application/octet-stream'));
    const codes = result.issues.map((issue) => `${issue.code} ${issue.path.join('.')}`);
    expect(codes).toContain('attachment_encoding_unsupported parts.0.headers.Content-Transfer-Encoding');
    expect(codes).toContain('body_required body');
  });

  it('bounds the note of a long hostile value', () => {
    const { root } = leaves(goSample(`x${' y'.repeat(50_000)}`));
    const [note] = defaultedTypeNotes(root);
    expect(note?.message.length).toBeLessThan(400);
  });
});
