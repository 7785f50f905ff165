import { Readable } from 'node:stream';
import type { MailMessage } from '../model/message.js';
import { BYTES_PER_LINE, base64LinesLength, writeBase64Lines } from './base64-lines.js';
import { type MimePlan, planMime } from './mime-plan.js';
import type { BuildMimeOptions, BuiltMime } from './types.js';

// About 76 KiB of input per streamed chunk: large enough to amortize, a whole number of lines.
const STREAM_CHUNK_BYTES = BYTES_PER_LINE * 1365;

function writePlan(plan: MimePlan): Buffer {
  const raw = Buffer.allocUnsafe(plan.size);
  let offset = 0;
  for (const segment of plan.segments) {
    if (Buffer.isBuffer(segment)) offset += segment.copy(raw, offset);
    else offset = writeBase64Lines(segment.base64, 0, segment.base64.length, raw, offset);
  }
  return raw;
}

/** Builds the SES-safe MIME bytes of a message that already passed validation. */
export function buildMimeFromMessage(message: MailMessage, options: BuildMimeOptions = {}): BuiltMime {
  const plan = planMime(message, options);
  const raw = writePlan(plan);
  return { raw, messageId: plan.messageId, envelope: plan.envelope, size: raw.length };
}

function* planChunks(plan: MimePlan): Generator<Buffer> {
  for (const segment of plan.segments) {
    if (Buffer.isBuffer(segment)) {
      yield segment;
      continue;
    }
    const content = segment.base64;
    for (let start = 0; start < content.length; start += STREAM_CHUNK_BYTES) {
      const end = Math.min(start + STREAM_CHUNK_BYTES, content.length);
      const chunk = Buffer.allocUnsafe(base64LinesLength(end - start));
      writeBase64Lines(content, start, end, chunk, 0);
      yield chunk;
    }
  }
}

/** A validated message as a stream whose bytes equal `buildMimeFromMessage(...).raw`, encoding attachments chunk by chunk. */
export type MimeStream = Readable & {
  readonly messageId: string;
  readonly envelope: BuiltMime['envelope'];
  /** The total bytes the stream will produce. */
  readonly size: number;
};

/**
 * Streams the MIME bytes of a validated message: attachments are base64-encoded one chunk at a time
 * as the reader asks for them, so no second full copy of a large message is ever held.
 */
export function createMimeStream(message: MailMessage, options: BuildMimeOptions = {}): MimeStream {
  const plan = planMime(message, options);
  const stream = Readable.from(planChunks(plan), { objectMode: false });
  return Object.assign(stream, { messageId: plan.messageId, envelope: plan.envelope, size: plan.size });
}
