import { api, sendJsonTo } from './api.js';
import { byId, h } from './dom.js';
import { state } from './state.js';
import type { WireCatalogCode, WireFault, WireFaultRequest } from './wire.js';

const PREFERRED_CODE = 'FailedOperation.EmailAddrInBlacklist';

/** Fills the provider-code select from core's catalog, grouped by category. */
export async function loadCatalog(): Promise<void> {
  const body = await api<{ codes: WireCatalogCode[] }>('/api/catalog');
  state.catalog = body.codes;
  const groups = new Map<string, WireCatalogCode[]>();
  for (const entry of body.codes) {
    const group = groups.get(entry.category) ?? [];
    group.push(entry);
    groups.set(entry.category, group);
  }
  const select = byId('fault-code', HTMLSelectElement);
  const option = (entry: WireCatalogCode) => {
    const meaning = entry.meaningEn.length > 60 ? `${entry.meaningEn.slice(0, 57)}…` : entry.meaningEn;
    const title = `${entry.meaningEn} / ${entry.meaningZh}`;
    return h('option', { value: entry.code, title, text: `${entry.code} — ${meaning}` });
  };
  select.replaceChildren(
    ...[...groups.entries()].map(([category, entries]) => h('optgroup', { label: category }, entries.map(option))),
  );
  if (body.codes.some((entry) => entry.code === PREFERRED_CODE)) select.value = PREFERRED_CODE;
}

function describeFault(fault: WireFault): string {
  if (fault.type === 'provider-error') return `provider-error ${fault.code}`;
  if (fault.type === 'reply') return `reply ${fault.reply || fault.code} at ${fault.stage}`;
  if (fault.type === 'delay' || fault.type === 'greeting-delay') return `${fault.type} ${fault.ms} ms`;
  return fault.type;
}

/** Shows the active faults, each with a remove button. */
export function renderFaults(faults: readonly WireFault[]): void {
  const list = byId('fault-list');
  if (faults.length === 0) {
    list.replaceChildren(h('li', { className: 'none', text: 'No active faults: mail is judged by the rules only.' }));
  } else {
    const item = (fault: WireFault) => {
      const times = fault.remaining === 'always' ? 'until cleared' : `× ${fault.remaining}`;
      const remove = h('button', { type: 'button', title: 'Remove this fault', text: 'remove' });
      remove.addEventListener('click', () => {
        sendJsonTo(`/api/faults/${encodeURIComponent(fault.id)}`, 'DELETE')
          .then(refreshFaults)
          .catch(showFaultError);
      });
      return h('li', { 'data-fault-id': fault.id }, [h('span', { text: `${describeFault(fault)} ${times}` }), remove]);
    };
    list.replaceChildren(...faults.map(item));
  }
  byId('clear-faults', HTMLButtonElement).disabled = faults.length === 0;
}

/** Reads the active faults again and shows them. */
export async function refreshFaults(): Promise<void> {
  renderFaults((await api<{ faults: WireFault[] }>('/api/faults')).faults);
}

function showFaultError(error: unknown): void {
  byId('fault-error').textContent = error instanceof Error ? error.message : String(error);
}

function faultSpec(): WireFaultRequest {
  const type = byId('fault-type', HTMLSelectElement).value;
  const countValue = byId('fault-count', HTMLSelectElement).value;
  const count = countValue === 'always' ? 'always' : Number(countValue);
  if (type === 'provider-error') return { type, code: byId('fault-code', HTMLSelectElement).value, count };
  if (type === 'reply-421')
    return { type: 'reply', code: 421, stage: byId('fault-stage', HTMLSelectElement).value, count };
  return { type, count };
}

/** Wires the fault form: the fields each type needs, add, and clear. */
export function setupFaultForm(): void {
  const type = byId('fault-type', HTMLSelectElement);
  const sync = (): void => {
    byId('fault-code-label').hidden = type.value !== 'provider-error';
    byId('fault-stage-label').hidden = type.value !== 'reply-421';
  };
  type.addEventListener('change', sync);
  sync();
  byId('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    byId('fault-error').textContent = '';
    sendJsonTo('/api/faults', 'POST', faultSpec()).then(refreshFaults).catch(showFaultError);
  });
  byId('clear-faults').addEventListener('click', () => {
    sendJsonTo('/api/faults', 'DELETE').then(refreshFaults).catch(showFaultError);
  });
}
