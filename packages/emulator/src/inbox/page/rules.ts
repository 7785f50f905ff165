import { api } from './api.js';
import { h } from './dom.js';
import { state } from './state.js';
import type { WireRule } from './wire.js';

/** Reads the rules' titles and links once; the page works without them (ids only). */
export async function loadRules(): Promise<void> {
  const body = await api<{ rules: WireRule[] }>('/api/rules');
  state.rules = new Map(body.rules.map((rule) => [rule.id, rule]));
}

/**
 * A rule id as the page shows it: its title as a tooltip, and a link to its section of the rules document when
 * the emulator was started with `rulesBaseUrl` (the page cannot reach the repository's files by itself).
 */
export function ruleRef(id: string): HTMLElement {
  const rule = state.rules.get(id);
  const title = rule === undefined ? null : `${id}: ${rule.title}`;
  if (rule?.url) {
    return h('a', {
      className: 'rule-ref',
      href: rule.url,
      target: '_blank',
      rel: 'noopener noreferrer',
      title,
      text: id,
    });
  }
  return h('span', { className: 'rule-ref', title, text: id });
}
