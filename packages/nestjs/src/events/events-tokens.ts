import type { SesEventKind } from '@qcloudmail/core';

/** The injection token of one registration's options (never exported from its module). */
export const EVENTS_OPTIONS = 'qcloudmail:events:options';

/** The name every delivery event is emitted under through `@nestjs/event-emitter`. */
export const QCLOUDMAIL_EVENT = 'qcloudmail.event';

/** The name an event of `kind` is also emitted under: `qcloudmail.event.bounce`, `qcloudmail.event.delivered`... */
export function qcloudMailEventName(kind: SesEventKind): `qcloudmail.event.${SesEventKind}` {
  return `${QCLOUDMAIL_EVENT}.${kind}`;
}
