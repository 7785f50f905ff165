import { connect } from 'node:net';

/** One HTTP answer as read off the socket. */
export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request with exactly the given request line and headers (`fetch` will not forge `Host` or send an
 * absolute or malformed target) and reads the answer until the server closes the connection.
 */
export function rawHttp(
  baseUrl: string,
  request: { method?: string; target: string; host?: string | null; headers?: Record<string, string>; body?: string },
): Promise<RawHttpResponse> {
  const url = new URL(baseUrl);
  const lines = [`${request.method ?? 'GET'} ${request.target} HTTP/1.1`];
  if (request.host !== null) lines.push(`Host: ${request.host ?? url.host}`);
  const headers = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(request.body));
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push('Connection: close');
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname.replace(/^\[|\]$/g, ''));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = text.slice(split + 4);
      const chunked = headers['transfer-encoding'] === 'chunked';
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: chunked ? unchunk(body) : body });
    });
    socket.write(head);
    if (request.body !== undefined) socket.write(request.body);
  });
}

function unchunk(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const end = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.slice(at, end), 16);
    if (!(size > 0)) return out;
    out += body.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}
