import { type Child, h } from './dom.js';
import type { WireSummary } from './wire.js';

/** A size as B, KiB or MiB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A time in the browser's zone: the time alone for today, with the date otherwise or when asked. */
export function formatTime(iso: string, withDate: boolean): string {
  const date = new Date(iso);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const sameDay = date.toDateString() === new Date().toDateString();
  return withDate || !sameDay ? `${day} ${time}` : time;
}

// The refusal's code as a list badge shows it: the provider code, else the SMTP code of the reply.
function refusalLabel(summary: WireSummary): string {
  if (summary.providerCode) return summary.providerCode;
  if (summary.reply) return summary.reply.slice(0, 3);
  return summary.reason;
}

/** The status badge of a message: accepted (warned when the client saw no reply) or refused with its code. */
export function statusBadge(summary: WireSummary): HTMLSpanElement {
  if (summary.status === 'accepted') {
    const dropped = summary.reply === null;
    return h('span', {
      className: dropped ? 'badge warn' : 'badge accepted',
      text: dropped ? 'accepted · no reply' : 'accepted',
      title: dropped ? 'The connection broke after the final dot: stored as accepted, the client saw no reply' : null,
    });
  }
  const label = refusalLabel(summary);
  return h(
    'span',
    {
      className: 'badge refused',
      // The whole code even where the badge has to wrap, and the reply the client got.
      title: summary.reply ? `${label}: ${summary.reply}` : label,
    },
    ['refused · ', ...breakAfterDots(label)],
  );
}

// A long code (`RequestLimitExceeded.SmtpRateLimit`) wraps after its dots rather than inside a word.
function breakAfterDots(code: string): Child[] {
  return code.split('.').flatMap((part, index, parts) => (index < parts.length - 1 ? [`${part}.`, h('wbr')] : [part]));
}
