import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachmentDisposition', () => {
  it('quotes a plain ASCII name as it is', () => {
    expect(attachmentDisposition('notes.txt', 'attachment-0')).toBe('attachment; filename="notes.txt"');
  });

  it('adds an RFC 6266 filename* for a Chinese name, with an ASCII fallback keeping the extension', () => {
    const header = attachmentDisposition('季度报告.pdf', 'attachment-0');
    expect(header).toBe(
      `attachment; filename="attachment-0.pdf"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf`,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('季度报告.pdf');
  });

  it('keeps quotes, separators, CR/LF and leading dots out of the header', () => {
    const header = attachmentDisposition('../"evil"\r\nSet-Cookie: a=b;.txt', 'attachment-1');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="attachment-1.txt"; filename*=UTF-8\'\'')).toBe(true);
    const decoded = decodeURIComponent(header.split("''")[1] ?? '');
    expect(decoded).not.toContain('/');
    expect(decoded).not.toMatch(/^\./);
    expect(header.split("''")[1]).not.toMatch(/["; ]/);
  });

  it('falls back when nothing of the name is left', () => {
    expect(attachmentDisposition('', 'attachment-2')).toBe('attachment; filename="attachment-2"');
    expect(attachmentDisposition('...', 'attachment-3')).toBe('attachment; filename="attachment-3"');
  });
});
