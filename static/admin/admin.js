// /admin: IT's pages. The API decides access; a 403 on the first call shows a plain refusal instead of the tabs.
import { addStrings, t } from '/common/i18n.js';
import { shell, tabs, el, notice, errorNotice, loading } from '/common/ui.js';
import { api } from '/common/api.js';
import { renderPolicy, renderHistory, loadSchema } from './policy.js';
import { renderStats } from './stats.js';
import { renderReports, renderAudit, renderReconciler } from './ops.js';
import { strings } from './strings.js';

addStrings(strings);

const user = await shell('admin.title');
if (user) {
  const main = document.getElementById('main');
  main.replaceChildren(loading());
  try {
    await loadSchema(api);
    tabs(main, [
      { id: 'policy', label: 'tab.policy', render: renderPolicy },
      { id: 'history', label: 'tab.history', render: renderHistory },
      { id: 'stats', label: 'tab.stats', render: renderStats },
      { id: 'reports', label: 'tab.reports', render: renderReports },
      { id: 'audit', label: 'tab.audit', render: renderAudit },
      { id: 'reconciler', label: 'tab.reconciler', render: renderReconciler },
    ]);
  } catch (e) {
    if (e.status === 403) {
      main.replaceChildren(el('div', { class: 'card', id: 'refusal' },
        el('h2', {}, t('admin.refusedTitle')),
        notice(t('admin.refused', { name: user.name }), 'error'),
        el('p', {}, t('admin.refusedHelp')),
        user.roles.includes('manager') ? el('p', {}, el('a', { href: '/manager/' }, t('admin.toManager'))) : null));
    } else {
      main.replaceChildren(errorNotice(e));
    }
    main.focus();
  }
}
