import { PassThrough, type Readable } from 'node:stream';

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
}

/** The writable side of a mark, for the stream that watches the upload. */
interface MutableUploadMark {
  handedOver: boolean;
}

/** Creates the mark of one attempt; nothing handed over yet. */
export function createUploadMark(): UploadMark {
  return { handedOver: false };
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
  const output = new PassThrough();
  // Registered before the connection pipes the stream: it runs before the pipe ends the DATA stream.
  output.once('end', () => {
    (mark as MutableUploadMark).handedOver = true;
  });
  // nodemailer destroys the input when this stream fails; an error of the input must reach the connection.
  input.once('error', (error) => output.destroy(error));
  return input.pipe(output);
}
