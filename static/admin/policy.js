// The policy editor, generated from GET /api/v1/policy/schema, and the history of changes as a readable diff.
import { t, lang, formatDateTime, formatNumber } from '/common/i18n.js';
import { el, notice, errorNotice, loading, field, setFieldError, today, addDays } from '/common/ui.js';
import { api, ApiError } from '/common/api.js';
import { fillTemplate, unknownPlaceholders, returnDay } from '/common/templates.js';

const MB = 1024 * 1024;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+(xn--[a-z0-9-]{1,59}|[a-z]{2,63})$/;
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+(xn--[a-z0-9-]{1,59}|[a-z]{2,63})$/;
const LISTS = ['domains', 'addresses', 'strings'];

let fields = [];
let byPath = {};
/** The document as loaded (with version) and the editor's unsaved values by path, kept across tab switches. */
let loaded = null;
let draft = null;
let status = null;
let unsaved = false;

window.addEventListener('beforeunload', (ev) => { if (unsaved) ev.preventDefault(); });

export async function loadSchema(apiFn) {
  const body = await apiFn('/api/v1/policy/schema');
  fields = body.fields;
  byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
}

export function labelOf(path) {
  const base = path.replace(/\[\d+\]$/, '');
  const f = byPath[base];
  if (!f) return path;
  return lang() === 'en' ? f.labelEn : f.labelSv;
}

function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function set(obj, path, value) {
  const parts = path.split('.');
  let o = obj;
  parts.slice(0, -1).forEach((k) => { o = o[k] ??= {}; });
  o[parts.at(-1)] = value;
}

async function load() {
  loaded = await api('/api/v1/policy');
  draft = Object.fromEntries(fields.map((f) => [f.path, structuredClone(get(loaded, f.path) ?? f.default)]));
}

export async function renderPolicy(panel) {
  if (!draft) {
    panel.replaceChildren(loading());
    try { await load(); } catch (e) { panel.replaceChildren(errorNotice(e)); return; }
  }
  const sections = [...new Set(fields.map((f) => f.section))];
  const form = el('form', { id: 'policy-form', novalidate: true });
  const summary = el('div', { id: 'policy-summary', tabindex: '-1' });
  const statusBox = el('div', { id: 'policy-status' });
  const nav = el('nav', { 'aria-label': t('policy.sections') }, el('ol', {},
    sections.map((s) => el('li', {}, el('a', { href: `#sec-${s}`, onclick: (ev) => {
      ev.preventDefault();
      const target = document.getElementById(`sec-${s}`);
      target.scrollIntoView({ behavior: 'smooth' });
      target.querySelector('input,select,textarea')?.focus({ preventScroll: true });
    } }, t(`section.${s}`))))));
  sections.forEach((s) => {
    const fs = el('fieldset', { id: `sec-${s}` }, el('legend', {}, t(`section.${s}`)));
    fields.filter((f) => f.section === s).forEach((f) => fs.append(control(f)));
    if (s === 'absence') fs.append(previewBlock());
    form.append(fs);
  });
  const saveButton = el('button', { type: 'submit', class: 'primary', id: 'save' }, t('policy.save'));
  const dirty = el('span', { id: 'dirty', class: 'muted', 'aria-live': 'polite' });
  form.append(el('div', { class: 'savebar' }, saveButton,
    el('button', { type: 'button', onclick: () => { draft = null; unsaved = false; renderPolicy(panel); } }, t('policy.discard')),
    el('span', { class: 'muted' }, t('policy.version', { version: loaded.version })), dirty));
  const changed = () => { unsaved = true; dirty.textContent = t('policy.unsaved'); updatePreview(); };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  if (unsaved) dirty.textContent = t('policy.unsaved');
  form.addEventListener('submit', (ev) => { ev.preventDefault(); save(form, summary, statusBox, panel, saveButton); });
  panel.replaceChildren(
    el('h2', {}, t('policy.title')), el('p', { class: 'muted' }, t('policy.intro')),
    statusBox, summary, el('div', { class: 'editor' }, nav, form));
  if (status) { statusBox.replaceChildren(status); status = null; }
  updatePreview();
}

const controls = {};

function control(f) {
  const id = `f-${f.path.replace(/\./g, '-')}`;
  const label = lang() === 'en' ? f.labelEn : f.labelSv;
  const value = draft[f.path];
  let input;
  let hint;
  const onInput = (read) => (ev) => { draft[f.path] = read(ev.target); setFieldError(ev.target, ''); };
  switch (f.kind) {
    case 'bytes':
      input = el('input', { type: 'number', min: '0', step: '0.1', inputmode: 'decimal', value: String(+(value / MB).toFixed(2)) });
      input.addEventListener('input', onInput((i) => (i.value === '' ? NaN : Math.round(Number(i.value) * MB))));
      hint = t('policy.hintMb', { def: formatNumber(f.default / MB, 1) });
      break;
    case 'count':
    case 'days':
      input = el('input', { type: 'number', min: f.kind === 'count' ? '1' : '0', step: '1', value: String(value) });
      input.addEventListener('input', onInput((i) => (i.value === '' ? NaN : Number(i.value))));
      hint = t('policy.hintDefault', { def: f.default });
      break;
    case 'boolean': {
      input = el('input', { type: 'checkbox' });
      input.checked = !!value;
      input.addEventListener('change', onInput((i) => i.checked));
      const wrap = el('div', { class: 'field inline' });
      input.id = id;
      wrap.append(input, el('label', { for: id }, label));
      controls[f.path] = input;
      return wrap;
    }
    case 'severity':
    case 'choice':
      input = el('select', {}, f.choices.map((c) => el('option', { value: c, selected: c === value }, t(`choice.${c}`) === `choice.${c}` ? c : t(`choice.${c}`))));
      input.addEventListener('change', onInput((i) => i.value));
      break;
    case 'domains':
    case 'addresses':
    case 'strings':
      input = el('textarea', { class: 'list', rows: Math.min(10, Math.max(4, (value || []).length + 1)), spellcheck: f.kind === 'strings' ? 'true' : 'false' });
      input.value = (value || []).join('\n');
      input.addEventListener('input', onInput((i) => i.value.split('\n').map((s) => s.trim()).filter(Boolean)));
      hint = t(`policy.hintList.${f.kind}`);
      break;
    case 'email':
      input = el('input', { type: 'email', value: value || '', autocomplete: 'off' });
      input.addEventListener('input', onInput((i) => i.value.trim()));
      hint = t('policy.hintEmail');
      break;
    default:
      if (f.path.includes('templates')) {
        input = el('textarea', { rows: f.path.endsWith('delegateSentence') ? 2 : 7, maxlength: f.maxLength });
        input.value = value || '';
        hint = t('policy.hintTemplate');
      } else {
        input = el('input', { type: 'text', value: value || '', maxlength: f.maxLength });
      }
      input.addEventListener('input', onInput((i) => i.value));
  }
  input.name = f.path;
  controls[f.path] = input;
  const node = field(id, label, input, hint);
  if (f.kind === 'bytes') {
    const wrap = el('div');
    input.replaceWith(wrap);
    wrap.append(input, el('span', { class: 'unit' }, 'MB'));
  }
  return node;
}

function previewBlock() {
  return el('section', { class: 'card', 'aria-labelledby': 'preview-title' },
    el('h3', { id: 'preview-title' }, t('preview.title')),
    el('p', { class: 'hint' }, t('preview.intro')),
    el('div', { class: 'field inline' },
      el('input', { type: 'checkbox', id: 'preview-delegate', checked: true, onchange: updatePreview }),
      el('label', { for: 'preview-delegate' }, t('preview.withDelegate'))),
    el('div', { class: 'grid2', id: 'preview-grid' }));
}

function updatePreview() {
  const grid = document.getElementById('preview-grid');
  if (!grid) return;
  const withDelegate = document.getElementById('preview-delegate').checked;
  const domain = (draft['domains.internal'] || [])[0] || 'example.se';
  const values = {
    name: 'Anna Svensson',
    returnDate: returnDay(addDays(today(), 7)),
    delegateName: withDelegate ? 'Bo Nilsson' : '',
    delegateAddress: withDelegate ? `bo.nilsson@${domain}` : '',
    functionalMailbox: draft['absence.functionalMailbox'] || t('preview.noMailbox'),
  };
  grid.replaceChildren(...['sv', 'en'].flatMap((l) => ['internal', 'external'].map((kind) => {
    const tpl = {
      internal: draft[`absence.templates.${l}.internal`],
      external: draft[`absence.templates.${l}.external`],
      delegateSentence: draft[`absence.templates.${l}.delegateSentence`],
    };
    return el('div', {},
      el('h4', {}, t(`preview.${l}.${kind}`)),
      el('pre', { class: 'preview', id: `preview-${l}-${kind}`, 'aria-live': 'polite' }, fillTemplate(tpl[kind], tpl, values, l)));
  })));
}

/** Client-side checks in plain Swedish; the server checks again and its errors land in the same places. */
function validate() {
  const errors = {};
  for (const f of fields) {
    const v = draft[f.path];
    let msg = null;
    if (f.kind === 'bytes' || f.kind === 'count' || f.kind === 'days') {
      const n = f.kind === 'bytes' ? v / MB : v;
      if (!Number.isFinite(v)) msg = t('v.number');
      else if (f.kind !== 'bytes' && !Number.isInteger(v)) msg = t('v.whole');
      else if (f.kind === 'count' && v < 1) msg = t('v.min', { min: 1 });
      else if (v < 0) msg = t('v.min', { min: 0 });
      else if (f.kind !== 'bytes' && v > 100000) msg = t('v.max', { max: formatNumber(100000) });
      else if (f.kind === 'bytes' && n > 1024 * 100) msg = t('v.maxMb');
    } else if (f.kind === 'domains') {
      const bad = v.map((d, i) => [d.toLowerCase(), i]).filter(([d]) => !DOMAIN.test(d));
      if (bad.length) msg = t('v.domains', { list: bad.map(([d, i]) => t('v.row', { row: i + 1, value: d })).join(', ') });
    } else if (f.kind === 'addresses') {
      const bad = v.map((d, i) => [d.toLowerCase(), i]).filter(([d]) => !EMAIL.test(d));
      if (bad.length) msg = t('v.addresses', { list: bad.map(([d, i]) => t('v.row', { row: i + 1, value: d })).join(', ') });
    } else if (f.kind === 'email') {
      if (v && !EMAIL.test(v.toLowerCase())) msg = t('v.email');
    } else if (f.kind === 'text') {
      if (v.length > f.maxLength) msg = t('v.long', { max: f.maxLength });
      else if (f.path.includes('templates') && unknownPlaceholders(v).length) {
        msg = t('v.placeholder', { list: unknownPlaceholders(v).map((p) => `{${p}}`).join(', ') });
      }
    }
    if (f.kind === 'strings' || f.kind === 'domains' || f.kind === 'addresses') {
      const long = v.find((s) => s.length > f.maxLength);
      if (!msg && long) msg = t('v.itemLong', { max: f.maxLength });
    }
    if (msg) errors[f.path] = msg;
  }
  if (!errors['attachments.warnTotalBytes'] && !errors['attachments.warnBytes']
      && draft['attachments.warnTotalBytes'] < draft['attachments.warnBytes']) {
    errors['attachments.warnTotalBytes'] = t('v.totalBelowPer');
  }
  return errors;
}

/** The server's English field message in the reader's language, when it is one we know. */
function translate(path, message) {
  const rules = [
    [/^must be a whole number$/, () => t('v.whole')],
    [/^must be (\d+) or more$/, (m) => t('v.min', { min: m[1] })],
    [/^must be at most (\d+)$/, (m) => t('v.max', { max: m[1] })],
    [/^must be at most (\d+) characters$/, (m) => t('v.long', { max: m[1] })],
    [/^must be one of/, () => t('v.choice')],
    [/^must be true or false$/, () => t('v.boolean')],
    [/^must be at least attachments.warnBytes$/, () => t('v.totalBelowPer')],
    [/^must be a time zone/, () => t('v.timeZone')],
    [/^'(.*)' is not a valid mail domain$/, (m) => t('v.domain', { value: m[1] })],
    [/^'(.*)' is not a valid e-mail address$/, (m) => t('v.addressOne', { value: m[1] })],
    [/^is not a valid e-mail address$/, () => t('v.email')],
    [/^must be a non-empty string$/, () => t('v.emptyItem')],
  ];
  for (const [re, f] of rules) {
    const m = message.match(re);
    if (m) return f(m);
  }
  return message;
}

function showErrors(errors, summary) {
  Object.keys(controls).forEach((p) => setFieldError(controls[p], ''));
  const entries = Object.entries(errors);
  if (!entries.length) { summary.replaceChildren(); return; }
  entries.forEach(([p, msg]) => controls[p] && setFieldError(controls[p], msg));
  summary.replaceChildren(notice(t('err.summary'), 'error', el('ul', {}, entries.map(([p, msg]) =>
    el('li', {}, el('a', { href: `#${controls[p]?.id ?? ''}`, onclick: (ev) => { ev.preventDefault(); controls[p]?.focus(); } },
      `${labelOf(p)}: ${msg}`))))));
  const first = controls[entries[0][0]];
  (first ?? summary).focus();
}

async function save(form, summary, statusBox, panel, button) {
  statusBox.replaceChildren();
  const errors = validate();
  showErrors(errors, summary);
  if (Object.keys(errors).length) return;
  const body = structuredClone(loaded);
  fields.forEach((f) => set(body, f.path, draft[f.path]));
  body.version = loaded.version;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const saved = await api('/api/v1/policy', { method: 'PUT', body });
    draft = null;
    unsaved = false;
    status = notice(t('policy.saved', { version: saved.version }), 'success');
    await renderPolicy(panel);
    document.getElementById('policy-status')?.focus?.();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 400 && e.errors.length) {
      const mapped = {};
      e.errors.forEach((err) => {
        const row = err.field.match(/\[(\d+)\]$/);
        const base = err.field.replace(/\[\d+\]$/, '');
        const text = translate(base, err.message);
        const msg = row ? t('v.rowError', { row: Number(row[1]) + 1, message: text }) : text;
        mapped[base] = mapped[base] ? `${mapped[base]}; ${msg}` : msg;
      });
      showErrors(mapped, summary);
    } else if (e.status === 409) {
      statusBox.replaceChildren(notice(t('policy.conflict'), 'warning',
        el('p', {}, t('policy.conflictDetail')),
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'primary', id: 'reload-policy', onclick: async () => { draft = null; unsaved = false; await renderPolicy(panel); } }, t('policy.reload')),
          el('a', { href: '#history', onclick: () => document.getElementById('tab-history').click() }, t('policy.seeHistory')))));
      statusBox.querySelector('button').focus();
    } else {
      statusBox.replaceChildren(errorNotice(e));
    }
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A value as IT reads it: MB for sizes, Ja/Nej, labels of choices, lists joined. */
function show(path, value) {
  const f = byPath[path];
  if (value === null || value === undefined) return t('common.none');
  if (!f) return JSON.stringify(value);
  switch (f.kind) {
    case 'bytes': return `${formatNumber(value / MB, 2)} MB`;
    case 'boolean': return value ? t('common.yes') : t('common.no');
    case 'severity':
    case 'choice': return t(`choice.${value}`) === `choice.${value}` ? value : t(`choice.${value}`);
    default:
      if (Array.isArray(value)) return value.length ? value.join(', ') : t('common.empty');
      return value === '' ? t('common.empty') : String(value);
  }
}

function diffCell(path, before, after) {
  if (Array.isArray(before) && Array.isArray(after)) {
    const removed = before.filter((x) => !after.includes(x));
    const added = after.filter((x) => !before.includes(x));
    return el('span', { class: 'diff' },
      ...added.map((x) => [el('ins', { 'aria-label': `${t('history.added')} ${x}` }, `+ ${x}`), ' ']),
      ...removed.map((x) => [el('del', { 'aria-label': `${t('history.removed')} ${x}` }, `− ${x}`), ' ']));
  }
  return el('span', { class: 'diff' }, el('del', {}, show(path, before)), ' → ', el('ins', {}, show(path, after)));
}

export async function renderHistory(panel) {
  panel.replaceChildren(loading());
  let body;
  try { body = await api('/api/v1/policy/history?limit=100'); } catch (e) { panel.replaceChildren(errorNotice(e)); return; }
  const list = el('ol', { class: 'history', reversed: true, style: 'list-style:none;padding:0' });
  body.versions.forEach((v) => {
    const head = el('h3', {}, t('history.version', { version: v.version, who: v.changedBy, when: formatDateTime(v.changedAt) }));
    let content;
    if (v.previousVersion === null) content = el('p', { class: 'muted' }, t('history.first'));
    else if (!v.changes.length) content = el('p', { class: 'muted' }, t('history.noChanges'));
    else {
      content = el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('history.field')), el('th', { scope: 'col' }, t('history.change')))),
        el('tbody', {}, v.changes.map((c) => el('tr', {},
          el('th', { scope: 'row' }, labelOf(c.path), el('br'), el('small', { class: 'muted' }, c.path)),
          el('td', {}, diffCell(c.path, c.before, c.after)))))));
    }
    list.append(el('li', { class: 'card' }, head, content));
  });
  panel.replaceChildren(el('h2', {}, t('history.title')), el('p', { class: 'muted' }, t('history.intro')), list);
}
