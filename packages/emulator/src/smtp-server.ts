import type { Socket } from 'node:net';
import { SES_REPLIES } from '@qcloudmail/core/internal';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Login } from './accounts.js';
import type { EmulatorContext } from './context.js';
import { handleData } from './data-handler.js';
import type { FaultStage } from './fault-spec.js';
import { faultReply, replyError } from './replies.js';
import { gateReplies, type ReplyGate, type SmtpConnection } from './reply-gate.js';
import type { EmulatorTlsOptions } from './types.js';

/** The server name in the greeting, the real service's host (R1). */
const SERVER_NAME = 'smtp.qcloudmail.com';

/** Finds the socket of a session, to break the connection the way a failing service does. */
export type SocketFinder = (session: SMTPServerSession) => Socket | undefined;

/** A fault that ends a stage: a `reply` at that stage, or `breaker` (a fault type that breaks the connection). */
type StageFault = { kind: 'reply'; reply: string } | { kind: 'break' };

// One fault per stage: the oldest pending of the stage's kinds fires, the others wait for the next session.
function takeStageFault(
  context: EmulatorContext,
  stage: FaultStage,
  breaker?: 'close-during-auth' | 'drop-before-data',
): StageFault | undefined {
  const fault = context.faults.takeFirst(
    (candidate) => (candidate.type === 'reply' && candidate.stage === stage) || candidate.type === breaker,
  );
  if (fault === undefined) return undefined;
  if (fault.type !== 'reply') return { kind: 'break' };
  return { kind: 'reply', reply: faultReply(fault) };
}

/** The SMTP side of an emulator. */
export interface EmulatorSmtpServer {
  server: SMTPServer;
  /** Stops listening, lets sessions end within smtp-server's short grace, then destroys every socket left. */
  close(): Promise<void>;
}

/**
 * Creates the SMTP side: implicit TLS from the first byte (R2) with TLS 1.2 or 1.3 (R3), AUTH PLAIN and LOGIN
 * against the accounts (R4), the service's replies word for word (R21), the latency of a distant service on every
 * reply, and faults at each step.
 */
export function createSmtpServer(context: EmulatorContext, tls: EmulatorTlsOptions): EmulatorSmtpServer {
  const findConnection = (session: SMTPServerSession): SmtpConnection | undefined => {
    for (const connection of server.connections) if (connection.id === session.id) return connection;
    return undefined;
  };
  const findSocket: SocketFinder = (session) => findConnection(session)?._socket;
  // Every session's socket from its hand-over by the TLS listener, so close() can end those that linger.
  const sockets = new Set<Socket>();
  const gates = new Map<string, ReplyGate>();
  const breakConnection = (session: SMTPServerSession, why: string): void => {
    context.log({ level: 'info', message: `breaking the connection: ${why}`, session: session.id });
    findSocket(session)?.destroy();
  };

  const server: SMTPServer = new SMTPServer({
    secure: true,
    key: tls.key,
    cert: tls.cert,
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    name: SERVER_NAME,
    authMethods: ['PLAIN', 'LOGIN'],
    // MAIL before AUTH is answered by onMailFrom with the service's own 502 (R21), not smtp-server's 530.
    authOptional: true,
    // Replies carry their enhanced codes in their text, so that they match the service's byte for byte.
    hideENHANCEDSTATUSCODES: true,
    hideDSN: true,
    hideSTARTTLS: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    // A reverse DNS query per connection would be a pending handle after close() and adds nothing here.
    disableReverseLookup: true,
    onConnect(session, callback) {
      context.stats.connections += 1;
      const connection = findConnection(session);
      // Installed before the greeting, the first reply that gets the latency.
      if (connection !== undefined) {
        gates.set(
          session.id,
          gateReplies(connection, () => context.latency.get().perReplyMs, context.timers),
        );
        connection._socket.once('close', () => gates.delete(session.id));
      }
      if (context.faults.take('reject-connection') !== undefined) {
        callback(replyError(SES_REPLIES.busy));
        return;
      }
      const delay = context.faults.take('greeting-delay');
      if (delay === undefined) callback();
      else {
        void context.timers.wait(delay.ms).then((elapsed) => {
          if (elapsed) callback();
          else breakConnection(session, 'the emulator is closing');
        });
      }
    },
    onAuth(auth, session, callback) {
      const injected = takeStageFault(context, 'auth', 'close-during-auth');
      if (injected?.kind === 'break') {
        breakConnection(session, 'close-during-auth fault');
        return;
      }
      if (injected !== undefined) {
        const error = replyError(injected.reply);
        callback(null, { message: error.message, responseCode: error.responseCode });
        return;
      }
      const login = context.accounts.authenticate(auth.username ?? '', auth.password ?? '');
      if (login === undefined) {
        context.stats.authFailures += 1;
        context.log({
          level: 'info',
          message: 'authentication failed',
          session: session.id,
          detail: { user: auth.username },
        });
        const error = replyError(SES_REPLIES.authFailed);
        callback(null, { message: error.message, responseCode: error.responseCode });
        return;
      }
      callback(null, { user: login });
    },
    onMailFrom(_address, session, callback) {
      if (session.user === undefined) {
        callback(replyError(SES_REPLIES.authFirst));
        return;
      }
      const injected = takeStageFault(context, 'mail');
      callback(injected?.kind === 'reply' ? replyError(injected.reply) : null);
    },
    onRcptTo(_address, session, callback) {
      const injected = takeStageFault(context, 'rcpt', 'drop-before-data');
      if (injected?.kind === 'break') {
        breakConnection(session, 'drop-before-data fault');
        return;
      }
      callback(injected === undefined ? null : replyError(injected.reply));
    },
    onData(stream, session, callback) {
      handleData(context, stream, session, session.user as Login, {
        breakConnection: (why) => breakConnection(session, why),
      }).then(
        (outcome) => {
          // A broken connection gets no reply at all; smtp-server tears the session down on close.
          if (outcome.kind === 'dropped') return;
          // handleData held this reply for the end-of-DATA latency already.
          gates.get(session.id)?.bypassNext();
          if (outcome.kind === 'accepted') callback(null, outcome.text);
          else callback(replyError(outcome.reply));
        },
        (error: unknown) => {
          context.log({ level: 'error', message: `onData failed: ${String(error)}`, session: session.id });
          callback(replyError(SES_REPLIES.internal));
        },
      );
    },
  });
  server.on('error', (error) => context.log({ level: 'warn', message: `smtp: ${error.message}` }));
  const connect = server.connect.bind(server);
  server.connect = (socket, options) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    connect(socket, options);
  };
  let listenerClosed = false;
  server.server.once('close', () => {
    listenerClosed = true;
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          // After the grace, smtp-server has sent its 421 and ended the sockets; a client that keeps its side
          // open would keep one alive, so they are destroyed here, and the listener closes once they are gone.
          for (const socket of sockets) socket.destroy();
          sockets.clear();
          if (listenerClosed) resolve();
          else server.server.once('close', () => resolve());
        });
      }),
  };
}
