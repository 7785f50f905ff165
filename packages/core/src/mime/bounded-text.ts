/** The longest piece of caller or message text that an error or issue message quotes. */
const MAX_QUOTED = 80;

/** `text` as a JSON string for a message, cut to a few dozen characters so that hostile input is never echoed whole. */
export function quoteBounded(text: string, max = MAX_QUOTED): string {
  return text.length <= max
    ? JSON.stringify(text)
    : `${JSON.stringify(text.slice(0, max))}… (${text.length} characters)`;
}
