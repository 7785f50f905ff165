import nodemailer from 'nodemailer';
import type { SMTPTransportGetSocketCallback, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { ResolvedClientOptions } from './resolve-options.js';
import { openTlsSocket } from './tls-connect.js';
import type { MailLogRecord } from './types.js';
import { createWireTap, type WireTap } from './wire-tap.js';

/** What the service answered to one message (R15, R21). */
export interface PoolSendInfo {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** nodemailer's SMTP pool, fed core's own MIME, with a wire tap that tells where a failed send stopped. */
export interface PoolTransport {
  /** Sends one built message; rejects with nodemailer's error, unmapped. */
  send(raw: Buffer, envelope: { from: string; to: string[] }, signal?: AbortSignal): Promise<PoolSendInfo>;
  /** Connects, authenticates and disconnects. */
  verify(): Promise<true>;
  /** Closes every pooled connection. */
  close(): void;
  readonly wireTap: WireTap;
}

/** Creates the pooled transport: implicit TLS through `openTlsSocket`, never a requeue behind the client's back. */
export function createPoolTransport(
  options: ResolvedClientOptions,
  log: (record: MailLogRecord) => void,
): PoolTransport {
  const wireTap = createWireTap();
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
          wireTap.attach(socket);
          log({ level: 'debug', message: 'connected', data: { host: endpoint.host, port: endpoint.port } });
          callback(null, { connection: socket, secured: true });
        },
        (error: Error) => callback(error),
      );
    },
  });

  return {
    wireTap,
    async send(raw, envelope, signal) {
      const info = await transport.sendMail({ raw, envelope, ...(signal === undefined ? {} : { signal }) });
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
