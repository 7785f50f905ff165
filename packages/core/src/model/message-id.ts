/**
 * A Message-ID as the header writes it: trimmed and in angle brackets (`<id@domain>`), whether the caller gave a
 * bare id, a bracketed one or a stray bracket on one side. It only adds or keeps the brackets; whether the id is
 * a valid msg-id is for `checkMessageId` (RFC 5322).
 */
export function bracketedMessageId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.startsWith('<') && trimmed.endsWith('>') && trimmed.length > 1) return trimmed;
  const start = trimmed.startsWith('<') ? 1 : 0;
  const end = trimmed.endsWith('>') && trimmed.length > start ? trimmed.length - 1 : trimmed.length;
  return `<${trimmed.slice(start, end)}>`;
}
