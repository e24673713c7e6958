// Reports to IT, the audit log of Graph writes, and the reconciler: lists with filters against endpoints the sender
// and absence features provide; a 404 means that feature is not on this server yet and is said so plainly.
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { el, notice, errorNotice, loading, field, table, progress, addDays, today } from '/common/ui.js';
import { api, query } from '/common/api.js';

const PAGE = 50;

/** A filter form and a result area; fetch(params) -> {rows, total}; columns as in ui.table. */
function filteredList(panel, { title, intro, filters, fetch, columns, id }) {
  const out = el('div', { id: `${id}-out`, 'aria-live': 'polite' });
  const inputs = {};
  const form = el('form', { class: 'card filters', id: `${id}-form` },
    ...filters.map((f) => {
      const input = f.choices
        ? el('select', {}, el('option', { value: '' }, t('filter.all')), f.choices.map(([v, label]) => el('option', { value: v }, label)))
        : el('input', { type: f.type ?? 'text', value: f.value ?? '' });
      inputs[f.name] = input;
      return field(`${id}-${f.name}`, f.label, input);
    }),
    el('button', { type: 'submit', class: 'primary' }, t('common.filter')),
    el('button', { type: 'reset' }, t('common.clear')));
  let offset = 0;
  async function run() {
    out.replaceChildren(loading());
    const params = Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()]));
    try {
      const { rows, total } = await fetch({ ...params, limit: PAGE, offset });
      const pager = el('div', { class: 'row' },
        el('span', { class: 'muted' }, t('list.showing', { from: rows.length ? offset + 1 : 0, to: offset + rows.length, total: total ?? '?' })),
        offset > 0 ? el('button', { type: 'button', onclick: () => { offset = Math.max(0, offset - PAGE); run(); } }, t('list.prev')) : null,
        rows.length === PAGE ? el('button', { type: 'button', onclick: () => { offset += PAGE; run(); } }, t('list.next')) : null);
      out.replaceChildren(table(columns, rows), pager);
    } catch (e) {
      out.replaceChildren(errorNotice(e));
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); offset = 0; run(); });
  form.addEventListener('reset', () => setTimeout(() => { offset = 0; run(); }));
  panel.replaceChildren(el('h2', {}, title), el('p', { class: 'muted' }, intro), form, out);
  run();
}

function rowsOf(body, key) {
  const rows = Array.isArray(body) ? body : body?.[key] ?? [];
  return { rows, total: body?.total ?? rows.length };
}

function badge(kind, text) {
  return el('span', { class: `badge ${kind}` }, text);
}

export function renderReports(panel) {
  filteredList(panel, {
    id: 'reports', title: t('reports.title'), intro: t('reports.intro'),
    filters: [
      { name: 'from', label: t('common.from'), type: 'date', value: addDays(today(), -30) },
      { name: 'to', label: t('common.to'), type: 'date', value: today() },
      { name: 'sender', label: t('reports.sender') },
      { name: 'reporter', label: t('reports.reporter') },
    ],
    fetch: async (p) => rowsOf(await api(`/api/v1/sender/reports${query(p)}`), 'reports'),
    columns: [
      { label: t('reports.when'), value: (r) => formatDateTime(r.reportedAt) },
      { label: t('reports.reporter'), value: (r) => r.reportedBy ?? '' },
      { label: t('reports.sender'), value: (r) => [r.fromName ? `${r.fromName} ` : '', `<${r.fromAddress ?? ''}>`].join('') },
      { label: t('reports.mailed'), value: (r) => (r.mailed ? badge('ok', t('reports.mailedYes')) : badge('warn', t('reports.mailedNo'))) },
      { label: t('reports.reasons'), value: (r) => (r.reasons ?? []).map((x) => x.code ?? x).join(', ') },
      { label: t('reports.comment'), value: (r) => r.comment ?? '' },
    ],
  });
}

export function renderAudit(panel) {
  filteredList(panel, {
    id: 'audit', title: t('audit.title'), intro: t('audit.intro'),
    filters: [
      { name: 'from', label: t('common.from'), type: 'date', value: addDays(today(), -7) },
      { name: 'to', label: t('common.to'), type: 'date', value: today() },
      { name: 'mailbox', label: t('audit.mailbox') },
      { name: 'askedBy', label: t('audit.actor') },
    ],
    fetch: async (p) => rowsOf(await api(`/api/v1/audit${query(p)}`), 'events'),
    columns: [
      { label: t('audit.when'), value: (r) => formatDateTime(r.at) },
      { label: t('audit.actor'), value: (r) => r.askedBy ?? '' },
      { label: t('audit.mailbox'), value: (r) => r.mailbox ?? '' },
      { label: t('audit.action'), value: (r) => r.action ?? '' },
      { label: t('audit.result'), value: (r) => (r.result === 'ok' ? badge('ok', t('audit.ok')) : badge('err', t('audit.failed'))) },
      { label: t('audit.detail'), value: (r) => [r.detail, r.result !== 'ok' ? r.result : ''].filter(Boolean).join(' – ') },
    ],
  });
}

export function renderReconciler(panel) {
  const statusBox = el('div', { id: 'reconcile-status' }, loading());
  const failuresBox = el('div', { id: 'reconcile-failures' }, loading());
  const runBox = el('div', { id: 'reconcile-run', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'primary', id: 'run-now' }, t('reconcile.run'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const bar = progress(t('reconcile.running', { seconds: 0 }));
    bar.indeterminate();
    runBox.replaceChildren(bar.node);
    const started = Date.now();
    const timer = setInterval(() => bar.say(t('reconcile.running', { seconds: Math.round((Date.now() - started) / 1000) })), 1000);
    try {
      const r = await api('/api/v1/absences/reconcile', { method: 'POST', body: {} });
      runBox.replaceChildren(notice(t('reconcile.done'), r.failed ? 'warning' : 'success', figures(r)));
      loadStatus();
    } catch (e) {
      runBox.replaceChildren(errorNotice(e));
    } finally {
      clearInterval(timer);
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  async function loadStatus() {
    try {
      const s = await api('/api/v1/absences/reconcile/status');
      const last = s.lastPass;
      statusBox.replaceChildren(last
        ? el('div', {}, el('p', {}, t('reconcile.last', { when: formatDateTime(last.finishedAt ?? last.startedAt) })), figures(last),
          s.nextPassAt ? el('p', { class: 'muted' }, t('reconcile.next', { when: formatDateTime(s.nextPassAt) })) : null)
        : el('p', { class: 'muted' }, t('reconcile.never')));
    } catch (e) {
      statusBox.replaceChildren(errorNotice(e));
    }
    try {
      const c = await api('/api/v1/absences/compliance');
      failuresBox.replaceChildren(table([
        { label: t('team.person'), value: (r) => r.displayName ?? r.user },
        { label: t('compliance.reason'), value: (r) => r.reason ?? '' },
        { label: t('compliance.since'), value: (r) => formatDateTime(r.since) },
        { label: t('compliance.attempts'), class: 'num', value: (r) => r.attempts ?? '' },
      ], c.failures ?? []));
    } catch (e) {
      failuresBox.replaceChildren(errorNotice(e));
    }
  }
  panel.replaceChildren(el('h2', {}, t('reconcile.title')), el('p', { class: 'muted' }, t('reconcile.intro')),
    el('section', { class: 'card' }, el('h3', {}, t('reconcile.lastTitle')), statusBox, el('div', { class: 'row' }, button), runBox),
    el('section', { class: 'card' }, el('h3', {}, t('reconcile.failures')), failuresBox));
  loadStatus();
}

function figures(r) {
  const f = (label, v) => el('div', { class: 'figure' }, el('span', {}, label), el('b', {}, v));
  return el('div', { class: 'figures' },
    f(t('reconcile.examined'), formatNumber(r.examined ?? 0)), f(t('reconcile.changed'), formatNumber(r.changed ?? 0)),
    f(t('reconcile.failed'), formatNumber(r.failed ?? 0)), f(t('reconcile.duration'), `${formatNumber((r.durationMs ?? 0) / 1000, 1)} s`));
}
