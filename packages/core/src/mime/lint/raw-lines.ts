/** Where a message's raw lines break the rules: too long, or ended by a bare CR or LF. */
export interface LineScan {
  /** 1-based line numbers and octet lengths (CRLF excluded) of lines over 998 octets, the first few. */
  longLines: Array<{ line: number; length: number }>;
  longLineCount: number;
  bareLf: { count: number; firstLine: number };
  bareCr: { count: number; firstLine: number };
}

const MAX_REPORTED = 20;

/**
 * Scans the whole message once. Native `indexOf` jumps from one line feed to the next, so a 10 MiB
 * message costs a few milliseconds however its lines are shaped.
 */
export function scanLines(raw: Uint8Array, maxLineOctets: number): LineScan {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const scan: LineScan = {
    longLines: [],
    longLineCount: 0,
    bareLf: { count: 0, firstLine: 0 },
    bareCr: { count: 0, firstLine: 0 },
  };
  let line = 1;
  let start = 0;
  let nextCr = buffer.indexOf(13, 0);
  while (start <= buffer.length) {
    const lf = buffer.indexOf(10, start);
    const stop = lf < 0 ? buffer.length : lf;
    const crlf = lf > 0 && buffer[lf - 1] === 13;
    // Carriage returns in this line that are not the CR of its CRLF are bare.
    while (nextCr >= 0 && nextCr < stop) {
      if (!(crlf && nextCr === lf - 1)) {
        if (scan.bareCr.count === 0) scan.bareCr.firstLine = line;
        scan.bareCr.count++;
      }
      nextCr = buffer.indexOf(13, nextCr + 1);
    }
    if (lf >= 0 && !crlf) {
      if (scan.bareLf.count === 0) scan.bareLf.firstLine = line;
      scan.bareLf.count++;
    }
    const length = stop - start - (crlf ? 1 : 0);
    if (length > maxLineOctets) {
      scan.longLineCount++;
      if (scan.longLines.length < MAX_REPORTED) scan.longLines.push({ line, length });
    }
    if (lf < 0) break;
    start = lf + 1;
    line++;
  }
  return scan;
}
