import { api, messagePath, reportError, sendJsonTo } from './api.js';
import { byId, h } from './dom.js';
import { formatTime } from './format.js';
import { state } from './state.js';
import type { WireDeliveryEvent, WireDetail } from './wire.js';

/** The on-demand events (R28), as the buttons name them. */
const ACTIONS: ReadonlyArray<[string, string]> = [
  ['open', 'Open'],
  ['click', 'Click'],
  ['unsubscribe', 'Unsubscribe'],
  ['spamreport', 'Spam report'],
];

function lastAnswer(event: WireDeliveryEvent): string {
  const last = event.attempts[event.attempts.length - 1];
  if (last === undefined) return '';
  return last.status === null ? (last.error ?? 'no answer') : `HTTP ${last.status}`;
}

function statusText(event: WireDeliveryEvent): string {
  const tries = event.attempts.length;
  const times = tries > 1 ? ` after ${tries} attempts` : '';
  switch (event.status) {
    case 'posted':
      return `posted · ${lastAnswer(event)}${times}`;
    case 'failed':
      return `failed · ${lastAnswer(event)}${times}`;
    case 'retrying':
      return `retrying · ${lastAnswer(event)}`;
    case 'unposted':
      return 'not posted: no callback address';
    case 'scheduled':
      return 'waiting';
    default:
      return event.status;
  }
}

function eventRow(event: WireDeliveryEvent): HTMLTableRowElement {
  const payload = event.payload === null ? null : JSON.stringify(event.payload, null, 2);
  const kind = event.event === 'bounce' || event.event === 'dropped' || event.event === 'spamreport' ? 'bad' : 'ok';
  return h('tr', { 'data-event': event.event, 'data-status': event.status }, [
    h('td', { text: event.at === null ? '—' : formatTime(event.at, false) }),
    h('td', {}, [h('span', { className: `badge event-${kind}`, text: event.event })]),
    h('td', { className: 'recipient', text: event.recipient }),
    h('td', { className: `event-status ${event.status}`, text: statusText(event) }),
    h('td', {}, [
      payload === null
        ? null
        : h('details', {}, [h('summary', { text: 'payload' }), h('pre', { className: 'source', text: payload })]),
    ]),
  ]);
}

function eventsTable(events: readonly WireDeliveryEvent[]): HTMLElement {
  if (events.length === 0) return h('p', { className: 'muted', text: 'No events yet.' });
  const head = h(
    'tr',
    {},
    ['Time', 'Event', 'Recipient', 'Callback', ''].map((title) => h('th', { text: title })),
  );
  return h('table', { className: 'events' }, [h('thead', {}, [head]), h('tbody', {}, events.map(eventRow))]);
}

function whereLine(events: readonly WireDeliveryEvent[]): HTMLElement | null {
  const posted = events.find((event) => event.url !== null);
  if (posted === undefined) {
    return events.length === 0
      ? null
      : h('p', {
          className: 'muted',
          text: 'No callback address is configured for this sender: events are kept here.',
        });
  }
  return h('p', { className: 'muted' }, [
    `Posted to ${posted.url ?? ''}`,
    posted.warning === undefined ? null : h('span', { className: 'badge warn', text: posted.warning }),
  ]);
}

function actions(detail: WireDetail): HTMLElement {
  const recipient = h(
    'select',
    { id: 'event-recipient', 'aria-label': 'Recipient' },
    detail.envelope.to.map((address) => h('option', { value: address, text: address })),
  );
  const error = h('span', { id: 'event-error', className: 'error', role: 'alert' });
  const buttons = ACTIONS.map(([event, title]) =>
    h('button', {
      type: 'button',
      className: 'quiet',
      'data-event': event,
      text: title,
      onclick: () => {
        error.textContent = '';
        sendJsonTo(`${messagePath(detail.id)}/events`, 'POST', { event, recipient: recipient.value })
          .then(() => refreshTimeline(detail.id))
          .catch((failure: unknown) => {
            error.textContent = failure instanceof Error ? failure.message : String(failure);
          });
      },
    }),
  );
  return h('div', { className: 'event-actions' }, [h('label', {}, ['Recipient ', recipient]), ...buttons, error]);
}

function timelineBody(detail: WireDetail, events: readonly WireDeliveryEvent[]): HTMLElement[] {
  const where = whereLine(events);
  return [
    h('h3', { text: `Delivery events (${events.length})` }),
    ...(where === null ? [] : [where]),
    eventsTable(events),
    actions(detail),
  ];
}

/**
 * The message's delivery events (R27, R28): what the emulator posted, where, and the receiver's answer, with
 * buttons for the events a reader causes. Refused mail has none.
 */
export function timelineBlock(detail: WireDetail): HTMLElement {
  const accepted = detail.status === 'accepted';
  const className = accepted ? 'timeline' : 'timeline none';
  const section = h('section', { className, id: 'timeline', 'aria-label': 'Delivery events' });
  if (!accepted) {
    section.append(h('p', { className: 'muted', text: 'No delivery events: refused mail was never sent (R15).' }));
    return section;
  }
  section.append(...timelineBody(detail, detail.events));
  return section;
}

/** Reads the shown message's events again and redraws only the timeline (the HTML view keeps its place). */
export async function refreshTimeline(id: string): Promise<void> {
  const detail = state.detail;
  if (detail === null || detail.id !== id || detail.status !== 'accepted') return;
  const body = await api<{ events: WireDeliveryEvent[] }>(`${messagePath(id)}/events`);
  if (state.detail?.id !== id) return;
  detail.events = body.events;
  const section = document.getElementById('timeline');
  if (section === null) return;
  // The recipient chosen in the select stays chosen.
  const chosen = (document.getElementById('event-recipient') as HTMLSelectElement | null)?.value;
  section.replaceChildren(...timelineBody(detail, body.events));
  const select = byId('event-recipient', HTMLSelectElement);
  if (chosen !== undefined) select.value = chosen;
}

// Posts of one message arrive in bursts: one read for a burst.
let pending: ReturnType<typeof setTimeout> | null = null;

/** Refreshes the timeline soon when `id` is the message shown, once for a burst of changes. */
export function scheduleTimeline(id: string): void {
  if (state.detail?.id !== id || pending !== null) return;
  pending = setTimeout(() => {
    pending = null;
    refreshTimeline(id).catch(reportError);
  }, 80);
}
