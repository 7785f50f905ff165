import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import type { SmtpEndpoint } from '../limits/regions.js';

/** How to open the implicit-TLS connection (R2, R3). */
export interface TlsConnectOptions {
  endpoint: SmtpEndpoint;
  maxTlsVersion: 'TLSv1.2' | 'TLSv1.3';
  timeoutMs: number;
}

/** A connection failure in the shape nodemailer's own errors have (`code`, `originalCode`, `command`). */
export type ConnectError = Error & { code?: string; originalCode?: string; command?: string };

const TLS_FAILURE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

function connectError(message: string, code: string, cause?: Error & { code?: string }): ConnectError {
  const error: ConnectError = new Error(cause === undefined ? message : `${message}: ${cause.message}`, { cause });
  error.code = code;
  if (cause?.code !== undefined) error.originalCode = cause.code;
  error.command = 'CONN';
  return error;
}

/**
 * Opens a TLS connection from the first byte (R2), certificate verification always on (R3): `ca` only adds
 * trust. Resolves once the handshake is done, so nodemailer can read the greeting at once.
 */
export function openTlsSocket(options: TlsConnectOptions): Promise<TLSSocket> {
  const { endpoint } = options;
  const servername = endpoint.servername ?? (isIP(endpoint.host) === 0 ? endpoint.host : undefined);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.ca === undefined ? {} : { ca: endpoint.ca }),
      ...(servername === undefined ? {} : { servername }),
      minVersion: 'TLSv1.2',
      maxVersion: options.maxTlsVersion,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(connectError(`Connection to ${endpoint.host}:${endpoint.port} timed out`, 'ETIMEDOUT'));
    }, options.timeoutMs);
    const onError = (error: Error & { code?: string }): void => {
      clearTimeout(timer);
      socket.destroy();
      const tls = TLS_FAILURE.test(error.code ?? '') || /certificate|handshake|alert/i.test(error.message);
      reject(
        connectError(
          tls
            ? `TLS handshake with ${endpoint.host}:${endpoint.port} failed (R3; if it is a protocol alert, try maxTlsVersion TLSv1.2)`
            : `Cannot connect to ${endpoint.host}:${endpoint.port}`,
          tls ? 'ETLS' : 'ECONNECTION',
          error,
        ),
      );
    };
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeListener('error', onError);
      resolve(socket);
    });
  });
}
