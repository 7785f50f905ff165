// Errors and answers echo what the caller or the server sent: each echo is cut here, so that none is unbounded.

/** `text` as it is when it has at most `max` characters; otherwise its first `max` followed by `...`. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** The longest key of a path echoed in an issue: keys come from the sender's input. */
export const MAX_PATH_KEY_LENGTH = 64;

/** A path with its string parts clipped to `MAX_PATH_KEY_LENGTH`, its indexes as they are. */
export function clipPath(path: ReadonlyArray<string | number>): Array<string | number> {
  return path.map((part) => (typeof part === 'string' ? clipText(part, MAX_PATH_KEY_LENGTH) : part));
}
