import { createClientRuntime } from './client-runtime.js';
import { closeClient } from './close-client.js';
import { prepareMessages } from './prepare-messages.js';
import { checkRawMessage } from './raw-message.js';
import { sendUnlessSuppressed } from './check-suppression.js';
import { sendPrepared } from './send-prepared.js';
import { closedError } from './send-signal.js';
import { openSendTelemetry } from '../telemetry/send-telemetry.js';
import { renderMessage } from '../templates/render-message.js';
import type { MailClient, MailClientOptions } from './types.js';
import { verifyConnection } from './verify-connection.js';

/**
 * Creates the mail client: validation, MIME, rate limits and retries in front of nodemailer's SMTP pool.
 *
 * A send runs as named steps: `renderMessage` (a templated message only), `prepareMessages` (validate once,
 * plan, build), `sendPrepared` under `openSendSignal`, each message through `sendBuiltMessage` (`acquireSlot`,
 * `transmitOnce`, `decideNext`), and `collectOutcome`.
 */
export function createMailClient(clientOptions: MailClientOptions): MailClient {
  const runtime = createClientRuntime(clientOptions);
  const { clock } = runtime;
  const telemetry = openSendTelemetry(runtime.options.telemetry, runtime.options.endpoint, runtime.events);
  const active = new Set<Promise<unknown>>();
  let closed = false;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    active.add(promise);
    const forget = (): void => {
      active.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  };

  const client: MailClient = {
    send(input, sendOptions) {
      if (closed) return Promise.reject(closedError());
      const startedAt = clock.now();
      // Rendering comes first, so that validation judges the message as it will be sent.
      const run = async () => {
        const message = await renderMessage(input, runtime.options.templates);
        const { suppression: list, recipients } = runtime.options;
        return sendUnlessSuppressed(
          { list, split: recipients === 'split', options: sendOptions },
          prepareMessages(message, runtime.options),
          (kept) => sendPrepared(runtime, telemetry.described(kept), startedAt, sendOptions?.signal),
        );
      };
      return track(telemetry.traced('message', run));
    },
    sendRaw(raw, envelope, sendOptions) {
      if (closed) return Promise.reject(closedError());
      const startedAt = clock.now();
      // A raw message cannot be split: any suppressed recipient refuses it.
      const run = async () =>
        sendUnlessSuppressed(
          { list: runtime.options.suppression, split: false, options: sendOptions },
          [checkRawMessage(raw, envelope, runtime.options.limits, runtime.options.auth.user)],
          (kept) => sendPrepared(runtime, telemetry.described(kept), startedAt, sendOptions?.signal),
        );
      return track(telemetry.traced('raw', run));
    },
    sendMany(messages, sendOptions) {
      return Promise.allSettled(messages.map((message) => client.send(message, sendOptions)));
    },
    async verify(verifyOptions) {
      if (closed) throw closedError();
      return verifyConnection(runtime, verifyOptions?.signal);
    },
    async close(closeOptions) {
      if (closed) return;
      closed = true;
      await closeClient(runtime, active, closeOptions?.timeoutMs ?? 30_000);
    },
    stats: () => ({ ...runtime.counters }),
    on: (event, listener) => runtime.events.on(event, listener),
  };
  return client;
}
