import nodemailer from 'nodemailer';
import type { SMTPTransportGetSocketCallback, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { ResolvedClientOptions } from './resolve-options.js';
import type { TLSSocket } from 'node:tls';
import { openTlsSocket } from './tls-connect.js';
import type { MailLogRecord } from './types.js';
import { QcloudMailError } from '../errors/qcloud-mail-error.js';
import { type UploadMark, watchUpload } from './upload-mark.js';

/** What the service answered to one message (R15, R21). */
export interface PoolSendInfo {
  accepted: string[];
  rejected: string[];
  response: string;
  /**
   * How long the message kept its connection, from MAIL FROM to the reply (nodemailer's envelope and message
   * times): a new connection's handshake left out. Undefined when nodemailer did not say.
   */
  connectionMs?: number;
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

/** What the pool tells its owner. */
export interface PoolTransportHooks {
  /** The pool was idle for `pool.idleTimeoutMs` and closed its connections; the next send opens new ones. */
  onIdleClose?: () => void;
  /** Sends waiting for their turn (a rate-limit grant): while there are some, the pool is not idle. */
  waiting?: () => number;
}

/**
 * Creates the pooled transport: implicit TLS through `openTlsSocket`, never a requeue behind the client's back.
 * Its sockets keep the process alive only while a send is in flight, and it closes them after
 * `pool.idleTimeoutMs` with nothing to send (a fresh nodemailer pool is made on the next send).
 */
export function createPoolTransport(
  options: ResolvedClientOptions,
  log: (record: MailLogRecord) => void,
  hooks: PoolTransportHooks = {},
): PoolTransport {
  // Each attempt hands nodemailer its own view of the bytes: the key under which the attempt's mark is found.
  const marks = new WeakMap<object, UploadMark>();
  const { endpoint } = options;
  const sockets = new Set<TLSSocket>();
  let active = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const open = () => {
    const made = nodemailer.createTransport({
      pool: true,
      host: endpoint.host,
      port: endpoint.port,
      secure: true,
      auth: { user: options.auth.user, pass: options.auth.pass },
      // nodemailer opens connections lazily, up to this bound; the client's slot gate decides how many sends are
      // in flight (pool-sizer.ts), so no more are opened than the latency and the quota need.
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
            sockets.add(socket);
            socket.once('close', () => sockets.delete(socket));
            if (active === 0) socket.unref();
            callback(null, { connection: socket, secured: true });
          },
          (error: Error) => callback(error),
        );
      },
    });

    // The 'stream' step runs once per sendMail, after the message is compiled and before the pool takes it.
    made.use('stream', (mail, done) => {
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
    return made;
  };

  let transport: ReturnType<typeof open> | undefined;

  const closeIdle = (): void => {
    idleTimer = undefined;
    if (active > 0 || transport === undefined) return;
    if ((hooks.waiting?.() ?? 0) > 0) {
      // A send waiting for the next second is about to use a connection: not idle.
      armIdle();
      return;
    }
    transport.close();
    transport = undefined;
    log({ level: 'debug', message: 'pool closed after idling', data: { idleTimeoutMs: options.pool.idleTimeoutMs } });
    hooks.onIdleClose?.();
  };

  function armIdle(): void {
    idleTimer = setTimeout(closeIdle, options.pool.idleTimeoutMs);
    idleTimer.unref();
  }

  const begin = (): ReturnType<typeof open> => {
    active += 1;
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
    // A send in flight keeps the process alive, as any pending request does.
    if (active === 1) for (const socket of sockets) socket.ref();
    transport ??= open();
    return transport;
  };

  const end = (): void => {
    active -= 1;
    if (active > 0) return;
    // Idle sockets never keep the process alive: a script that never calls close() still exits.
    for (const socket of sockets) socket.unref();
    armIdle();
  };

  return {
    async send(raw, envelope, upload, signal) {
      const view = raw.subarray();
      marks.set(view, upload);
      const pool = begin();
      try {
        const info = await pool.sendMail({ raw: view, envelope, ...(signal === undefined ? {} : { signal }) });
        // nodemailer marks the connection available one macrotask after it answers: a send let in before that
        // would find none free and open another, and the pool would creep up to maxConnections.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const timed = info as { envelopeTime?: unknown; messageTime?: unknown };
        const connectionMs =
          typeof timed.envelopeTime === 'number' && typeof timed.messageTime === 'number'
            ? timed.envelopeTime + timed.messageTime
            : undefined;
        return {
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: info.response,
          ...(connectionMs === undefined ? {} : { connectionMs }),
        };
      } finally {
        end();
      }
    },
    async verify() {
      const pool = begin();
      try {
        await pool.verify();
        return true;
      } finally {
        end();
      }
    },
    close() {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
      transport?.close();
      transport = undefined;
    },
  };
}
