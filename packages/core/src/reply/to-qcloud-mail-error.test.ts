import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSesReply, SES_REPLIES } from '../reply/ses-replies.js';
import { isQcloudMailError, QcloudMailError } from '../errors/qcloud-mail-error.js';
import { toQcloudMailError } from '../reply/to-qcloud-mail-error.js';
import { REGIONS } from '../limits/regions.js';

let dir = '';
let key = '';
let cert = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcloudmail-errors-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minimal implicit-TLS SMTP server whose answers to AUTH and to the final dot are set per test. */
async function smtpServer(answers: {
  auth: string;
  dot: string | null;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const server = tls.createServer({ key, cert }, (socket) => {
    socket.write('220 localhost ESMTP\r\n');
    let inData = false;
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end = buffer.indexOf('\r\n');
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            if (answers.dot === null) socket.destroy();
            else socket.write(`${answers.dot}\r\n`);
          }
        } else if (/^EHLO/i.test(line)) socket.write('250-localhost\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write(`${answers.auth}\r\n`);
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 2.0.0 OK\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        end = buffer.indexOf('\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function sendThrough(port: number, ca: string | undefined): Promise<unknown> {
  const transport = nodemailer.createTransport({
    host: 'localhost',
    port,
    secure: true,
    auth: { user: 'a@example.com', pass: 'hunter22secret' },
    tls: ca === undefined ? {} : { ca },
  });
  try {
    await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 'hello' });
    return undefined;
  } catch (error) {
    return error;
  } finally {
    transport.close();
  }
}

describe('toQcloudMailError on real nodemailer errors', () => {
  it('maps a 535 on AUTH to AUTH, not retryable, without the password', async () => {
    const server = await smtpServer({ auth: SES_REPLIES.authFailed, dot: SES_REPLIES.queued });
    const thrown = await sendThrough(server.port, cert);
    await server.close();
    const error = toQcloudMailError(thrown);
    expect(error).toMatchObject({
      code: 'AUTH',
      category: 'auth',
      nodemailerCode: 'EAUTH',
      responseCode: 535,
      retryable: false,
    });
    expect(error.cause).toBe(thrown);
    expect(JSON.stringify(error)).not.toContain('hunter22secret');
    expect(JSON.stringify(error)).not.toContain(Buffer.from('\0a@example.com\0hunter22secret').toString('base64'));
  });

  it('maps a business error after DATA to PROVIDER with the catalog judgement', async () => {
    const reply = renderSesReply({
      providerCode: 'FailedOperation.EmailAddrInBlacklist',
      message: 'The email address is in the blocklist.',
      requestId: 'rid-7',
    });
    const server = await smtpServer({ auth: '235 2.7.0 Authentication successful', dot: reply });
    const error = toQcloudMailError(await sendThrough(server.port, cert));
    await server.close();
    expect(error).toMatchObject({
      code: 'PROVIDER',
      category: 'recipient',
      providerCode: 'FailedOperation.EmailAddrInBlacklist',
      requestId: 'rid-7',
      nodemailerCode: 'EMESSAGE',
      retryable: false,
    });
  });

  it('maps a connection lost after the final dot to OUTCOME_UNKNOWN when told so, CONNECTION otherwise', async () => {
    const server = await smtpServer({ auth: '235 2.7.0 Authentication successful', dot: null });
    const thrown = await sendThrough(server.port, cert);
    await server.close();
    expect(toQcloudMailError(thrown, { afterDataSent: true })).toMatchObject({
      code: 'OUTCOME_UNKNOWN',
      retryable: false,
      rule: 'R19',
    });
    expect(toQcloudMailError(thrown, { afterDataSent: true }).message).toMatch(/may have accepted/);
    expect(toQcloudMailError(thrown)).toMatchObject({ category: 'connection', retryable: true });
  });

  it('maps an untrusted certificate to CONNECTION, not retryable (R3)', async () => {
    const server = await smtpServer({ auth: SES_REPLIES.authFailed, dot: null });
    const error = toQcloudMailError(await sendThrough(server.port, undefined));
    await server.close();
    expect(error).toMatchObject({
      code: 'CONNECTION',
      category: 'connection',
      retryable: false,
      rule: 'R3',
      nodemailerCode: 'ESOCKET',
    });
  });
});

describe('toQcloudMailError on real Node errors', () => {
  it('maps ECONNREFUSED to a retryable CONNECTION error', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const thrown = await new Promise<unknown>((resolve) => net.connect(port, '127.0.0.1').on('error', resolve));
    expect(toQcloudMailError(thrown)).toMatchObject({ code: 'CONNECTION', retryable: true, rule: 'R1' });
    // Refused before anything was sent: the outcome is known even after a previous message's dot.
    expect(toQcloudMailError(thrown, { afterDataSent: true }).code).toBe('OUTCOME_UNKNOWN');
  });

  it('maps a host-name mismatch (ERR_TLS_CERT_ALTNAME_INVALID) to CONNECTION, not retryable', async () => {
    const server = tls.createServer({ key, cert }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const thrown = await new Promise<unknown>((resolve) =>
      tls.connect({ port, host: '127.0.0.1', servername: 'smtp.qcloudmail.com', ca: cert }).on('error', resolve),
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((thrown as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(toQcloudMailError(thrown)).toMatchObject({
      code: 'CONNECTION',
      nodemailerCode: 'ETLS',
      retryable: false,
      rule: 'R3',
    });
  });
});

describe('toQcloudMailError on anything else', () => {
  it('passes an error of the family through, also a branded one from another copy', () => {
    const own = new QcloudMailError({ code: 'VALIDATION', message: 'x' });
    expect(toQcloudMailError(own, { afterDataSent: true })).toBe(own);
    const foreign = Object.assign(Object.create(Error.prototype), { code: 'AUTH', message: 'y' });
    Object.defineProperty(foreign, Symbol.for('@qcloudmail/core/QcloudMailError'), { value: true });
    expect(toQcloudMailError(foreign)).toBe(foreign);
  });

  it.each([
    [Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }), 'ABORTED', false],
    [new DOMException('signal timed out', 'TimeoutError'), 'TIMEOUT', true],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'CONNECTION', true],
    [Object.assign(new Error('x'), { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }), 'CONNECTION', false],
    [Object.assign(new Error('alert'), { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }), 'CONNECTION', false],
    [Object.assign(new Error('getaddrinfo ENOTFOUND smtp.example'), { code: 'ENOTFOUND' }), 'CONNECTION', false],
    [Object.assign(new Error('Missing credentials for "PLAIN"'), { code: 'EAUTH', command: 'API' }), 'AUTH', false],
    [SES_REPLIES.busy, 'CONNECTION', true],
    ['something odd', 'UNKNOWN', false],
    [42, 'UNKNOWN', false],
    [null, 'UNKNOWN', false],
    [undefined, 'UNKNOWN', false],
    [new Error(`Message failed: ${SES_REPLIES.tooLarge}`), 'PROVIDER', false],
  ] as const)('%s → %s', (thrown, code, retryable) => {
    const error = toQcloudMailError(thrown);
    expect(isQcloudMailError(error)).toBe(true);
    expect(error).toMatchObject({ code, retryable });
    expect(error.cause).toBe(thrown);
  });

  it('survives objects whose getters throw and proxies that throw on every access', () => {
    const hostile = Object.defineProperty({}, 'message', {
      get: () => {
        throw new Error('no');
      },
    });
    Object.defineProperty(hostile, 'code', {
      get: () => {
        throw new Error('no');
      },
    });
    expect(toQcloudMailError(hostile).code).toBe('UNKNOWN');
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        has: () => {
          throw new Error('trap');
        },
      },
    );
    expect(toQcloudMailError(proxy).code).toBe('UNKNOWN');
  });
});

// Node's getaddrinfo error, and the connect error core's TLS connector wraps it in (code, originalCode, cause).
function dnsError(code: string, hostname: string, wrapped: boolean): Error {
  const lookup = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
    code,
    syscall: 'getaddrinfo',
    hostname,
  });
  if (!wrapped) return lookup;
  return Object.assign(new Error(`Cannot connect to ${hostname}:465: ${lookup.message}`, { cause: lookup }), {
    code: 'ECONNECTION',
    originalCode: code,
    command: 'CONN',
  });
}

describe('toQcloudMailError on DNS failures, by code and host (R1)', () => {
  const documented = Object.values(REGIONS).map((region) => region.host);

  it.each([false, true])(
    'a host that is not documented: use a documented one, not retryable (wrapped: %s)',
    (wrapped) => {
      const error = toQcloudMailError(dnsError('ENOTFOUND', 'smtp.qqcloudmail.com', wrapped));
      expect(error).toMatchObject({ code: 'CONNECTION', retryable: false, rule: 'R1' });
      expect(error.message).toContain('"smtp.qqcloudmail.com" does not resolve');
      for (const host of documented) expect(error.action).toContain(host);
    },
  );

  it.each(documented)('the documented host %s not resolving: the resolver or network, retryable', (host) => {
    const error = toQcloudMailError(dnsError('ENOTFOUND', host, true));
    expect(error).toMatchObject({ code: 'CONNECTION', retryable: true, rule: 'R1' });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.message).toContain(`documented host "${host}"`);
    expect(error.action).toContain('DNS resolver and network');
    // It never tells the user to use the host they are using.
    expect(error.action).not.toContain('Use one of the documented hosts');
  });

  it.each([documented[0] as string, 'smtp.example.com'])(
    'EAI_AGAIN for %s: a passing resolver failure, retryable',
    (host) => {
      const error = toQcloudMailError(dnsError('EAI_AGAIN', host, true));
      expect(error).toMatchObject({ code: 'CONNECTION', retryable: true });
      expect(error.message).toContain('temporary failure');
      expect(error.action).not.toContain('Use one of the documented hosts');
    },
  );

  it('finds the host in the message when no hostname field is given, case and final dot aside', () => {
    const bare = Object.assign(new Error('getaddrinfo ENOTFOUND SMTP.qcloudmail.com.'), { code: 'ENOTFOUND' });
    expect(toQcloudMailError(bare)).toMatchObject({ retryable: true });
    const nameless = Object.assign(new Error('lookup failed'), { code: 'ENOTFOUND' });
    const error = toQcloudMailError(nameless);
    expect(error).toMatchObject({ code: 'CONNECTION', retryable: false });
    expect(error.action).toContain('if yours is one of them');
  });
});

describe('error messages never double their punctuation', () => {
  it.each(Object.entries(SES_REPLIES))('%s', (_name, reply) => {
    const error = toQcloudMailError(new Error(reply), { command: 'DATA' });
    expect(error.message).not.toMatch(/[.!?。]\.(?!\.)/);
    expect(toQcloudMailError(reply).message).not.toMatch(/[.!?。]\.(?!\.)/);
  });

  it('421 Too busy. Try again later. ends its own sentence once', () => {
    const error = toQcloudMailError(SES_REPLIES.busy);
    expect(error.message).toContain('Try again later. ');
    expect(error.message).not.toContain('later..');
  });

  it('a provider reply ending in a period keeps one period before its request id', () => {
    const reply = renderSesReply({
      providerCode: 'FailedOperation.EmailAddrInBlacklist',
      message: 'Blacklisted.',
      requestId: 'r-1',
    });
    const error = toQcloudMailError(reply, { command: 'DATA' });
    expect(error.message).toContain('Blacklisted (request r-1). ');
    expect(error.message).not.toMatch(/[.!?。]\.(?!\.)/);
  });
});
