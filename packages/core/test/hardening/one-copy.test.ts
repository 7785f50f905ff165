// One copy per send, or OUTCOME_UNKNOWN (R19): whether a send's final dot left is known by that send's own
// upload, never by finding its Message-ID in the bytes written. Each case below once made the client retry after
// the final dot and resolve with two copies out (issue #17, item 2): a Message-ID beyond 64 KiB of headers, a
// folded Message-ID line, one with a comment, and two sends in flight sharing a caller-supplied Message-ID.
import { afterEach, describe, expect, it } from 'vitest';
import { CAPPED_NAME, FAR_TO, message, PADDING, rawMessage, rejection, USER } from '@qcloudmail/test-helpers';
import type { MailClientOptions, SendOutcome } from '../../src/client/types.js';
import { faultOptions, type Harness, harness } from '../helpers.js';

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

// The faults here drop connections at once, so the timeouts never decide a case (FAULT_TIMEOUTS): a loaded
// machine's slow greeting cannot add a retry before the dot and change the attempt counts.
async function setup(options: Partial<MailClientOptions> = {}): Promise<Harness> {
  current = await harness({ ...faultOptions(), ...options });
  return current;
}

// The old wire tap looked for the Message-ID in the first 64 KiB of headers only. The issue used one display name
// of 70,000 characters; validation now caps a display name at 256 (R23), so the headers are made as long with
// names at that cap (FAR_TO): From, 50 To (R8) and Reply-To.
const FAR_REPLY_TO = FAR_TO.map((each, i) => ({ ...each, address: `reply${i}@example.org` }));
const raw = (messageIdLines: string, before = ''): string => rawMessage(messageIdLines, { before });

const RAW_ENVELOPE = { from: USER, to: ['raw@example.org'] };

type Trigger = [string, (h: Harness) => Promise<SendOutcome>];

const triggers: Trigger[] = [
  [
    'send: long From and To display names put the Message-ID beyond 64 KiB',
    (h) => h.client.send(message(undefined, { to: FAR_TO, from: { name: CAPPED_NAME, address: USER } })),
  ],
  [
    'send: long To and Reply-To display names put the Message-ID beyond 64 KiB',
    (h) => h.client.send(message(undefined, { to: FAR_TO, replyTo: FAR_REPLY_TO })),
  ],
  [
    'sendRaw: a folded Message-ID line',
    (h) => h.client.sendRaw(raw('Message-ID:\r\n <folded-1@example.com>'), RAW_ENVELOPE),
  ],
  [
    'sendRaw: a Message-ID with a comment, <id> (shop)',
    (h) => h.client.sendRaw(raw('Message-ID: <comment-1@example.com> (shop)'), RAW_ENVELOPE),
  ],
  [
    'sendRaw: a Message-ID after 64 KiB of headers',
    (h) => h.client.sendRaw(raw('Message-ID: <far-1@example.com>', PADDING), RAW_ENVELOPE),
  ],
];

describe('a connection lost after the final dot: one copy, OUTCOME_UNKNOWN, no retry (R19)', () => {
  it.each(triggers)('%s', async (_name, send) => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-after-data' });
    const error = await rejection(send(h));
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19', retryable: false });
    expect(h.events.sending.map((event) => event.attempt)).toEqual([1]);
    expect(h.events.retrying).toHaveLength(0);
    expect(h.emulator.history).toHaveLength(1);
  });
});

describe('the same messages lost before the final dot: retried, and still one copy', () => {
  // The upload of a large message starts being read before the envelope is sent: that must not count as sent.
  it.each(triggers)('%s', async (_name, send) => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-before-data' });
    const outcome = await send(h);
    expect(outcome.attempts).toBe(2);
    expect(h.emulator.history).toHaveLength(1);
  });
});

describe('two sends in flight sharing a caller-supplied Message-ID are tracked apart', () => {
  const shared = () => message('user@example.org', { messageId: '<shared-1@mail.example.com>' });

  it('both lost after the final dot: two OUTCOME_UNKNOWN, two copies (one per send), no retry', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-after-data', count: 'always' });
    const results = await Promise.allSettled([h.client.send(shared()), h.client.send(shared())]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(result.status === 'rejected' && result.reason).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19' });
    }
    expect(h.events.sending.map((event) => event.attempt)).toEqual([1, 1]);
    expect(h.events.retrying).toHaveLength(0);
    expect(h.emulator.history).toHaveLength(2);
  });

  it('one dropped after its dot, the other answered too late: both OUTCOME_UNKNOWN, no third copy', async () => {
    // The first send to finish DATA is dropped at once; the second one's reply is held past the socket timeout,
    // so it fails after the first one settled (the old wire tap had forgotten the shared id by then).
    const h = await setup({ timeouts: { connect: 5000, greeting: 5000, socket: 800, total: 30_000 } });
    h.emulator.faults.add({ type: 'drop-after-data' });
    h.emulator.faults.add({ type: 'delay', ms: 1500, count: 2 });
    const results = await Promise.allSettled([h.client.send(shared()), h.client.send(shared())]);
    expect(results.map((result) => result.status === 'rejected' && result.reason.code)).toEqual([
      'OUTCOME_UNKNOWN',
      'OUTCOME_UNKNOWN',
    ]);
    expect(h.events.sending.map((event) => event.attempt)).toEqual([1, 1]);
    expect(h.emulator.history).toHaveLength(2);
  });

  it('one lost before the final dot, one after: the first is retried, the second is not', async () => {
    const h = await setup();
    h.emulator.faults.add({ type: 'drop-before-data' });
    h.emulator.faults.add({ type: 'drop-after-data' });
    const results = await Promise.allSettled([h.client.send(shared()), h.client.send(shared())]);
    const sent = results.filter((result) => result.status === 'fulfilled');
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(sent).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ code: 'OUTCOME_UNKNOWN', rule: 'R19' });
    // Three attempts in all: the one lost before the dot was retried once, the one lost after it never was.
    expect(h.events.sending).toHaveLength(3);
    expect(h.events.retrying).toHaveLength(1);
    expect(h.emulator.history).toHaveLength(2);
  });
});
