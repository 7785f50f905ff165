import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import MimeNode from 'nodemailer/lib/mime-node';
import { describe, expect, it } from 'vitest';
import { createUploadMark, watchUpload } from './upload-mark.js';

/** A consumer standing in for nodemailer's DATA stream: collects what it reads. */
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

/** Lets nodemailer's read-ahead run: a few turns of the event loop. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The stream the SMTP connection would pipe into DATA, for a raw message in nodemailer's own MIME node; with
 * `grant`, its last bytes wait for it (rateLimit.countAt 'data-end').
 */
function nodemailerStream(raw: Buffer, grant?: () => Promise<void>) {
  const mark = createUploadMark(grant);
  const node = new MimeNode();
  node.setRaw(raw);
  node.processFunc((input) => watchUpload(input, mark));
  return { mark, stream: node.createReadStream() };
}

describe('watchUpload', () => {
  it('stays unmarked while nodemailer reads a small message ahead, before anyone pipes it into DATA', async () => {
    const { mark, stream } = nodemailerStream(Buffer.from('Subject: x\r\n\r\nhello\r\n'));
    await settle();
    // nodemailer has read every byte of the raw message by now: the end of the caller's bytes means nothing.
    expect(mark.handedOver).toBe(false);
    const out = sink();
    stream.pipe(out.stream);
    await once(out.stream, 'finish');
    expect(mark.handedOver).toBe(true);
    expect(out.bytes().toString()).toBe('Subject: x\r\n\r\nhello\r\n');
  });

  it('marks only after the last byte of a large message was read, not at the first', async () => {
    const raw = Buffer.alloc(300_000, 'a');
    const { mark, stream } = nodemailerStream(raw);
    await settle();
    expect(mark.handedOver).toBe(false);
    let first = true;
    const reads: boolean[] = [];
    stream.on('data', () => {
      if (first) reads.push(mark.handedOver);
      first = false;
    });
    await once(stream, 'end');
    expect(reads).toEqual([false]);
    expect(mark.handedOver).toBe(true);
  });

  it('stays unmarked when the consumer gives up before the end (a connection broken during DATA)', async () => {
    const input = new PassThrough();
    const mark = createUploadMark();
    const output = watchUpload(input, mark);
    input.write(Buffer.alloc(1000, 'a'));
    output.read();
    output.destroy();
    await settle();
    expect(mark.handedOver).toBe(false);
  });

  it('passes an error of the message source on to the connection, unmarked', async () => {
    const input = new PassThrough();
    const mark = createUploadMark();
    const output = watchUpload(input, mark);
    const failed = once(output, 'error');
    input.destroy(new Error('source broke'));
    const [error] = await failed;
    expect((error as Error).message).toBe('source broke');
    expect(mark.handedOver).toBe(false);
  });

  it('keeps one mark per attempt: two attempts of the same bytes never share a state', async () => {
    const raw = Buffer.from('Message-ID: <same@example.com>\r\n\r\nx\r\n');
    const a = nodemailerStream(raw);
    const b = nodemailerStream(raw);
    const out = sink();
    a.stream.pipe(out.stream);
    await once(out.stream, 'finish');
    expect(a.mark.handedOver).toBe(true);
    expect(b.mark.handedOver).toBe(false);
  });
});

// The data-end grant's place in the upload (rateLimit.countAt 'data-end'): the attempt's own upload stream asks
// for the grant only once the DATA stream has read everything but the last chunk, and lets the last bytes go
// only once it is given; a refused grant leaves the message without its last bytes, unmarked.
describe('the last bytes held for the data-end grant', () => {
  it('asks only once DATA reads, not while nodemailer reads a small message ahead, then sends it whole', async () => {
    let asked = 0;
    let give!: () => void;
    const raw = Buffer.from('Subject: x\r\n\r\nhello\r\n');
    const { mark, stream } = nodemailerStream(raw, () => {
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
    const { stream } = nodemailerStream(raw, async () => {
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
    const { mark, stream } = nodemailerStream(Buffer.alloc(50_000, 'b'), async () => {
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
