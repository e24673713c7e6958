// Swedish first, English second. Pages add their own strings; texts in the HTML carry data-i18n keys.
const strings = { sv: {}, en: {} };
const listeners = [];
let current = stored() === 'en' ? 'en' : 'sv';

/** The remembered language; storage can be blocked (a SecurityError), and then the page just starts in Swedish. */
function stored() {
  try {
    return localStorage.getItem('postvakt.lang');
  } catch {
    return null;
  }
}

export function addStrings(more) {
  Object.assign(strings.sv, more.sv);
  Object.assign(strings.en, more.en);
}

export function lang() {
  return current;
}

/** The text for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const s = strings[current][key] ?? strings.sv[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function setLang(l) {
  current = l === 'en' ? 'en' : 'sv';
  try {
    localStorage.setItem('postvakt.lang', current);
  } catch {
    // not remembered; the choice still applies to this page
  }
  document.documentElement.lang = current;
  applyI18n(document);
  listeners.forEach((f) => f(current));
}

export function onLangChange(f) {
  listeners.push(f);
}

/** Fills every [data-i18n] element's text and [data-i18n-attr="attr:key,..."] attributes. */
export function applyI18n(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    el.dataset.i18nAttr.split(',').forEach((pair) => {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    });
  });
}

/** A date (YYYY-MM-DD or Date) as the reader expects it, e.g. "måndag 8 december 2026". */
export function formatDate(d, opts = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) {
  const date = typeof d === 'string' && d.length === 10 ? new Date(d + 'T12:00:00') : new Date(d);
  return date.toLocaleDateString(current === 'en' ? 'en-GB' : 'sv-SE', opts);
}

export function formatDateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(current === 'en' ? 'en-GB' : 'sv-SE',
    { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatNumber(n, digits = 0) {
  return Number(n).toLocaleString(current === 'en' ? 'en-GB' : 'sv-SE',
    { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

addStrings({
  sv: {
    'app.name': 'Postvakt',
    'lang.toggle': 'English',
    'lang.toggleLabel': 'Byt språk till engelska',
    'auth.signIn': 'Logga in',
    'auth.signOut': 'Logga ut',
    'auth.signingIn': 'Loggar in …',
    'auth.devTitle': 'Utvecklarläge: logga in med en token',
    'auth.devHelp': 'Servern körs i utvecklarläge och skrev ut tokens för personal, chef och IT när den startade. Klistra in en av dem.',
    'auth.devToken': 'Token',
    'auth.devUse': 'Använd token',
    'auth.devBad': 'Det där ser inte ut som en token (tre delar åtskilda av punkter).',
    'auth.notConfigured': 'Inloggningen är inte konfigurerad på servern (ENTRA_TENANT_ID och ENTRA_CLIENT_ID saknas). Kontakta IT.',
    'auth.failed': 'Inloggningen misslyckades: {detail}',
    'auth.expired': 'Din inloggning har gått ut. Logga in igen.',
    'role.admin': 'IT-administratör',
    'role.manager': 'Chef',
    'role.staff': 'Personal',
    'err.network': 'Servern svarar inte. Kontrollera nätverket och försök igen.',
    'err.server': 'Något gick fel på servern ({status}). Försök igen om en stund.',
    'err.graph': 'Uppgifter från Microsoft 365 (Microsoft Graph) går inte att hämta just nu. Serverns förklaring: {detail}',
    'err.forbidden': 'Du har inte behörighet till det här.',
    'err.notAvailable': 'Inte tillgängligt ännu: servern har inte den här funktionen ({path}).',
    'err.summary': 'Rätta följande innan du sparar:',
    'common.loading': 'Hämtar …',
    'common.yes': 'Ja',
    'common.no': 'Nej',
    'common.none': '(ingen)',
    'common.empty': '(tom)',
    'common.filter': 'Filtrera',
    'common.clear': 'Rensa',
    'common.from': 'Från och med',
    'common.to': 'Till och med',
    'common.noRows': 'Inga rader att visa.',
    'common.cancel': 'Avbryt',
    'common.close': 'Stäng',
    'common.showTable': 'Visa som tabell',
  },
  en: {
    'app.name': 'Postvakt',
    'lang.toggle': 'Svenska',
    'lang.toggleLabel': 'Switch language to Swedish',
    'auth.signIn': 'Sign in',
    'auth.signOut': 'Sign out',
    'auth.signingIn': 'Signing in …',
    'auth.devTitle': 'Dev mode: sign in with a token',
    'auth.devHelp': 'The server runs in dev mode and printed tokens for staff, a manager and IT when it started. Paste one of them.',
    'auth.devToken': 'Token',
    'auth.devUse': 'Use token',
    'auth.devBad': 'That does not look like a token (three parts separated by dots).',
    'auth.notConfigured': 'Sign-in is not configured on the server (ENTRA_TENANT_ID and ENTRA_CLIENT_ID are missing). Contact IT.',
    'auth.failed': 'Sign-in failed: {detail}',
    'auth.expired': 'Your sign-in has expired. Please sign in again.',
    'role.admin': 'IT administrator',
    'role.manager': 'Manager',
    'role.staff': 'Staff',
    'err.network': 'The server does not answer. Check the network and try again.',
    'err.server': 'Something went wrong on the server ({status}). Try again in a moment.',
    'err.graph': 'Data from Microsoft 365 (Microsoft Graph) cannot be fetched right now. The server says: {detail}',
    'err.forbidden': 'You are not allowed to do this.',
    'err.notAvailable': 'Not available yet: the server does not have this feature ({path}).',
    'err.summary': 'Correct the following before saving:',
    'common.loading': 'Loading …',
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.none': '(none)',
    'common.empty': '(empty)',
    'common.filter': 'Filter',
    'common.clear': 'Clear',
    'common.from': 'From',
    'common.to': 'To',
    'common.noRows': 'No rows to show.',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.showTable': 'Show as a table',
  },
});
