/** The inbox script's fault controls: add a fault through `POST /api/faults`, list the active ones, remove or clear. */
export const SCRIPT_FAULTS = `
const PREFERRED_CODE = 'FailedOperation.EmailAddrInBlacklist';

async function loadCatalog() {
  const body = await api('/api/catalog');
  state.catalog = body.codes;
  const groups = new Map();
  for (const entry of body.codes) {
    if (!groups.has(entry.category)) groups.set(entry.category, []);
    groups.get(entry.category).push(entry);
  }
  const select = byId('fault-code');
  select.replaceChildren(
    ...[...groups.entries()].map(([category, entries]) =>
      h('optgroup', { label: category }, entries.map((entry) => {
        const meaning = entry.meaningEn.length > 60 ? entry.meaningEn.slice(0, 57) + '…' : entry.meaningEn;
        return h('option', { value: entry.code, title: entry.meaningEn + ' / ' + entry.meaningZh, text: entry.code + ' — ' + meaning });
      })),
    ),
  );
  if (body.codes.some((entry) => entry.code === PREFERRED_CODE)) select.value = PREFERRED_CODE;
}

function describeFault(fault) {
  if (fault.type === 'provider-error') return 'provider-error ' + fault.code;
  if (fault.type === 'reply') return 'reply ' + (fault.reply || fault.code) + ' at ' + fault.stage;
  if (fault.type === 'delay' || fault.type === 'greeting-delay') return fault.type + ' ' + fault.ms + ' ms';
  return fault.type;
}

function renderFaults(faults) {
  const list = byId('fault-list');
  if (faults.length === 0) {
    list.replaceChildren(h('li', { className: 'none', text: 'No active faults: mail is judged by the rules only.' }));
  } else {
    list.replaceChildren(...faults.map((fault) => {
      const times = fault.remaining === 'always' ? 'until cleared' : '× ' + fault.remaining;
      const remove = h('button', { type: 'button', title: 'Remove this fault', text: 'remove' });
      remove.addEventListener('click', () => {
        sendJsonTo('/api/faults/' + encodeURIComponent(fault.id), 'DELETE').then(refreshFaults).catch(showFaultError);
      });
      return h('li', { 'data-fault-id': fault.id }, [h('span', { text: describeFault(fault) + ' ' + times }), remove]);
    }));
  }
  byId('clear-faults').disabled = faults.length === 0;
}

async function refreshFaults() {
  renderFaults((await api('/api/faults')).faults);
}

function showFaultError(error) {
  byId('fault-error').textContent = error.message;
}

function faultSpec() {
  const type = byId('fault-type').value;
  const countValue = byId('fault-count').value;
  const count = countValue === 'always' ? 'always' : Number(countValue);
  if (type === 'provider-error') return { type: type, code: byId('fault-code').value, count: count };
  if (type === 'reply-421') return { type: 'reply', code: 421, stage: byId('fault-stage').value, count: count };
  return { type: type, count: count };
}

function setupFaultForm() {
  const type = byId('fault-type');
  const sync = () => {
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
`;
