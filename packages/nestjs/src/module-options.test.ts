import { describe, expect, it } from 'vitest';
import { clientOptionsOf, withDefaults } from './module-options.js';

describe('withDefaults', () => {
  it('fills the fields a message leaves unset, explicit undefined included', () => {
    const merged = withDefaults(
      { to: 'a@example.org', subject: 'Hi', replyTo: undefined },
      { from: 'noreply@mail.example.com', replyTo: 'help@mail.example.com' },
    );
    expect(merged).toEqual({
      from: 'noreply@mail.example.com',
      to: 'a@example.org',
      subject: 'Hi',
      replyTo: 'help@mail.example.com',
    });
  });

  it('keeps what the message sets, and returns the message itself without defaults', () => {
    const input = { from: 'other@mail.example.com', to: 'a@example.org' };
    expect(withDefaults(input, { from: 'noreply@mail.example.com' }).from).toBe('other@mail.example.com');
    expect(withDefaults(input, undefined)).toBe(input);
  });
});

describe('clientOptionsOf', () => {
  it('passes the client options through and keeps the module-only ones away from the client', () => {
    const client = clientOptionsOf({
      host: '127.0.0.1',
      port: 465,
      auth: { user: 'noreply@mail.example.com', pass: 'secret' },
      defaults: { from: 'noreply@mail.example.com' },
      verifyOnStartup: true,
      shutdownTimeoutMs: 10,
    });
    expect(client).toEqual({
      host: '127.0.0.1',
      port: 465,
      auth: { user: 'noreply@mail.example.com', pass: 'secret' },
    });
  });
});
