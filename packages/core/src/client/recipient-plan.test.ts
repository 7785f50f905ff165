import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../model/message.js';
import { planMessages } from './recipient-plan.js';

const address = (local: string) => ({ name: '', address: `${local}@example.com` });

function message(partial: Partial<MailMessage> = {}): MailMessage {
  return {
    from: address('sender'),
    to: [address('a')],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: 'Hi',
    text: 'Hello',
    attachments: [],
    headers: [],
    ...partial,
  };
}

describe('planMessages', () => {
  it('single keeps the message as it is (R8)', () => {
    const input = message({ to: [address('a'), address('b')], messageId: '<x@y>' });
    expect(planMessages(input, 'single')).toEqual([input]);
  });

  it('split sends one copy per To, Cc and Bcc address, each alone in To (R8, R9)', () => {
    const input = message({
      to: [address('a'), address('b')],
      cc: [address('c'), address('A')],
      bcc: [address('d')],
      messageId: '<fixed@example.com>',
    });
    const copies = planMessages(input, 'split');
    expect(copies.map((copy) => copy.to.map((to) => to.address))).toEqual([
      ['a@example.com'],
      ['b@example.com'],
      ['c@example.com'],
      ['d@example.com'],
    ]);
    expect(copies.every((copy) => copy.cc.length === 0 && copy.bcc.length === 0)).toBe(true);
    // Copies must not share the caller's Message-ID.
    expect(copies.every((copy) => copy.messageId === undefined)).toBe(true);
  });

  it('split keeps a messageId when there is a single recipient', () => {
    const input = message({ messageId: '<fixed@example.com>' });
    expect(planMessages(input, 'split')[0]?.messageId).toBe('<fixed@example.com>');
  });

  it('chunk sends batches of at most 50 To addresses (R8)', () => {
    const to = Array.from({ length: 120 }, (_, i) => address(`r${i}`));
    const batches = planMessages(message({ to }), 'chunk');
    expect(batches.map((batch) => batch.to.length)).toEqual([50, 50, 20]);
    expect(batches.flatMap((batch) => batch.to)).toEqual(to);
    expect(planMessages(message({ to: to.slice(0, 3) }), 'chunk')).toHaveLength(1);
  });
});
