// Small DOM helpers shared by the pages: element builder, notices, tabs, tables, progress and the page shell.
import { t, setLang, lang, applyI18n, onLangChange } from './i18n.js';
import { signIn, signOut } from './auth.js';

/** el('p', {class: 'x', onclick: f}, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A notice: kind is info, success, warning or error; errors are announced at once. */
export function notice(text, kind = 'info', ...extra) {
  return el('div', { class: `notice ${kind}`, role: kind === 'error' || kind === 'warning' ? 'alert' : 'status' },
    el('p', {}, text), ...extra);
}

/** A plain-Swedish explanation of a failed call; 404 means the feature is not on this server yet. */
export function explain(e) {
  if (e.status === 0) return t('err.network');
  if (e.status === 401) return t('auth.expired');
  if (e.status === 403) return t('err.forbidden');
  if (e.status === 404) return t('err.notAvailable', { path: e.path });
  if (e.status >= 500 && (e.detail ?? '').startsWith('Microsoft Graph')) return t('err.graph', { detail: e.detail });
  if (e.status >= 500) return t('err.server', { status: e.status });
  return e.detail || e.message;
}

export function errorNotice(e) {
  const again = e.status === 401
    ? el('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, t('auth.signIn')) : null;
  return notice(explain(e), e.status === 404 ? 'warning' : 'error', again);
}

/** A loading line that screen readers hear once. */
export function loading(text = t('common.loading')) {
  return el('p', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** A determinate progress bar with its label; returns {node, set(done, total, text)}. */
export function progress(label) {
  const bar = el('progress', { max: 1, value: 0 });
  const text = el('span', {}, label);
  const node = el('div', { class: 'progress', role: 'status', 'aria-live': 'polite' }, text, bar);
  return {
    node,
    set(done, total, msg) {
      bar.max = total;
      bar.value = done;
      if (msg) text.textContent = msg;
    },
    indeterminate() { bar.removeAttribute('value'); },
    say(msg) { text.textContent = msg; },
  };
}

/** A table from column definitions [{label, value(row) -> string|Node, class}] and rows. */
export function table(columns, rows, caption) {
  if (!rows.length) return el('p', { class: 'muted' }, t('common.noRows'));
  return el('div', { class: 'table-wrap' }, el('table', {},
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.class }, c.label)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: c.class }, c.value(r))))))));
}

/**
 * Tabs following the WAI-ARIA pattern: arrow keys move between tabs, the panel follows, the hash remembers it.
 * tabs: [{id, label (i18n key), render(panel)}]; render runs each time the tab is shown.
 */
export function tabs(mount, list) {
  const bar = el('div', { role: 'tablist', class: 'tabs', 'aria-label': t('app.name') });
  const panel = el('section', { role: 'tabpanel', class: 'panel', tabindex: '0' });
  const buttons = list.map((tab) => el('button', {
    role: 'tab', id: `tab-${tab.id}`, type: 'button', 'aria-controls': 'panel', 'data-i18n': tab.label,
    onclick: () => show(tab.id),
  }, t(tab.label)));
  panel.id = 'panel';
  bar.addEventListener('keydown', (ev) => {
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    const b = buttons[(next + buttons.length) % buttons.length];
    b.focus();
    show(list[(next + buttons.length) % buttons.length].id);
  });
  bar.append(...buttons);
  mount.replaceChildren(bar, panel);
  let currentId = null;
  function show(id) {
    const tab = list.find((x) => x.id === id) ?? list[0];
    currentId = tab.id;
    buttons.forEach((b, i) => {
      const on = list[i].id === tab.id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    history.replaceState(null, '', `#${tab.id}`);
    tab.render(panel);
  }
  onLangChange(() => show(currentId));
  show(location.hash.slice(1));
  return { show };
}

/**
 * The page frame: header with the product name, the user and role, a language toggle and sign-out. Signs in and
 * resolves to the user, or to null while a sign-in form or redirect is shown.
 */
export async function shell(titleKey) {
  document.documentElement.lang = lang();
  applyI18n(document);
  const header = document.getElementById('header-tools');
  const main = document.getElementById('main');
  const langButton = el('button', { type: 'button', class: 'link', id: 'lang', 'data-i18n': 'lang.toggle',
    'data-i18n-attr': 'aria-label:lang.toggleLabel', onclick: () => setLang(lang() === 'sv' ? 'en' : 'sv') }, t('lang.toggle'));
  langButton.setAttribute('aria-label', t('lang.toggleLabel'));
  langButton.setAttribute('lang', lang() === 'sv' ? 'en' : 'sv');
  onLangChange((l) => langButton.setAttribute('lang', l === 'sv' ? 'en' : 'sv'));
  header.replaceChildren(langButton);
  document.title = `${t(titleKey)} – Postvakt`;
  onLangChange(() => { document.title = `${t(titleKey)} – Postvakt`; });
  main.replaceChildren(loading());
  let user;
  try {
    user = await signIn(main);
  } catch (e) {
    // sign-in settings or the sign-in library could not be loaded: say so instead of loading forever
    main.replaceChildren(errorNotice(e));
    return null;
  }
  if (!user) return null;
  const roleKey = user.roles.includes('admin') ? 'role.admin' : user.roles.includes('manager') ? 'role.manager' : 'role.staff';
  header.prepend(
    el('span', { class: 'who' }, user.name, ' · ', el('span', { 'data-i18n': roleKey }, t(roleKey))),
    el('button', { type: 'button', class: 'link', 'data-i18n': 'auth.signOut', onclick: () => signOut() }, t('auth.signOut')));
  return user;
}

/** A labelled form control with its error line, wired with aria-describedby. */
export function field(id, labelText, control, hint) {
  control.id = id;
  const err = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintEl = hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : '', `${id}-error`].join(' ').trim());
  return el('div', { class: 'field' }, el('label', { for: id }, labelText), hintEl, control, err);
}

/** Shows or clears a field's error in place. */
export function setFieldError(control, message) {
  const err = document.getElementById(`${control.id}-error`);
  if (!err) return;
  err.textContent = message || '';
  err.hidden = !message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today() {
  return isoDate(new Date());
}

export function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDays(iso, n) {
  const d = new Date(iso + 'T12:00:00');
  d.setDate(d.getDate() + n);
  return isoDate(d);
}
