import type { RuleId } from '../rules.js';
import type { NodemailerErrorCode, QcloudMailErrorCategory, QcloudMailErrorCode } from './error-codes.js';

/** How a code of Node, OpenSSL or nodemailer (without a server reply) maps into the error family. */
export interface SystemErrorJudgement {
  code: QcloudMailErrorCode;
  category: QcloudMailErrorCategory;
  retryAfterMs: number | null;
  nodemailerCode: NodemailerErrorCode;
  rule?: RuleId;
  /** True when the connection ended after it was open, so that a message may have been handed over. */
  lost: boolean;
  summary: string;
  action: string;
}

function j(
  code: QcloudMailErrorCode,
  category: QcloudMailErrorCategory,
  retryAfterMs: number | null,
  nodemailerCode: NodemailerErrorCode,
  lost: boolean,
  summary: string,
  action: string,
  rule?: RuleId,
): SystemErrorJudgement {
  return { code, category, retryAfterMs, nodemailerCode, lost, summary, action, ...(rule ? { rule } : {}) };
}

const RESET = j(
  'CONNECTION',
  'connection',
  1_000,
  'ESOCKET',
  true,
  'The connection to the service broke',
  'Send again; if it recurs with large messages, keep them under 10 MiB and lines under 998 octets (R18).',
  'R18',
);
const UNREACHABLE = j(
  'CONNECTION',
  'connection',
  5_000,
  'ECONNECTION',
  false,
  'The service could not be reached',
  'Check host and port 465 (R1, R2) and the network, then send again.',
  'R1',
);
const TIMEOUT = j(
  'TIMEOUT',
  'timeout',
  1_000,
  'ETIMEDOUT',
  true,
  'The service did not answer in time',
  'Send again later; check that port 465 is reachable from this network (R2).',
);
const TLS_TRUST = j(
  'CONNECTION',
  'connection',
  null,
  'ETLS',
  false,
  "The service's TLS certificate was not trusted",
  'Keep verification on: fix the host name, the system clock or the trusted CA (`ca`), never disable verification (R3).',
  'R3',
);
const TLS_HANDSHAKE = j(
  'CONNECTION',
  'connection',
  null,
  'ETLS',
  false,
  'The TLS handshake with the service failed',
  'Connect with implicit TLS on port 465 (R2); if the alert is about the protocol version, cap TLS at 1.2 (R3).',
  'R3',
);

const BY_CODE: Readonly<Record<string, SystemErrorJudgement>> = {
  ECONNRESET: RESET,
  EPIPE: RESET,
  ECONNABORTED: RESET,
  ERR_STREAM_PREMATURE_CLOSE: RESET,
  ERR_SOCKET_CLOSED: RESET,
  ESOCKET: RESET,
  ECONNREFUSED: UNREACHABLE,
  EHOSTUNREACH: UNREACHABLE,
  ENETUNREACH: UNREACHABLE,
  ENETDOWN: UNREACHABLE,
  EHOSTDOWN: UNREACHABLE,
  ECONNECTION: UNREACHABLE,
  ETIMEDOUT: TIMEOUT,
  ESOCKETTIMEDOUT: TIMEOUT,
  ERR_TLS_HANDSHAKE_TIMEOUT: TIMEOUT,
  ERR_TLS_CERT_ALTNAME_INVALID: TLS_TRUST,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS_TRUST,
  SELF_SIGNED_CERT_IN_CHAIN: TLS_TRUST,
  DEPTH_ZERO_SELF_SIGNED_CERT: TLS_TRUST,
  CERT_HAS_EXPIRED: TLS_TRUST,
  CERT_NOT_YET_VALID: TLS_TRUST,
  CERT_UNTRUSTED: TLS_TRUST,
  CERT_REVOKED: TLS_TRUST,
  CERT_SIGNATURE_FAILURE: TLS_TRUST,
  UNABLE_TO_GET_ISSUER_CERT: TLS_TRUST,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: TLS_TRUST,
  EPROTO: TLS_HANDSHAKE,
  ETLS: TLS_HANDSHAKE,
  EAUTH: j(
    'AUTH',
    'auth',
    null,
    'EAUTH',
    false,
    'Authentication failed',
    'Log in with a sender address configured in the console and its SMTP password (R4); never retry with the same credentials.',
    'R4',
  ),
  EENVELOPE: j(
    'VALIDATION',
    'validation',
    null,
    'EENVELOPE',
    false,
    'The envelope was refused before sending',
    'Give the message a valid sender and at least one valid recipient (R8).',
    'R8',
  ),
  EMESSAGE: j(
    'VALIDATION',
    'content',
    null,
    'EMESSAGE',
    false,
    'The message could not be sent',
    'Check that the message is not empty and within the size limits (SIZES).',
    'SIZES',
  ),
  ESTREAM: j(
    'UNKNOWN',
    'content',
    null,
    'ESTREAM',
    false,
    'Reading the message content failed',
    'Check the streams and files the message reads its content from.',
  ),
  EPROTOCOL: j(
    'PROVIDER',
    'service',
    null,
    'EPROTOCOL',
    false,
    'The service answered outside the SMTP protocol',
    'Check that the host is a Tencent Cloud SES endpoint on port 465 (R1, R2).',
    'R1',
  ),
  ECONFIG: j(
    'CONFIGURATION',
    'configuration',
    null,
    'EPROTOCOL',
    false,
    'The transport is misconfigured',
    'Fix the transport options.',
  ),
};

/** The host name a DNS lookup failed for, and whether it is one of the service's documented hosts (R1). */
export interface LookedUpHost {
  name: string;
  documented: boolean;
}

const DOCUMENTED_HOSTS = 'smtp.qcloudmail.com, gz-smtp.qcloudmail.com or sg-smtp.qcloudmail.com';

// A DNS failure is a connection error that never opened one (nothing handed over), under R1 (the host).
const dnsFailure = (retryAfterMs: number | null, summary: string, action: string): SystemErrorJudgement =>
  j('CONNECTION', 'connection', retryAfterMs, 'ECONNECTION', false, summary, action, 'R1');

// DNS failures by their code and host: a name that does not exist is the configuration's, unless it is a documented
// host, whose lookup failing says the resolver or network is at fault; EAI_AGAIN is a resolver's passing failure.
function judgeDns(code: string, host: LookedUpHost | undefined): SystemErrorJudgement | undefined {
  const quoted = host === undefined ? 'the service' : JSON.stringify(host.name.slice(0, 253));
  if (code === 'EAI_AGAIN') {
    return dnsFailure(
      2_000,
      `The DNS resolver could not look up ${quoted} for now (a temporary failure)`,
      "Send again shortly; if it persists, check this machine's DNS resolver and network (R1).",
    );
  }
  if (code !== 'ENOTFOUND' && code !== 'EDNS') return undefined;
  if (host === undefined) {
    return dnsFailure(
      null,
      'The host name of the service does not resolve',
      `Check the host: the documented hosts are ${DOCUMENTED_HOSTS} (R1); if yours is one of them, check this machine's DNS resolver and network.`,
    );
  }
  if (host.documented) {
    return dnsFailure(
      5_000,
      `The documented host ${quoted} did not resolve from this machine`,
      "The host is right (R1): check this machine's DNS resolver and network, then send again.",
    );
  }
  return dnsFailure(
    null,
    `The host name ${quoted} does not resolve`,
    `Use one of the documented hosts: ${DOCUMENTED_HOSTS} (R1).`,
  );
}

/**
 * The judgement for a system or transport error code, or undefined when the code is not one; `host` is the name a
 * DNS lookup failed for, when known, so that a DNS failure is told apart by its code and host.
 */
export function judgeSystemCode(code: string, host?: LookedUpHost): SystemErrorJudgement | undefined {
  const dns = judgeDns(code, host);
  if (dns !== undefined) return dns;
  if (Object.hasOwn(BY_CODE, code)) return BY_CODE[code];
  // OpenSSL alerts (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION, ..._HANDSHAKE_FAILURE) and other TLS errors.
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return TLS_HANDSHAKE;
  return undefined;
}
