// The data-end grant's place in the upload (rateLimit.countAt 'data-end'): the attempt's own upload stream asks
// for the grant only once the DATA stream has read everything but the last chunk, and lets the last bytes go
// only once it is given; a refused grant leaves the message without its last bytes, unmarked.
import { once } from 'node:events';
import { Writable } from 'node:stream';
import MimeNode from 'nodemailer/lib/mime-node';
import { describe, expect, it } from 'vitest';
import { createUploadMark, watchUpload } from '../src/client/upload-mark.js';

function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function held(raw: Buffer, grant: () => Promise<void>) {
  const mark = createUploadMark(grant);
  const node = new MimeNode();
  node.setRaw(raw);
  node.processFunc((input) => watchUpload(input, mark));
  return { mark, stream: node.createReadStream() };
}

describe('the last bytes held for the data-end grant', () => {
  it('asks only once DATA reads, not while nodemailer reads a small message ahead, then sends it whole', async () => {
    let asked = 0;
    let give!: () => void;
    const raw = Buffer.from('Subject: x\r\n\r\nhello\r\n');
    const { mark, stream } = held(raw, () => {
      asked += 1;
      return new Promise<void>((resolve) => {
        give = resolve;
      });
    });
    await settle();
    // Read ahead whole, not yet piped into DATA: no grant asked for (it would hold a slot from MAIL FROM on).
    expect(asked).toBe(0);
    const out = sink();
    stream.pipe(out.stream);
    await settle();
    expect(asked).toBe(1);
    expect(out.bytes().length).toBeLessThan(raw.length);
    expect(mark.handedOver).toBe(false);
    give();
    await once(out.stream, 'finish');
    expect(out.bytes().equals(raw)).toBe(true);
    expect(mark.handedOver).toBe(true);
  });

  it('lets everything but the last chunk of a large message go first', async () => {
    let readWhenAsked = -1;
    const raw = Buffer.alloc(400_000, 'a');
    const out = sink();
    const { stream } = held(raw, async () => {
      readWhenAsked = out.bytes().length;
    });
    stream.pipe(out.stream);
    await once(out.stream, 'finish');
    // nodemailer hands the raw bytes over in one chunk and ends them with a line break of its own: the held
    // stream cuts them into 64 KiB slices, and only the last (the line break) waits for the grant.
    expect(out.bytes().length).toBe(raw.length + 2);
    expect(readWhenAsked).toBe(raw.length);
  });

  it('keeps the last bytes back and the mark unset when the grant is refused', async () => {
    const refusal = new Error('no grant');
    const { mark, stream } = held(Buffer.alloc(50_000, 'b'), async () => {
      throw refusal;
    });
    const out = sink();
    const failed = once(stream, 'error');
    stream.pipe(out.stream);
    await failed;
    expect(mark.heldBack).toBe(refusal);
    expect(mark.handedOver).toBe(false);
    // Everything but the last chunk (nodemailer's closing line break) went; the end never did.
    expect(out.bytes().length).toBe(50_000);
  });
});
