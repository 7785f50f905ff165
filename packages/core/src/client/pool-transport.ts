import nodemailer from 'nodemailer';
import type { SMTPTransportGetSocketCallback, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { ResolvedClientOptions } from './resolve-options.js';
import { openTlsSocket } from './tls-connect.js';
import type { MailLogRecord } from './types.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { type UploadMark, watchUpload } from './upload-mark.js';

/** What the service answered to one message (R15, R21). */
export interface PoolSendInfo {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** nodemailer's SMTP pool, fed core's own MIME; each attempt's upload marks its own `UploadMark`. */
export interface PoolTransport {
  /**
   * Sends one built message as one attempt, marking `upload` once the whole message was handed to the
   * connection (R19); rejects with nodemailer's error, unmapped.
   */
  send(
    raw: Buffer,
    envelope: { from: string; to: string[] },
    upload: UploadMark,
    signal?: AbortSignal,
  ): Promise<PoolSendInfo>;
  /** Connects, authenticates and disconnects. */
  verify(): Promise<true>;
  /** Closes every pooled connection. */
  close(): void;
}

/** Creates the pooled transport: implicit TLS through `openTlsSocket`, never a requeue behind the client's back. */
export function createPoolTransport(
  options: ResolvedClientOptions,
  log: (record: MailLogRecord) => void,
): PoolTransport {
  // Each attempt hands nodemailer its own view of the bytes: the key under which the attempt's mark is found.
  const marks = new WeakMap<object, UploadMark>();
  const { endpoint } = options;
  const transport = nodemailer.createTransport({
    pool: true,
    host: endpoint.host,
    port: endpoint.port,
    secure: true,
    auth: { user: options.auth.user, pass: options.auth.pass },
    maxConnections: options.pool.maxConnections,
    maxMessages: options.pool.maxMessages,
    // The pool would otherwise resend a message whose connection closed, possibly after the final dot (R19):
    // every retry decision belongs to the client, which knows whether the outcome is unknown.
    maxRequeues: 0,
    connectionTimeout: options.timeouts.connect,
    greetingTimeout: options.timeouts.greeting,
    socketTimeout: options.timeouts.socket,
    logger: false,
    getSocket(_socketOptions: SMTPTransportOptions, callback: SMTPTransportGetSocketCallback) {
      openTlsSocket({ endpoint, maxTlsVersion: options.maxTlsVersion, timeoutMs: options.timeouts.connect }).then(
        (socket) => {
          log({ level: 'debug', message: 'connected', data: { host: endpoint.host, port: endpoint.port } });
          callback(null, { connection: socket, secured: true });
        },
        (error: Error) => callback(error),
      );
    },
  });

  // The 'stream' step runs once per sendMail, after the message is compiled and before the pool takes it.
  transport.use('stream', (mail, done) => {
    const raw = mail.data.raw;
    const mark = typeof raw === 'object' && raw !== null ? marks.get(raw) : undefined;
    if (mark === undefined) {
      // Without its mark an attempt could not tell a retryable failure from an unknown outcome: never sent.
      done(new QcloudMailError({ code: 'UNKNOWN', message: 'A message was sent without its upload mark' }));
      return;
    }
    mail.message.processFunc((input) => watchUpload(input, mark));
    done();
  });

  return {
    async send(raw, envelope, upload, signal) {
      const view = raw.subarray();
      marks.set(view, upload);
      const info = await transport.sendMail({ raw: view, envelope, ...(signal === undefined ? {} : { signal }) });
      return {
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    },
    async verify() {
      await transport.verify();
      return true;
    },
    close() {
      transport.close();
    },
  };
}
