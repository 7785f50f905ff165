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

// The scanner's state; module-level helpers instead of closures keep a call cheap for lists of many entries.
interface ScanState {
  text: string;
  entries: ScannedEntry[];
  entry: ScannedEntry;
  start: number;
  word: string;
}

function endWord(state: ScanState): void {
  if (state.word !== '') state.entry.words.push({ text: state.word, quoted: false });
  state.word = '';
}

function finishEntry(state: ScanState, end: number): void {
  endWord(state);
  const { entry } = state;
  entry.raw = state.text.slice(state.start, end).trim();
  if (entry.raw !== '') state.entries.push(entry);
  state.entry = newEntry();
  state.start = end + 1;
}

/** Splits `text` at the commas that are outside quotes, comments and `<...>`, and takes each entry apart. */
export function scanAddressList(text: string): ScannedEntry[] {
  const state: ScanState = { text, entries: [], entry: newEntry(), start: 0, word: '' };
  let afterComment = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ',') {
      finishEntry(state, i);
      afterComment = false;
      i++;
      continue;
    }
    if (state.entry.angle !== undefined && !WHITE_SPACE.test(c) && c !== '(')
      fail(state.entry, 'has text after the <...> address');
    if (c === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted) {
        fail(state.entry, 'has an unclosed quote (")');
        i = text.length;
        break;
      }
      endWord(state);
      state.entry.words.push({ text: quoted.value, quoted: true });
      i = quoted.end;
    } else if (c === '(') {
      const comment = readComment(text, i);
      if (!comment) {
        fail(state.entry, 'has an unclosed comment "("');
        i = text.length;
        break;
      }
      if (state.word !== '') afterComment = true;
      endWord(state);
      state.entry.comments.push(comment.value.trim());
      i = comment.end;
      continue;
    } else if (c === '<') {
      if (state.entry.angle !== undefined)
        fail(state.entry, 'has more than one <...> address; separate addresses with commas');
      const close = text.indexOf('>', i + 1);
      if (close < 0) {
        fail(state.entry, 'has an unclosed "<"');
        i = text.length;
        break;
      }
      endWord(state);
      state.entry.angle = text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '>') {
      fail(state.entry, 'has a ">" without a "<"');
      i++;
    } else {
      // A comment directly followed by more address text was inside the address.
      if (afterComment && !WHITE_SPACE.test(c)) state.entry.commentInside = true;
      if (WHITE_SPACE.test(c)) {
        afterComment = false;
        endWord(state);
        // One word per run of white space: a run of 100,000 spaces is one word, not 100,000.
        const last = state.entry.words[state.entry.words.length - 1];
        if (last === undefined || last.quoted || last.text !== ' ')
          state.entry.words.push({ text: ' ', quoted: false });
      } else {
        state.word += c;
      }
      i++;
      continue;
    }
    afterComment = false;
  }
  finishEntry(state, text.length);
  return state.entries;
}
