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

/** The stream the SMTP connection would pipe into DATA, for a raw message in nodemailer's own MIME node. */
function nodemailerStream(raw: Buffer) {
  const mark = createUploadMark();
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
