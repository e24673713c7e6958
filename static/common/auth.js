// Sign-in: MSAL (Entra ID, redirect flow) in production; a pasted dev token (sessionStorage) in dev mode.
// The roles claim is read for display only; the API enforces every permission itself.
import { t } from './i18n.js';

const DEV_KEY = 'postvakt.devToken';
let settings = null;
let msalApp = null;
let account = null;

/** The public sign-in settings from the server: clientId, tenantId, authority, apiScope, devMode. */
export async function authConfig() {
  if (!settings) {
    const res = await fetch('/auth-config.json', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`sign-in settings could not be read (HTTP ${res.status})`);
    settings = await res.json();
  }
  return settings;
}

/** The claims of a JWT, without checking it (display only). */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(part).split('').map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** Who the token says the user is: name, upn and roles ('admin', 'manager', 'staff'). */
export function userOf(token) {
  const c = claims(token);
  const appRoles = Array.isArray(c.roles) ? c.roles : [];
  const roles = ['staff'];
  if (appRoles.includes('Postvakt.Manager')) roles.push('manager');
  if (appRoles.includes('Postvakt.Admin')) roles.push('admin');
  return { name: c.name || c.preferred_username || c.upn || '', upn: c.preferred_username || c.upn || '', roles };
}

/**
 * Signs the user in if needed. Resolves to a user once a token is at hand, or to null after rendering a sign-in
 * form into `mount` (dev mode) or while the browser redirects to Entra ID.
 */
export async function signIn(mount) {
  const cfg = await authConfig();
  if (cfg.devMode) {
    const token = sessionStorage.getItem(DEV_KEY);
    if (token) return userOf(token);
    renderDevForm(mount);
    return null;
  }
  if (!cfg.clientId || !cfg.authority) {
    mount.replaceChildren(message(t('auth.notConfigured'), 'error'));
    return null;
  }
  await loadScript('/vendor/msal-browser.js');
  msalApp = new window.msal.PublicClientApplication({
    auth: { clientId: cfg.clientId, authority: cfg.authority, redirectUri: location.origin + location.pathname },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msalApp.initialize();
  try {
    const result = await msalApp.handleRedirectPromise();
    account = result?.account ?? msalApp.getAllAccounts()[0] ?? null;
  } catch (e) {
    mount.replaceChildren(message(t('auth.failed', { detail: e.message }), 'error'));
    return null;
  }
  if (!account) {
    await msalApp.loginRedirect({ scopes: [cfg.apiScope] });
    return null;
  }
  msalApp.setActiveAccount(account);
  return userOf(await token());
}

/** An access token for the API (MSAL refreshes it silently, or redirects when it cannot). */
export async function token() {
  if (settings?.devMode) return sessionStorage.getItem(DEV_KEY);
  const request = { scopes: [settings.apiScope], account };
  try {
    return (await msalApp.acquireTokenSilent(request)).accessToken;
  } catch (e) {
    if (e instanceof window.msal.InteractionRequiredAuthError) {
      await msalApp.acquireTokenRedirect(request);
    }
    throw e;
  }
}

export async function signOut() {
  if (settings?.devMode) {
    sessionStorage.removeItem(DEV_KEY);
    location.reload();
    return;
  }
  await msalApp.logoutRedirect({ account });
}

/** The token was refused (401): forget a dev token so the form comes back; MSAL gets a fresh one on reload. */
export function tokenRefused() {
  if (settings?.devMode) sessionStorage.removeItem(DEV_KEY);
}

/** MSAL is fetched only when Entra ID sign-in is used, keeping dev mode and the first paint light. */
function loadScript(src) {
  if (window.msal) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

function renderDevForm(mount) {
  const form = document.createElement('form');
  form.className = 'card signin';
  form.innerHTML = `<h2></h2><p></p>
    <label for="dev-token"></label>
    <textarea id="dev-token" name="token" rows="4" required autocomplete="off" spellcheck="false" aria-describedby="dev-token-error"></textarea>
    <p id="dev-token-error" class="field-error" hidden></p>
    <button type="submit" class="primary"></button>`;
  form.querySelector('h2').textContent = t('auth.devTitle');
  form.querySelector('p').textContent = t('auth.devHelp');
  form.querySelector('label').textContent = t('auth.devToken');
  form.querySelector('button').textContent = t('auth.devUse');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = form.token.value.trim().replace(/^Bearer\s+/i, '');
    const err = form.querySelector('.field-error');
    if (value.split('.').length !== 3) {
      err.textContent = t('auth.devBad');
      err.hidden = false;
      form.token.setAttribute('aria-invalid', 'true');
      form.token.focus();
      return;
    }
    sessionStorage.setItem(DEV_KEY, value);
    location.reload();
  });
  mount.replaceChildren(form);
  form.token.focus();
}

function message(text, kind) {
  const p = document.createElement('p');
  p.className = `notice ${kind}`;
  p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  p.textContent = text;
  return p;
}
