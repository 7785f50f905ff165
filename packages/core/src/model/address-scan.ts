/**
 * Splits an RFC 5322 address list into entries and each entry into its parts (display-name words,
 * the `<...>` address, comments), without recursion so that no input can exhaust the stack.
 */

/** One word of a display name: `quoted` words keep their text verbatim (escapes undone). */
export interface PhraseWord {
  text: string;
  quoted: boolean;
}

/** One comma-separated entry of an address list, taken apart. */
export interface ScannedEntry {
  raw: string;
  words: PhraseWord[];
  /** The text between `<` and `>`, when the entry has one. */
  angle: string | undefined;
  comments: string[];
  /** Whether a comment sat between two words (inside a bare address, where it could hide a part of it). */
  commentInside: boolean;
  error: string | undefined;
}

const WHITE_SPACE = /\s/;

function newEntry(): ScannedEntry {
  return { raw: '', words: [], angle: undefined, comments: [], commentInside: false, error: undefined };
}

/** Reads a quoted string from the opening quote at `start`; returns its text and the index after it. */
function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      value += text[i + 1] ?? '';
      i++;
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  return undefined;
}

/** Reads a (possibly nested) comment from the `(` at `start`; returns its text and the index after it. */
function readComment(text: string, start: number): { value: string; end: number } | undefined {
  let depth = 0;
  let value = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      value += text[i + 1] ?? '';
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (depth === 0) return { value: value.slice(1), end: i + 1 };
    value += c;
  }
  return undefined;
}

function fail(entry: ScannedEntry, reason: string): void {
  entry.error ??= reason;
}

/** Splits `text` at the commas that are outside quotes, comments and `<...>`, and takes each entry apart. */
export function scanAddressList(text: string): ScannedEntry[] {
  const entries: ScannedEntry[] = [];
  let entry = newEntry();
  let start = 0;
  let word = '';
  let afterComment = false;
  const endWord = () => {
    if (word !== '') entry.words.push({ text: word, quoted: false });
    word = '';
  };
  const finish = (end: number) => {
    endWord();
    entry.raw = text.slice(start, end).trim();
    if (entry.raw !== '') entries.push(entry);
    entry = newEntry();
    start = end + 1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ',') {
      finish(i);
      afterComment = false;
      i++;
      continue;
    }
    if (entry.angle !== undefined && !WHITE_SPACE.test(c) && c !== '(') fail(entry, 'has text after the <...> address');
    if (c === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted) {
        fail(entry, 'has an unclosed quote (")');
        i = text.length;
        break;
      }
      endWord();
      entry.words.push({ text: quoted.value, quoted: true });
      i = quoted.end;
    } else if (c === '(') {
      const comment = readComment(text, i);
      if (!comment) {
        fail(entry, 'has an unclosed comment "("');
        i = text.length;
        break;
      }
      if (word !== '') afterComment = true;
      endWord();
      entry.comments.push(comment.value.trim());
      i = comment.end;
      continue;
    } else if (c === '<') {
      if (entry.angle !== undefined) fail(entry, 'has more than one <...> address; separate addresses with commas');
      const close = text.indexOf('>', i + 1);
      if (close < 0) {
        fail(entry, 'has an unclosed "<"');
        i = text.length;
        break;
      }
      endWord();
      entry.angle = text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '>') {
      fail(entry, 'has a ">" without a "<"');
      i++;
    } else {
      // A comment directly followed by more address text was inside the address.
      if (afterComment && !WHITE_SPACE.test(c)) entry.commentInside = true;
      if (WHITE_SPACE.test(c)) {
        afterComment = false;
        endWord();
        // One word per run of white space: a run of 100,000 spaces is one word, not 100,000.
        const last = entry.words[entry.words.length - 1];
        if (last === undefined || last.quoted || last.text !== ' ') entry.words.push({ text: ' ', quoted: false });
      } else {
        word += c;
      }
      i++;
      continue;
    }
    afterComment = false;
  }
  finish(text.length);
  return entries;
}
