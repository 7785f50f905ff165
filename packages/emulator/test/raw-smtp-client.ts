import tls from 'node:tls';

/** One SMTP reply: its code and every line's text joined by newlines. */
export interface RawReply {
  code: number;
  text: string;
  /** The last line as sent, `NNN text`. */
  line: string;
}

/**
 * A minimal SMTP client over implicit TLS that is not nodemailer: it writes exactly the bytes it is given, so
 * tests can send what no mail library would build (bare LF, smuggling sequences, 2001-octet lines).
 */
export class RawSmtpClient {
  readonly socket: tls.TLSSocket;
  #buffer = '';
  #waiting: Array<(reply: RawReply | Error) => void> = [];
  #replies: Array<RawReply | Error> = [];
  #closed = false;

  private constructor(socket: tls.TLSSocket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    const end = (error?: Error) => {
      this.#closed = true;
      const failure = error ?? new Error('connection closed');
      for (const waiter of this.#waiting.splice(0)) waiter(failure);
    };
    socket.on('close', () => end());
    socket.on('error', (error) => end(error));
  }

  /** Connects, trusting `ca`, and reads the greeting. */
  static async connect(host: string, port: number, ca: string): Promise<{ client: RawSmtpClient; greeting: RawReply }> {
    const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ host, port, ca, servername: 'localhost' }, () => resolve(s));
      s.once('error', reject);
    });
    const client = new RawSmtpClient(socket);
    return { client, greeting: await client.reply() };
  }

  get closed(): boolean {
    return this.#closed;
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let lines: string[] = [];
    for (let at = this.#buffer.indexOf('\r\n'); at >= 0; at = this.#buffer.indexOf('\r\n')) {
      const line = this.#buffer.slice(0, at);
      this.#buffer = this.#buffer.slice(at + 2);
      lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: lines.map((l) => l.slice(4)).join('\n'), line };
        lines = [];
        const waiter = this.#waiting.shift();
        if (waiter) waiter(reply);
        else this.#replies.push(reply);
      }
    }
    if (lines.length > 0) this.#buffer = `${lines.join('\r\n')}\r\n${this.#buffer}`;
  }

  /** The next reply; rejects when the connection closes first. */
  reply(): Promise<RawReply> {
    const queued = this.#replies.shift();
    if (queued !== undefined) return queued instanceof Error ? Promise.reject(queued) : Promise.resolve(queued);
    if (this.#closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => {
      this.#waiting.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
    });
  }

  /** Writes one command line (CRLF added) and reads its reply. */
  async command(line: string): Promise<RawReply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** EHLO, then AUTH PLAIN; returns the AUTH reply. */
  async login(user: string, pass: string): Promise<RawReply> {
    await this.command('EHLO raw.test');
    return this.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`);
  }

  /** MAIL, RCPT, DATA and the message; `raw` is dot-stuffed unless `stuff` is false. Returns the final reply. */
  async send(from: string, to: string[], raw: string | Buffer, stuff = true): Promise<RawReply> {
    const mail = await this.command(`MAIL FROM:<${from}>`);
    if (mail.code !== 250) return mail;
    for (const recipient of to) {
      const rcpt = await this.command(`RCPT TO:<${recipient}>`);
      if (rcpt.code !== 250) return rcpt;
    }
    const data = await this.command('DATA');
    if (data.code !== 354) return data;
    let body = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
    if (stuff) body = Buffer.from(body.toString('latin1').replace(/(^|\r\n)\./g, '$1..'), 'latin1');
    const ending = body.subarray(-2).toString() === '\r\n' ? '.\r\n' : '\r\n.\r\n';
    this.socket.write(Buffer.concat([body, Buffer.from(ending)]));
    return this.reply();
  }

  /** QUIT and close. */
  async quit(): Promise<void> {
    if (!this.#closed) {
      await this.command('QUIT').catch(() => undefined);
      this.socket.destroy();
    }
  }
}
