import { describe, expect, it } from 'vitest';
import { outcomeUnknownError } from './qcloud-mail-error.js';
import { sentence, sentences } from './sentences.js';

describe('sentences', () => {
  it('adds a period between texts only where the first does not end a sentence', () => {
    expect(sentences('The service answered 421: Too busy. Try again later.', 'Send again.')).toBe(
      'The service answered 421: Too busy. Try again later. Send again.',
    );
    expect(sentences('The service answered 421: Internal server error', 'Send again.')).toBe(
      'The service answered 421: Internal server error. Send again.',
    );
    expect(sentences('Is it?', 'Yes!', '服务繁忙。', 'done')).toBe('Is it? Yes! 服务繁忙。 done');
  });

  it('leaves out empty texts and keeps the last as written', () => {
    expect(sentences('', 'one', undefined, '  ')).toBe('one');
    expect(sentences('one ', ' two')).toBe('one. two');
    expect(sentences()).toBe('');
  });

  it('ends a text with exactly one mark', () => {
    expect(sentence('Send again')).toBe('Send again.');
    expect(sentence('Send again.')).toBe('Send again.');
    expect(sentence('Really?')).toBe('Really?');
    expect(sentence('  ')).toBe('');
  });

  it("never ends OUTCOME_UNKNOWN's action with two periods, whatever `next` brings", () => {
    for (const next of ['call resolveUnknown(id)', 'call resolveUnknown(id).']) {
      const { action } = outcomeUnknownError({ reason: 'The connection ended', next });
      expect(action).toMatch(/resolveUnknown\(id\)\.$/);
      expect(action).not.toContain('..');
    }
  });
});
