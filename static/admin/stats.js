// Follow-up statistics from GET /api/v1/stats, fetched in chunks so a year shows progress; counts only.
import { t, formatNumber } from '/common/i18n.js';
import { el, notice, errorNotice, progress, field, table, today, addDays, isoDate } from '/common/ui.js';
import { api, query } from '/common/api.js';

const CHUNK_DAYS = 92;
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D00', '#000000', '#7F7F7F'];
let range = { from: addDays(today(), -83), to: today() };
let data = null;
let charts = [];

/** Monday of the ISO week of a day, and the week's label ("v. 48"). */
function weekOf(day) {
  const d = new Date(day + 'T12:00:00');
  const monday = new Date(d);
  monday.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const thursday = new Date(monday);
  thursday.setDate(monday.getDate() + 3);
  const jan4 = new Date(thursday.getFullYear(), 0, 4);
  const week = 1 + Math.round(((thursday - jan4) / 86400000 - 3 + ((jan4.getDay() + 6) % 7)) / 7);
  return { key: isoDate(monday), label: `${t('stats.weekShort')} ${week} ${thursday.getFullYear()}` };
}

function weeks(from, to) {
  const out = [];
  const seen = new Set();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = weekOf(d);
    if (!seen.has(w.key)) { seen.add(w.key); out.push(w); }
  }
  return out;
}

/** Fetches from..to in chunks of at most CHUNK_DAYS, reporting progress, and merges the days. */
async function fetchRange(from, to, bar) {
  const chunks = [];
  for (let s = from; s <= to; s = addDays(s, CHUNK_DAYS)) {
    const e = addDays(s, CHUNK_DAYS - 1);
    chunks.push([s, e < to ? e : to]);
  }
  const merged = { from, to, compose: { available: true, days: [], rules: [] }, sender: { available: true, days: [] }, absences: { available: true, days: [] } };
  for (let i = 0; i < chunks.length; i++) {
    bar.set(i, chunks.length, t('stats.loadingPart', { done: i, total: chunks.length }));
    const part = await api(`/api/v1/stats${query({ from: chunks[i][0], to: chunks[i][1] })}`);
    for (const area of ['compose', 'sender', 'absences']) {
      merged[area].available = merged[area].available && part[area].available;
      merged[area].days.push(...part[area].days);
    }
    merged.compose.rules.push(...part.compose.rules);
  }
  bar.set(chunks.length, chunks.length, t('stats.loaded'));
  return merged;
}

export function renderStats(panel) {
  const from = el('input', { type: 'date', value: range.from, required: true });
  const to = el('input', { type: 'date', value: range.to, required: true });
  const status = el('div', { id: 'stats-progress' });
  const out = el('div', { id: 'stats-out' });
  const presets = [
    ['stats.last30', 29], ['stats.last12w', 83], ['stats.last12m', 364],
  ].map(([key, n]) => el('button', { type: 'button', onclick: () => { from.value = addDays(today(), -n); to.value = today(); form.requestSubmit(); } }, t(key)));
  const form = el('form', { class: 'card filters', id: 'stats-form', novalidate: true },
    field('stats-from', t('common.from'), from), field('stats-to', t('common.to'), to),
    el('button', { type: 'submit', class: 'primary' }, t('stats.show')), ...presets);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const err = from.value && to.value && from.value > to.value ? t('stats.fromAfterTo')
      : (!from.value || !to.value) ? t('stats.needDates')
      : (new Date(to.value) - new Date(from.value)) / 86400000 + 1 > 400 ? t('stats.tooLong') : '';
    const errEl = document.getElementById('stats-from-error');
    errEl.textContent = err;
    errEl.hidden = !err;
    if (err) { from.setAttribute('aria-invalid', 'true'); from.focus(); return; }
    from.removeAttribute('aria-invalid');
    range = { from: from.value, to: to.value };
    const bar = progress(t('common.loading'));
    status.replaceChildren(bar.node);
    out.setAttribute('aria-busy', 'true');
    try {
      await chartLibrary();
      data = await fetchRange(range.from, range.to, bar);
      draw(out);
    } catch (e) {
      status.replaceChildren(errorNotice(e));
      out.replaceChildren();
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
  panel.replaceChildren(el('h2', {}, t('stats.title')), el('p', { class: 'muted' }, t('stats.intro')), form, status, out);
  if (data && data.from === range.from && data.to === range.to) chartLibrary().then(() => draw(out));
  else form.requestSubmit();
}

let chartLoad = null;

/** Chart.js is loaded only when statistics are first shown, keeping the first page load small. */
function chartLibrary() {
  chartLoad ??= new Promise((resolve, reject) => {
    const script = el('script', { src: '/vendor/chart.js' });
    script.onload = resolve;
    script.onerror = () => { chartLoad = null; reject(new Error('chart library')); };
    document.head.append(script);
  });
  return chartLoad;
}

function chartCard(id, titleKey, available, build) {
  const card = el('section', { class: 'card', 'aria-labelledby': `${id}-title` }, el('h3', { id: `${id}-title` }, t(titleKey)));
  if (!available) {
    card.append(notice(t('stats.notAvailable'), 'warning'));
    return card;
  }
  const spec = build();
  const canvas = el('canvas', { id, role: 'img', 'aria-label': t(titleKey) });
  card.append(el('div', { class: 'chart-box' }, canvas));
  const columns = [{ label: t('stats.period'), value: (r) => r.label }, ...spec.datasets.map((d) => ({ label: d.label, class: 'num', value: (r) => formatNumber(d.data[r.i], 1) }))];
  card.append(el('details', {}, el('summary', {}, t('common.showTable')),
    table(columns, spec.labels.map((label, i) => ({ label, i })))));
  charts.push(new window.Chart(canvas, {
    type: spec.type ?? 'bar',
    data: { labels: spec.labels, datasets: spec.datasets },
    options: {
      animation: false, maintainAspectRatio: false, responsive: true,
      plugins: { legend: { position: 'bottom' } },
      scales: { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true, ...(spec.percent ? { max: 100, ticks: { callback: (v) => `${v} %` } } : {}) } },
    },
  }));
  return card;
}

function sumByWeek(days, ws, pick, average = false) {
  const sums = new Map(ws.map((w) => [w.key, 0]));
  const counts = new Map(ws.map((w) => [w.key, 0]));
  days.forEach((d) => {
    const k = weekOf(d.day).key;
    if (sums.has(k)) { sums.set(k, sums.get(k) + pick(d)); counts.set(k, counts.get(k) + 1); }
  });
  return ws.map((w) => (average ? (counts.get(w.key) ? sums.get(w.key) / counts.get(w.key) : 0) : sums.get(w.key)));
}

function draw(out) {
  charts.forEach((c) => c.destroy());
  charts = [];
  const ws = weeks(data.from, data.to);
  const labels = ws.map((w) => w.label);
  const c = data.compose;
  const s = data.sender;
  const a = data.absences;
  const total = (rows, k) => rows.reduce((n, r) => n + r[k], 0);
  const checks = total(c.days, 'checks');
  const figures = el('div', { class: 'figures', id: 'stats-figures' },
    figure(t('stats.fig.checks'), c.available ? formatNumber(checks) : '–'),
    figure(t('stats.fig.warnShare'), c.available && checks ? `${formatNumber(100 * total(c.days, 'withWarnings') / checks, 1)} %` : '–'),
    figure(t('stats.fig.suspicious'), s.available ? formatNumber(total(s.days, 'suspicious') + total(s.days, 'dangerous')) : '–'),
    figure(t('stats.fig.reports'), s.available ? formatNumber(total(s.days, 'reports')) : '–'));
  const rules = [...new Set(c.rules.filter((r) => r.severity !== 'off').map((r) => r.rule))].sort();
  out.replaceChildren(figures, el('div', { class: 'grid2' },
    chartCard('chart-rules', 'stats.rulesPerWeek', c.available, () => ({
      labels, stacked: true,
      datasets: rules.map((rule, i) => ({ label: ruleLabel(rule), backgroundColor: COLOURS[i % COLOURS.length],
        data: sumByWeek(c.rules.filter((r) => r.rule === rule && r.severity !== 'off'), ws, (r) => r.count) })),
    })),
    chartCard('chart-share', 'stats.share', c.available, () => {
      const chk = sumByWeek(c.days, ws, (d) => d.checks);
      const warn = sumByWeek(c.days, ws, (d) => d.withWarnings);
      const block = sumByWeek(c.days, ws, (d) => d.withBlocks);
      return { type: 'line', labels, percent: true, datasets: [
        { label: t('stats.withWarnings'), borderColor: COLOURS[1], backgroundColor: COLOURS[1], data: warn.map((w, i) => (chk[i] ? 100 * w / chk[i] : 0)) },
        { label: t('stats.withBlocks'), borderColor: COLOURS[4], backgroundColor: COLOURS[4], data: block.map((b, i) => (chk[i] ? 100 * b / chk[i] : 0)) },
      ] };
    }),
    chartCard('chart-sender', 'stats.sender', s.available, () => ({ labels, datasets: [
      { label: t('stats.suspicious'), backgroundColor: COLOURS[1], data: sumByWeek(s.days, ws, (d) => d.suspicious) },
      { label: t('stats.dangerous'), backgroundColor: COLOURS[4], data: sumByWeek(s.days, ws, (d) => d.dangerous) },
      { label: t('stats.reports'), backgroundColor: COLOURS[0], data: sumByWeek(s.days, ws, (d) => d.reports) },
    ] })),
    chartCard('chart-absences', 'stats.absences', a.available, () => ({ labels, stacked: false, datasets: [
      { label: t('stats.withReply'), backgroundColor: COLOURS[2], data: sumByWeek(a.days, ws, (d) => d.withReply, true) },
      { label: t('stats.withoutReply'), backgroundColor: COLOURS[4], data: sumByWeek(a.days, ws, (d) => d.withoutReply, true) },
      { label: t('stats.delegations'), backgroundColor: COLOURS[0], data: sumByWeek(a.days, ws, (d) => d.delegations, true) },
    ] }))));
}

function figure(label, value) {
  return el('div', { class: 'figure' }, el('span', {}, label), el('b', {}, value));
}

function ruleLabel(rule) {
  const key = `rule.${rule}`;
  return t(key) === key ? rule : t(key);
}

