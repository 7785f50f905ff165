import { validateMessage } from '@qcloudmail/core';
import { describe, expect, it } from 'vitest';
import { deserializeMessage, serializeMessage } from './serialize-message.js';

describe('serializeMessage', () => {
  it('stores bytes as base64 exactly, even a view into a larger buffer, and survives JSON', () => {
    const backing = new Uint8Array([9, 9, 0, 255, 128, 10, 13, 9]);
    const view = backing.subarray(2, 7);
    const input = {
      from: 'a@example.com',
      to: ['b@example.org'],
      subject: 'Hi',
      text: 'Body',
      date: new Date('2026-01-02T03:04:05Z'),
      attachments: [
        { filename: 'view.bin', content: view },
        { filename: 'hex.txt', content: '414243', encoding: 'hex' as const },
      ],
      notAField: () => 'dropped',
    };
    const stored = JSON.parse(JSON.stringify(serializeMessage(input)));
    expect(stored.notAField).toBeUndefined();
    expect(stored.date).toBe('2026-01-02T03:04:05.000Z');
    expect(stored.attachments[0]).toEqual({ filename: 'view.bin', content: 'AP+ACg0=', encoding: 'base64' });
    const result = validateMessage(deserializeMessage(stored));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...(result.message.attachments[0]?.content ?? [])]).toEqual([0, 255, 128, 10, 13]);
    expect(result.message.attachments[1]?.content.toString('utf8')).toBe('ABC');
    expect(result.message.date?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});
