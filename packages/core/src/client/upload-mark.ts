import { PassThrough, type Readable, Transform } from 'node:stream';

/**
 * One attempt's own record of its upload: whether its last byte was handed to the connection's DATA stream.
 * A failure after that may follow the final dot, so the outcome is unknown (R19); before it, the service cannot
 * have accepted the message and a retry is safe. Known by identity (this attempt's own stream), never by finding
 * a Message-ID in the bytes: two sends sharing a Message-ID, or one whose Message-ID is folded, commented or far
 * down the headers, each know their own state.
 */
export interface UploadMark {
  /** True once the whole message was handed over: the final dot may have been written from then on. */
  readonly handedOver: boolean;
  /**
   * Awaited once the rest of the message was read, before its last bytes are handed over (the account's grant
   * under `countAt: 'data-end'`, R5): the final dot cannot leave before it resolves.
   */
  readonly beforeLastBytes?: (() => Promise<void>) | undefined;
  /** Why `beforeLastBytes` failed: the attempt's error (its last bytes, and so its final dot, never left). */
  readonly heldBack?: unknown;
}

/** The writable side of a mark, for the stream that watches the upload. */
interface MutableUploadMark {
  handedOver: boolean;
  heldBack?: unknown;
}

/** Creates the mark of one attempt, nothing handed over yet; `beforeLastBytes` holds back the last bytes. */
export function createUploadMark(beforeLastBytes?: () => Promise<void>): UploadMark {
  return { handedOver: false, beforeLastBytes };
}

/** The pieces the held upload is cut into. */
const SLICE_BYTES = 64 * 1024;

/**
 * A stream that always keeps the latest chunk back and lets it go only once `wait` resolved, and only after its
 * consumer (the DATA stream, piped in after the 354 reply) has read everything before it: nodemailer reads a
 * small message ahead at once, so the end of the input alone says nothing about the DATA phase.
 */
function holdLastChunk(mark: UploadMark, wait: () => Promise<void>): Transform {
  let last: Buffer | undefined;
  let consumed = false;
  const output: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // Slices (views, no copies) let the DATA stream pull the message at the socket's pace, so that the grant is
      // asked for near the end of the upload even when nodemailer hands the whole raw message over as one chunk.
      for (let start = 0; start < chunk.length; start += SLICE_BYTES) {
        if (last !== undefined) output.push(last);
        last = chunk.subarray(start, Math.min(chunk.length, start + SLICE_BYTES));
      }
      done();
    },
    flush(done) {
      const release = (): void => {
        wait().then(
          () => done(null, last),
          (error: unknown) => {
            (mark as MutableUploadMark).heldBack = error;
            // A plain error: nodemailer rewrites the code of what it is given, and closes the connection, so
            // the message stays without its final dot.
            done(new Error('The last bytes of the message were held back: no rate-limit grant'));
          },
        );
      };
      const whenDrained = (): void => {
        if (output.readableLength === 0) {
          release();
          return;
        }
        // The stream flows into its consumer by now, so listening to its data takes nothing from it.
        const onData = (): void => {
          if (output.readableLength > 0) return;
          output.off('data', onData);
          release();
        };
        output.on('data', onData);
      };
      if (consumed) whenDrained();
      else output.once('resume', whenDrained);
    },
  });
  output.once('resume', () => {
    consumed = true;
  });
  return output;
}

/**
 * Puts a watcher between nodemailer's message stream and the SMTP connection, marking `mark` when the last byte
 * was read out of it.
 *
 * Why this is exact enough: nodemailer reads a raw message ahead, into its own buffers, from the moment the send
 * is queued (before MAIL FROM), so the end of the caller's bytes says nothing. The stream a processing function
 * returns, though, is the one `SMTPConnection.send` pipes into its DATA stream, and only after the 354 reply to
 * DATA. The DATA stream writes the terminating `\r\n.\r\n` in its flush, which runs only after this stream ended;
 * and this stream ends only once its consumer read every byte. So before the mark no final dot can have left;
 * after it, one may have.
 */
export function watchUpload(input: Readable, mark: UploadMark): Readable {
  const wait = mark.beforeLastBytes;
  const output = wait === undefined ? new PassThrough() : holdLastChunk(mark, wait);
  // Registered before the connection pipes the stream: it runs before the pipe ends the DATA stream.
  output.once('end', () => {
    (mark as MutableUploadMark).handedOver = true;
  });
  // nodemailer destroys the input when this stream fails; an error of the input must reach the connection.
  input.once('error', (error) => output.destroy(error));
  return input.pipe(output);
}
