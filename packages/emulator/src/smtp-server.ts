import type { Socket } from 'node:net';
import { SES_REPLIES } from '@qcloudmail/core';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Login } from './accounts.js';
import type { EmulatorContext } from './context.js';
import { handleData } from './data-handler.js';
import type { FaultStage } from './fault-spec.js';
import { replyError, replyForCode } from './replies.js';
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
  return { kind: 'reply', reply: fault.reply ?? replyForCode(fault.code ?? 421) };
}

/**
 * Creates the SMTP side: implicit TLS from the first byte (R2) with TLS 1.2 or 1.3 (R3), AUTH PLAIN and LOGIN
 * against the accounts (R4), the service's replies word for word (R21), and faults at each step.
 */
export function createSmtpServer(context: EmulatorContext, tls: EmulatorTlsOptions): SMTPServer {
  const findSocket: SocketFinder = (session) => {
    for (const connection of server.connections) if (connection.id === session.id) return connection._socket;
    return undefined;
  };
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
    onConnect(_session, callback) {
      context.stats.connections += 1;
      if (context.faults.take('reject-connection') !== undefined) {
        callback(replyError(SES_REPLIES.busy));
        return;
      }
      const delay = context.faults.take('greeting-delay');
      if (delay === undefined) callback();
      else setTimeout(() => callback(), delay.ms);
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
  return server;
}
