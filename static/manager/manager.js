// /manager: a manager's team, their absences and delegates, and compliance. Endpoints that are not on the server yet
// (404) are named in a plain notice and the rest of the page keeps working.
import { addStrings, t, onLangChange, formatDate, formatDateTime } from '/common/i18n.js';
import { shell, el, notice, errorNotice, explain, loading, field, setFieldError, table, today, addDays } from '/common/ui.js';
import { api, query } from '/common/api.js';
import { fillTemplate, returnDay } from '/common/templates.js';
import { strings } from './strings.js';

addStrings(strings);

const state = { policy: null, team: null, teamError: null, absences: [], absencesError: null, compliance: null, complianceError: null, found: [] };

const user = await shell('manager.title');
if (user) {
  build();
  onLangChange(build);
  await refresh();
}

/** The page skeleton; rebuilt when the language changes, then filled from the data already fetched. */
function build() {
  const main = document.getElementById('main');
  main.replaceChildren(...[
    user.roles.includes('manager') || user.roles.includes('admin') ? null : notice(t('manager.notManager'), 'warning'),
    el('div', { id: 'flash', tabindex: '-1' }),
    el('section', { class: 'card', 'aria-labelledby': 'team-title' }, el('h2', { id: 'team-title' }, t('team.title')),
      el('p', { class: 'muted' }, t('team.intro')), el('div', { id: 'team' }, loading())),
    el('section', { class: 'card', 'aria-labelledby': 'register-title' }, el('h2', { id: 'register-title' }, t('register.title')),
      el('div', { id: 'register' }, loading())),
    el('section', { class: 'card', 'aria-labelledby': 'compliance-title' }, el('h2', { id: 'compliance-title' }, t('compliance.title')),
      el('div', { id: 'compliance' }, loading()))].filter(Boolean));
  if (state.loaded) {
    renderTeam();
    renderCompliance();
    renderRegister();
  }
}

async function attempt(promise) {
  try { return [await promise, null]; } catch (e) { return [null, e]; }
}

async function refresh() {
  const [policy, team, absences, compliance] = await Promise.all([
    state.policy ? [state.policy, null] : attempt(api('/api/v1/policy')),
    attempt(api('/api/v1/directory/team')),
    attempt(api('/api/v1/absences')),
    attempt(api('/api/v1/absences/compliance')),
  ]);
  state.policy = policy[0];
  state.team = team[0] ? (Array.isArray(team[0]) ? team[0] : team[0].members ?? []) : null;
  state.teamError = team[1];
  state.absences = absences[0] ? (Array.isArray(absences[0]) ? absences[0] : absences[0].absences ?? []) : [];
  state.absencesError = absences[1];
  state.compliance = compliance[0];
  state.complianceError = compliance[1];
  const first = !state.loaded;
  state.loaded = true;
  renderTeam();
  renderCompliance();
  if (first) renderRegister();
}

function nameOf(address) {
  const m = (state.team ?? []).concat(state.found).find((p) => (p.mail ?? '').toLowerCase() === (address ?? '').toLowerCase());
  return m?.displayName ?? address;
}

function current(absences) {
  const now = new Date();
  const open = absences.filter((a) => a.status !== 'ended' && new Date(a.end) > now)
    .sort((x, y) => new Date(x.start) - new Date(y.start));
  return open.find((a) => new Date(a.start) <= now) ?? open[0] ?? null;
}

function renderTeam() {
  const box = document.getElementById('team');
  const notes = [];
  if (state.teamError) notes.push(state.teamError.status === 404 ? notice(t('team.noDirectory'), 'warning') : errorNotice(state.teamError));
  if (state.absencesError) notes.push(state.absencesError.status === 404 ? notice(t('team.noAbsences'), 'warning') : errorNotice(state.absencesError));
  const people = new Map();
  (state.team ?? []).forEach((p) => people.set(p.mail.toLowerCase(), { ...p, absences: [] }));
  state.absences.forEach((a) => {
    const k = a.user.toLowerCase();
    if (!people.has(k)) people.set(k, { mail: a.user, displayName: a.displayName ?? a.user, absences: [] });
    people.get(k).absences.push(a);
  });
  const without = new Set((state.compliance?.absentWithoutReply ?? []).map((x) => x.user.toLowerCase()));
  const rows = [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'))
    .map((p) => ({ ...p, absence: current(p.absences) }));
  box.replaceChildren(...notes, table([
    { label: t('team.person'), value: (p) => el('span', {}, el('strong', {}, p.displayName), el('br'), el('small', { class: 'muted' }, [p.jobTitle, p.mail].filter(Boolean).join(' · '))) },
    { label: t('team.state'), value: (p) => stateBadge(p.absence) },
    { label: t('team.reply'), value: (p) => replyBadge(p, without) },
    { label: t('team.delegate'), value: (p) => (p.absence?.delegate ? nameOf(p.absence.delegate) : '–') },
    { label: t('team.actions'), value: (p) => actions(p) },
  ], rows, t('team.caption')));
}

function stateBadge(a) {
  if (!a) return el('span', { class: 'badge ok' }, t('state.present'));
  const span = `${formatDate(a.start, { day: 'numeric', month: 'short' })} – ${formatDate(a.end, { day: 'numeric', month: 'short' })}`;
  if (a.status === 'failed') return el('span', {}, el('span', { class: 'badge err' }, t('state.failed')), ' ', span);
  if (new Date(a.start) > new Date()) return el('span', {}, el('span', { class: 'badge neutral' }, t('state.planned')), ' ', span);
  return el('span', {}, el('span', { class: 'badge warn' }, t('state.absent')), ' ', span);
}

function replyBadge(p, without) {
  const a = p.absence;
  if (!a || new Date(a.start) > new Date()) return '–';
  if (a.status === 'failed' || without.has(p.mail.toLowerCase())) return el('span', { class: 'badge err' }, t('reply.off'));
  return el('span', { class: 'badge ok' }, t('reply.on'));
}

function actions(p) {
  if (!p.absence) {
    return el('button', { type: 'button', onclick: () => prefill(p.mail) }, t('team.register'), el('span', { class: 'sr-only' }, ` ${p.displayName}`));
  }
  return el('div', { class: 'row' },
    el('button', { type: 'button', onclick: () => editDialog(p) }, t('team.change'), el('span', { class: 'sr-only' }, ` ${p.displayName}`)),
    el('button', { type: 'button', class: 'danger', onclick: () => endDialog(p) }, t('team.end'), el('span', { class: 'sr-only' }, ` ${p.displayName}`)));
}

function flash(text, kind = 'success') {
  const box = document.getElementById('flash');
  box.replaceChildren(notice(text, kind));
  box.focus();
}

/** The offset of the organisation's time zone on a day, e.g. "+01:00", so plain dates mean the same for everyone. */
function offsetOn(day) {
  const zone = state.policy?.absence?.timeZone ?? 'Europe/Stockholm';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${day}T12:00:00Z`)).find((x) => x.type === 'timeZoneName').value;
    const m = part.match(/GMT([+-]\d{2}):?(\d{2})?/);
    return m ? `${m[1]}:${m[2] ?? '00'}` : 'Z';
  } catch {
    return 'Z';
  }
}

const startOf = (day) => `${day}T00:00:00${offsetOn(day)}`;
const endOf = (day) => `${day}T23:59:59${offsetOn(day)}`;
const lastDayOf = (iso) => iso.slice(0, 10);

function prefill(mail) {
  const select = document.getElementById('abs-user');
  select.value = mail;
  select.dispatchEvent(new Event('change'));
  select.focus();
  select.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

function templatesOf(l) {
  const tpl = state.policy?.absence?.templates?.[l] ?? {};
  return { internal: tpl.internal ?? '', external: tpl.external ?? '', delegateSentence: tpl.delegateSentence ?? '' };
}

function renderRegister() {
  const box = document.getElementById('register');
  const team = state.team ?? [];
  const who = team.length
    ? el('select', { required: true }, el('option', { value: '' }, t('register.choose')), team.map((p) => el('option', { value: p.mail }, p.displayName)))
    : el('input', { type: 'email', required: true, autocomplete: 'off' });
  const first = el('input', { type: 'date', required: true, value: today(), min: today() });
  const last = el('input', { type: 'date', required: true, value: addDays(today(), 6), min: today() });
  const delegate = el('input', { type: 'email', list: 'delegate-options', autocomplete: 'off' });
  const options = el('datalist', { id: 'delegate-options' });
  const own = el('input', { type: 'checkbox', id: 'abs-own' });
  const internal = el('textarea', { rows: 5 });
  const external = el('textarea', { rows: 5 });
  const ownBox = el('div', { hidden: true }, field('abs-internal', t('register.internal'), internal), field('abs-external', t('register.external'), external));
  const preview = el('div', { class: 'grid2', id: 'abs-preview', 'aria-live': 'polite' });
  const delegateHint = el('p', { class: 'hint', id: 'abs-delegate-need' });
  const after = state.policy?.absence?.delegateAfterDays ?? 2;
  const submit = el('button', { type: 'submit', class: 'primary', id: 'abs-submit' }, t('register.submit'));
  const formError = el('div', { id: 'abs-form-error' });
  own.addEventListener('change', () => { ownBox.hidden = !own.checked; update(); });

  function fillOptions() {
    const seen = new Set();
    options.replaceChildren(...team.concat(state.found).filter((p) => p.mail && p.mail !== who.value && !seen.has(p.mail) && seen.add(p.mail))
      .map((p) => el('option', { value: p.mail }, `${p.displayName}${p.department ? ` (${p.department})` : ''}`)));
  }
  let searchTimer = null;
  let searchNotice = el('p', { class: 'hint', id: 'abs-search-note', 'aria-live': 'polite' });
  delegate.addEventListener('input', () => {
    clearTimeout(searchTimer);
    const q = delegate.value.trim();
    if (q.length < 2 || q.includes('@') && team.some((p) => p.mail === q)) return;
    searchTimer = setTimeout(async () => {
      try {
        const r = await api(`/api/v1/directory/search${query({ q })}`);
        state.found = Array.isArray(r) ? r : r.users ?? [];
        searchNotice.textContent = t('register.searchFound', { n: state.found.length });
        fillOptions();
      } catch (e) {
        searchNotice.textContent = e.status === 404 ? t('register.noSearch') : explain(e);
      }
    }, 300);
  });

  function days() {
    if (!first.value || !last.value) return 0;
    return Math.round((new Date(last.value) - new Date(first.value)) / 86400000) + 1;
  }

  function update() {
    fillOptions();
    const person = team.find((p) => p.mail === who.value);
    const d = days();
    delegateHint.textContent = d > after ? t('register.delegateNeeded', { days: d, after }) : t('register.delegateOptional', { after });
    const values = {
      name: person?.displayName ?? who.value ?? '',
      returnDate: last.value ? returnDay(last.value) : '',
      delegateName: delegate.value ? nameOf(delegate.value.trim()) : '',
      delegateAddress: d > after ? delegate.value.trim() : '',
      functionalMailbox: state.policy?.absence?.functionalMailbox ?? '',
    };
    preview.replaceChildren(...['internal', 'external'].map((kind) => {
      const ownText = own.checked ? (kind === 'internal' ? internal.value : external.value).trim() : '';
      const text = ownText || ['sv', 'en'].map((l) => fillTemplate(templatesOf(l)[kind], templatesOf(l), values, l)).join('\n\n– – –\n\n');
      return el('div', {}, el('h4', {}, t(`register.preview.${kind}`)), el('pre', { class: 'preview', id: `abs-preview-${kind}` }, text));
    }));
  }

  const form = el('form', { id: 'absence-form', novalidate: true },
    el('div', { class: 'grid2' },
      el('div', {},
        field('abs-user', t('register.person'), who, team.length ? null : t('register.personByAddress')),
        el('div', { class: 'row' }, field('abs-first', t('register.first'), first), field('abs-last', t('register.last'), last)),
        field('abs-delegate', t('register.delegate'), delegate, t('register.delegateHint')), options, delegateHint, searchNotice,
        el('div', { class: 'field inline' }, own, el('label', { for: 'abs-own' }, t('register.ownText'))), ownBox),
      el('div', {}, el('h3', {}, t('register.previewTitle')), el('p', { class: 'hint' }, t('register.previewIntro')), preview)),
    formError, el('div', { class: 'row' }, submit));
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    [who, first, last, delegate, internal, external].forEach((c) => setFieldError(c, ''));
    formError.replaceChildren();
    const errors = [];
    if (!who.value) errors.push([who, t('register.needPerson')]);
    if (!first.value) errors.push([first, t('register.needDate')]);
    if (!last.value) errors.push([last, t('register.needDate')]);
    if (first.value && last.value && last.value < first.value) errors.push([last, t('register.lastBeforeFirst')]);
    if (delegate.value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(delegate.value.trim())) errors.push([delegate, t('register.badDelegate')]);
    if (delegate.value && delegate.value.trim().toLowerCase() === who.value.toLowerCase()) errors.push([delegate, t('register.selfDelegate')]);
    errors.forEach(([c, m]) => setFieldError(c, m));
    if (errors.length) { errors[0][0].focus(); return; }
    const body = { user: who.value.trim(), start: startOf(first.value), end: endOf(last.value) };
    if (delegate.value.trim()) body.delegate = delegate.value.trim();
    if (own.checked && (internal.value.trim() || external.value.trim())) {
      body.autoReply = {};
      if (internal.value.trim()) body.autoReply.internal = internal.value.trim();
      if (external.value.trim()) body.autoReply.external = external.value.trim();
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      await api('/api/v1/absences', { method: 'POST', body });
      const name = nameOf(body.user);
      await refresh();
      renderRegister();
      flash(t('register.done', { name }));
    } catch (e) {
      const map = { user: who, start: first, end: last, delegate, 'autoReply.internal': internal, 'autoReply.external': external };
      if (e.status === 400 && e.errors?.length) {
        e.errors.forEach((x) => (map[x.field] ? setFieldError(map[x.field], x.message) : formError.append(notice(`${x.field}: ${x.message}`, 'error'))));
        (map[e.errors[0].field] ?? submit).focus();
      } else if (e.status === 403) {
        formError.replaceChildren(notice(t('register.forbidden'), 'error'));
      } else if (e.status === 404) {
        formError.replaceChildren(notice(t('team.noAbsences'), 'warning'));
      } else {
        formError.replaceChildren(errorNotice(e));
      }
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  box.replaceChildren(form);
  update();
}

function dialog(titleText, content, confirmText, onConfirm, danger = false) {
  const error = el('div');
  const ok = el('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, confirmText);
  const d = el('dialog', { 'aria-labelledby': 'dialog-title' },
    el('form', { method: 'dialog' }, el('h2', { id: 'dialog-title' }, titleText), content, error,
      el('div', { class: 'row' }, ok, el('button', { type: 'button', autofocus: danger, onclick: () => d.close() }, t('common.cancel')))));
  d.querySelector('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    ok.disabled = true;
    try {
      await onConfirm();
      d.close();
    } catch (e) {
      error.replaceChildren(errorNotice(e));
    } finally {
      ok.disabled = false;
    }
  });
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  d.showModal();
}

function editDialog(p) {
  const a = p.absence;
  const last = el('input', { type: 'date', value: lastDayOf(a.end), min: lastDayOf(a.start), required: true });
  const delegate = el('input', { type: 'email', value: a.delegate ?? '', list: 'delegate-options' });
  dialog(t('edit.title', { name: p.displayName }), el('div', {},
    el('p', {}, t('edit.period', { from: formatDate(a.start), to: formatDate(a.end) })),
    field('edit-last', t('register.last'), last), field('edit-delegate', t('register.delegate'), delegate, t('edit.delegateHint'))),
  t('edit.save'), async () => {
    const body = { end: endOf(last.value) };
    if ((a.delegate ?? '') !== delegate.value.trim()) body.delegate = delegate.value.trim() || null;
    await api(`/api/v1/absences/${encodeURIComponent(a.id)}`, { method: 'PATCH', body });
    await refresh();
    flash(t('edit.done', { name: p.displayName }));
  });
}

function endDialog(p) {
  dialog(t('end.title', { name: p.displayName }), el('p', {}, t('end.explain')), t('end.confirm'), async () => {
    await api(`/api/v1/absences/${encodeURIComponent(p.absence.id)}`, { method: 'DELETE' });
    await refresh();
    flash(t('end.done', { name: p.displayName }));
  }, true);
}

function renderCompliance() {
  const box = document.getElementById('compliance');
  if (state.complianceError) {
    box.replaceChildren(state.complianceError.status === 404 ? notice(t('compliance.notAvailable'), 'warning') : errorNotice(state.complianceError));
    return;
  }
  const c = state.compliance ?? {};
  const without = c.absentWithoutReply ?? [];
  box.replaceChildren(
    without.length ? notice(t('compliance.missing', { n: without.length }), 'warning') : notice(t('compliance.allGood'), 'success'),
    el('h3', {}, t('compliance.withoutReply')),
    table([
      { label: t('team.person'), value: (r) => r.displayName ?? nameOf(r.user) },
      { label: t('compliance.since'), value: (r) => (r.since ? formatDate(r.since) : '') },
    ], without),
    el('h3', {}, t('compliance.delegations')),
    table([
      { label: t('team.person'), value: (r) => r.displayName ?? nameOf(r.user) },
      { label: t('team.delegate'), value: (r) => nameOf(r.delegate) },
      { label: t('compliance.period'), value: (r) => `${formatDate(r.start, { day: 'numeric', month: 'short' })} – ${formatDate(r.end, { day: 'numeric', month: 'short' })}` },
    ], c.delegations ?? []),
    el('h3', {}, t('compliance.failures')),
    table([
      { label: t('team.person'), value: (r) => r.displayName ?? nameOf(r.user) },
      { label: t('compliance.reason'), value: (r) => r.reason ?? '' },
      { label: t('compliance.since'), value: (r) => formatDateTime(r.since) },
    ], c.failures ?? []));
}

