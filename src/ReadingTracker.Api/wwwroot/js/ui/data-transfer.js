// The profile's "My data" card: import a Goodreads / StoryGraph / own JSON export, and download everything.
// An import sends the whole file in one request (the server checks it whole before writing anything): the bar
// shows the upload as it goes, then the server's work as an indeterminate bar, then what was imported. Both
// directions need the bearer token, so files are fetched and uploaded here rather than by plain links.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { store } from '../store.js';
import { toast } from './toast.js';

const BASE = '/api/v1';

/** The failures listed under a finished import; the rest are counted only. */
const LISTED_FAILURES = 20;

/** One upload of the file with upload progress (fetch reports none); resolves with {status, payload}. */
function upload(file, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/imports`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang());
    const token = store.sessions.current?.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => onProgress(event.lengthComputable ? event.loaded / event.total : null, event.loaded >= event.total);
    xhr.upload.onload = () => onProgress(1, true);
    xhr.onload = () => {
      let payload;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      resolve({ status: xhr.status, payload });
    };
    xhr.onerror = () => resolve({ status: 0, payload: null });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A request the shared client has not sent: on 401, let it refresh the session (any authorised read does), then once more. */
async function withSession(send) {
  const first = await send();
  if (first.status !== 401) return first;
  try {
    await api.get('/users/me');
  } catch {
    return first;
  }
  return send();
}

function summary(result) {
  const counts = h('p', { id: 'import-result-counts' }, t('transfer.result', {
    imported: result.imported, already: result.alreadyOnShelf, failed: result.failed, memos: result.memosImported,
  }));
  const failures = result.failedRows.slice(0, LISTED_FAILURES).map((row) => h('li', {},
    t('transfer.failedRow', { row: row.row }), ' ', h('span', { 'data-user-data': '' }, row.title ?? ''), ' — ', row.reason ?? ''));
  return h('div', { class: 'import-result', role: 'status' }, counts, failures.length ? h('ul', { class: 'import-failures' }, ...failures) : null);
}

function importForm() {
  const input = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.json,text/csv,application/json' });
  const bar = h('progress', { id: 'import-progress', max: '1', value: '0', hidden: true, 'aria-labelledby': 'import-phase' });
  const phase = h('p', { id: 'import-phase', class: 'muted', 'aria-live': 'polite' });
  const outcome = h('div', {});
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, t('transfer.import'));
  const form = h('form', { class: 'form', id: 'import-form', novalidate: true },
    h('label', { for: 'import-file' }, t('transfer.chooseFile')), input,
    h('p', { class: 'muted' }, t('transfer.importHint')),
    submit, bar, phase, outcome);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      phase.textContent = t('transfer.noFile');
      return;
    }
    submit.disabled = true;
    outcome.replaceChildren();
    bar.hidden = false;
    bar.value = 0;
    phase.textContent = t('transfer.uploading', { percent: 0 });
    const answer = await withSession(() => upload(file, (fraction, sent) => {
      if (sent) {
        // The file is there; the server now checks every row and writes them: no measure of that, so no value.
        bar.removeAttribute('value');
        phase.textContent = t('transfer.processing');
      } else if (fraction != null) {
        bar.value = fraction;
        phase.textContent = t('transfer.uploading', { percent: Math.round(fraction * 100) });
      }
    }));
    submit.disabled = false;
    bar.hidden = true;
    if (answer.status === 200 && answer.payload?.ok) {
      phase.textContent = t('transfer.done');
      outcome.replaceChildren(summary(answer.payload.data));
      toast(t('transfer.done'), 'success');
    } else {
      phase.textContent = answer.payload?.error?.message ?? (answer.status === 0 ? t('error.network') : t('error.generic'));
    }
  });
  return form;
}

async function download(path, button) {
  button.disabled = true;
  try {
    const token = () => store.sessions.current?.accessToken;
    const answer = await withSession(async () => {
      const response = await fetch(BASE + path, { headers: { Authorization: `Bearer ${token()}`, 'Accept-Language': lang() } });
      return { status: response.status, response };
    });
    if (answer.status !== 200) throw new Error(t('error.generic'));
    const name = /filename="?([^";]+)"?/.exec(answer.response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export';
    const url = URL.createObjectURL(await answer.response.blob());
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    toast(error.message || t('error.network'), 'error');
  } finally {
    button.disabled = false;
  }
}

function exportButtons() {
  const kinds = [['/exports/json', 'transfer.exportJson'], ['/exports/markdown', 'transfer.exportMarkdown'], ['/exports/goodreads.csv', 'transfer.exportGoodreads']];
  return h('div', { class: 'actions', id: 'export-actions' }, ...kinds.map(([path, key]) => {
    const button = h('button', { type: 'button', class: 'btn-secondary', onClick: () => download(path, button) }, t(key));
    return button;
  }));
}

export function dataTransferSection() {
  return h('section', { class: 'card', id: 'data-transfer', 'aria-labelledby': 'transfer-title' },
    h('h2', { id: 'transfer-title' }, t('transfer.title')),
    h('h3', {}, t('transfer.importTitle')), importForm(),
    h('h3', {}, t('transfer.exportTitle')), h('p', { class: 'muted' }, t('transfer.exportHint')), exportButtons());
}
