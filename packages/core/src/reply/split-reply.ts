/** An SMTP reply taken apart: code, enhanced status and the text of all its lines. */
export interface SmtpReplyParts {
  smtpCode: number | null;
  enhancedStatus: string | null;
  /** The text after code and status; lines of a multi-line reply joined with `\n`. */
  text: string;
}

const LINE = /^([2-5]\d\d)(?:[ -]|$)(.*)$/s;
const STATUS = /^([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/;
// A reply quoted inside another text, such as nodemailer's "Invalid login: 535 5.7.8 ...": only with an
// enhanced status, so that ports and sizes in free text are not taken for reply codes.
const EMBEDDED = /(?:^|[\s:])([2-5]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/;

/** Splits one reply, one line or many (`554-...\r\n554 ...`), into code, enhanced status and text; never throws. */
export function splitSmtpReply(raw: string): SmtpReplyParts {
  const lines = raw.trim().split(/\r\n|\r|\n/);
  const first = LINE.exec(lines[0] ?? '');
  if (first === null) {
    const embedded = EMBEDDED.exec(raw);
    if (embedded === null) return { smtpCode: null, enhancedStatus: null, text: raw.trim() };
    const rest = raw.slice(embedded.index + embedded[0].length);
    return { smtpCode: Number(embedded[1]), enhancedStatus: embedded[2] ?? null, text: rest.trim() };
  }
  const code = first[1] as string;
  let enhancedStatus: string | null = null;
  const texts: string[] = [];
  for (const line of lines) {
    let text = line;
    const parts = LINE.exec(line);
    // Continuation lines repeat the code (and often the status); lines without it are kept whole.
    if (parts !== null && parts[1] === code) text = parts[2] ?? '';
    const status = STATUS.exec(text);
    if (status !== null && (enhancedStatus === null || enhancedStatus === status[1])) {
      enhancedStatus = status[1] ?? null;
      text = text.slice(status[0].length);
    }
    texts.push(text);
  }
  return { smtpCode: Number(code), enhancedStatus, text: texts.join('\n').trim() };
}
