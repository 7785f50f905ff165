import { EventEmitter } from 'node:events';
import {
  createMailClient,
  type EffectiveLimits,
  type MailClient,
  type MailClientOptions,
  QcloudMailError,
  resolveLimits,
  templateError,
} from '@qcloudmail/core';
import type { Transport, Transporter } from 'nodemailer';
import { filePolicy, mapMessage } from './map-message.js';
import { toTransportError } from './nodemailer-codes.js';
import { guardPlugins, hasStreamPlugins, streamPluginError } from './plugin-guard.js';
import { sendOptionsOf } from './send-options.js';
import { sendRawMessage } from './send-raw.js';
import { toInfo } from './to-info.js';
import { resolveTransportOptions } from './transport-options.js';
import type { QcloudMailSentMessageInfo, QcloudMailTransportOptions, SendCallback, TransportMail } from './types.js';
import { TRANSPORT_NAME, TRANSPORT_VERSION } from './version.js';

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean';
}

function rawWithTemplate(template: unknown): QcloudMailError {
  const name = typeof template === 'string' ? template : `(${typeof template})`;
  return templateError(
    { template: name, field: 'raw' },
    { reason: 'raw: give either a template or raw, not both: a raw message is sent as it is', category: 'validation' },
  );
}

/**
 * A nodemailer transport that sends through qcloudmail's client: nodemailer's `sendMail` options are mapped to
 * core's message (core validates and builds the MIME), errors are `QcloudMailError`s with nodemailer's fields.
 */
export class QcloudMailTransport extends EventEmitter implements Transport<QcloudMailSentMessageInfo> {
  readonly name = TRANSPORT_NAME;
  readonly version = TRANSPORT_VERSION;
  /** `send` honours `mail.data.signal` up to the end and removes its listeners when done. */
  readonly supportsAbortSignal = true;
  /** The client the transport sends through. */
  readonly client: MailClient;
  private readonly ownsClient: boolean;
  private readonly allowFileAccess: boolean;
  private readonly limits: EffectiveLimits;
  private readonly capacity: number;
  private pending = 0;
  private closing: Promise<void> | undefined;
  private readonly active = new Set<Promise<void>>();
  private transporter: Transporter<QcloudMailSentMessageInfo> | undefined;

  constructor(options: QcloudMailTransportOptions) {
    super();
    const resolved = resolveTransportOptions(options);
    this.allowFileAccess = resolved.allowFileAccess;
    this.capacity = resolved.capacity;
    this.ownsClient = resolved.client === undefined;
    this.client = resolved.client ?? createMailClient(resolved.clientOptions as MailClientOptions);
    this.limits = resolveLimits(resolved.limits);
    // As nodemailer's pool: `idle` once the transport can take messages, so that the documented
    // `transporter.on('idle', ...)` loop starts; the transporter subscribes synchronously in createTransport.
    setImmediate(() => {
      if (this.isIdle()) this.emit('idle');
    });
  }

  /** The nodemailer transporter this transport was given to; it refuses `use('stream', ...)` from then on. */
  get mailer(): Transporter<QcloudMailSentMessageInfo> | undefined {
    return this.transporter;
  }

  set mailer(value: Transporter<QcloudMailSentMessageInfo> | undefined) {
    guardPlugins(value);
    this.transporter = value;
  }

  /** Sends one message; never throws: the outcome, or a `QcloudMailError`, goes to `callback`. */
  send(mail: TransportMail, callback: SendCallback): void {
    this.pending += 1;
    // Settles once the callback has run, so that close() drains sends completely.
    const settled = new Promise<void>((resolve) => {
      this.deliver(mail).then(
        (info) => this.finish(resolve, callback, null, info),
        (error: unknown) => this.finish(resolve, callback, toTransportError(error)),
      );
    });
    this.active.add(settled);
    settled.then(() => this.active.delete(settled));
  }

  /** Connects and authenticates once: a Promise without a callback, as nodemailer's `verify()`. */
  verify(): Promise<true>;
  verify(callback: (error: Error | null, success?: true) => void): void;
  verify(callback?: (error: Error | null, success?: true) => void): Promise<true> | undefined {
    const result = this.closing
      ? Promise.reject(new QcloudMailError({ code: 'CLOSED', message: 'The transport is closed' }))
      : this.client.verify();
    const mapped = result.catch((error: unknown) => Promise.reject(toTransportError(error)));
    if (callback === undefined) return mapped;
    mapped.then(
      (success) => process.nextTick(callback, null, success),
      (error: QcloudMailError) => process.nextTick(callback, error),
    );
    return undefined;
  }

  /** True while fewer sends are in flight than the pool has connections, as nodemailer's pooled transport. */
  isIdle(): boolean {
    return this.closing === undefined && this.pending < this.capacity;
  }

  /**
   * Stops taking messages and lets in-flight sends finish, then closes the client when the transport created it
   * (a wrapped client stays open for its owner). Emits `clear` when done; the returned Promise resolves then too.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.active]);
      if (this.ownsClient) await this.client.close();
      this.emit('clear');
    })();
    return this.closing;
  }

  private async deliver(mail: TransportMail): Promise<QcloudMailSentMessageInfo> {
    if (this.closing !== undefined) throw new QcloudMailError({ code: 'CLOSED', message: 'The transport is closed' });
    if (hasStreamPlugins(this.transporter)) throw streamPluginError();
    const data = (mail?.data ?? {}) as Readonly<Record<string, unknown>>;
    const signal = isAbortSignal(data.signal) ? data.signal : undefined;
    const context = { allowFileAccess: this.allowFileAccess, limits: this.limits, signal };
    const sendOptions = sendOptionsOf(data, signal);
    if (data.raw !== undefined && data.raw !== null && data.raw !== false) {
      // A raw message is sent as it is: a template beside it would be dropped, so it is refused by name.
      if (data.template !== undefined) throw rawWithTemplate(data.template);
      return toInfo(
        await sendRawMessage(this.client, mail, filePolicy(data, context), signal, this.limits, sendOptions),
      );
    }
    const message = await mapMessage(data, context);
    return toInfo(await this.client.send(message, sendOptions));
  }

  private finish(
    settle: () => void,
    callback: SendCallback,
    error: QcloudMailError | null,
    info?: QcloudMailSentMessageInfo,
  ): void {
    this.pending -= 1;
    // Outside the promise chain: a throwing callback surfaces as nodemailer users expect, not as a rejection.
    process.nextTick(() => {
      try {
        if (error === null) callback(null, info);
        else callback(error);
      } finally {
        settle();
        if (this.isIdle()) this.emit('idle');
      }
    });
  }
}

/** Creates the transport to pass to `nodemailer.createTransport`: from client options, or around `{ client }`. */
export function qcloudmailTransport(options: QcloudMailTransportOptions): QcloudMailTransport {
  return new QcloudMailTransport(options);
}
