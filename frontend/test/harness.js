// Runs static/launchevent/launchevent.js the way classic Outlook does (bare, no DOM) against an office-addin-mock
// Outlook, a fake Postvakt backend and a clock that runs 10 times faster than real time.
import { readFileSync } from 'node:fs';
import { OfficeMockObject } from 'office-addin-mock';

export const SOURCE = readFileSync(new URL('../../static/launchevent/launchevent.js', import.meta.url), 'utf8');
export const BASE = 'https://postvakt.example.se';

/** Virtual time: timers and Date.now run SCALE times faster, so a 5 s budget takes 0.5 s of the test. */
export function fastClock(scale = 10) {
  const p0 = performance.now();
  const t0 = 1_800_000_000_000;
  const now = () => t0 + (performance.now() - p0) * scale;
  class FastDate extends Date {
    static now() {
      return now();
    }
  }
  return {
    now,
    Date: FastDate,
    setTimeout: (fn, ms) => setTimeout(fn, (ms || 0) / scale),
    clearTimeout: (t) => clearTimeout(t),
  };
}

const succeeded = (value) => ({ status: 'succeeded', value });

/** A message being written, as Outlook's compose API shows it, with its notifications and session data. */
export function composeItem(state) {
  const s = {
    to: [], cc: [], bcc: [], attachments: [], subject: '', body: '', from: null,
    notifications: new Map(), session: new Map(), broken: {}, ...state,
  };
  // s.broken[name] = 'fail' | 'hang' makes that read fail or never answer.
  const answer = (name, cb, value) => {
    if (s.broken[name] === 'hang') return;
    if (s.broken[name] === 'fail') cb({ status: 'failed', error: { message: `${name} unavailable` } });
    else cb(succeeded(value));
  };
  const field = (name) => ({ getAsync: (...args) => answer(name, args.at(-1), s[name]) });
  return {
    state: s,
    item: {
      to: field('to'), cc: field('cc'), bcc: field('bcc'), subject: field('subject'), from: field('from'),
      body: { getAsync: (coercion, cb) => answer('body', cb, coercion === 'html' ? s.body : '') },
      getAttachmentsAsync: (cb) => cb(succeeded(s.attachments)),
      notificationMessages: {
        getAllAsync: (cb) => cb(succeeded([...s.notifications.entries()].map(([key, v]) => ({ key, ...v })))),
        replaceAsync: (key, details, cb) => {
          if (s.broken.notifications) throw new Error('broken host');
          s.notifications.set(key, details);
          cb(succeeded());
        },
        removeAsync: (key, cb) => { s.notifications.delete(key); cb(succeeded()); },
      },
      sessionData: {
        setAsync: (key, value, cb) => { s.session.set(key, value); cb(succeeded()); },
        getAsync: (key, cb) => cb(succeeded(s.session.get(key))),
      },
    },
  };
}

/** Outlook's global Office object (office-addin-mock) for a client implementing Mailbox up to `mailbox`. */
export function office(item, { mailbox = '1.15', language = 'sv-SE', naa = false } = {}) {
  const [maj, min] = mailbox.split('.').map(Number);
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      displayLanguage: language,
      mailbox: { item },
      requirements: {
        isSetSupported: (name, version) => {
          if (name === 'NestedAppAuth') return naa;
          const [a, b] = String(version).split('.').map(Number);
          return name === 'Mailbox' && (a < maj || (a === maj && b <= min));
        },
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    MailboxEnums: {
      ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage' },
      SendModeOverride: { PromptUser: 'promptUser' },
    },
  });
  return mock;
}

/** Office single sign-on: a token, a refusal, or no answer at all. */
export function officeRuntime({ token = 'tok-123', storage = new Map() } = {}) {
  return {
    auth: {
      getAccessToken: () => token === 'hang' ? new Promise(() => {})
        : token ? Promise.resolve(token) : Promise.reject({ code: 13001 }),
    },
    storage: {
      getItem: async (k) => storage.get(k) ?? null,
      setItem: async (k, v) => { storage.set(k, v); },
    },
    storageMap: storage,
  };
}

/**
 * A fake Postvakt: `routes` maps "METHOD /path" to a function of the parsed body returning
 * {status, json, delay} or the string "down" (connection refused). Records every request.
 */
export function backend(clock, routes) {
  const requests = [];
  const fetch = (url, init) => {
    const path = url.replace(BASE, '');
    const key = `${init.method} ${path}`;
    const body = init.body ? JSON.parse(init.body) : undefined;
    requests.push({ url, key, body, headers: init.headers });
    const handler = routes[key];
    const answer = handler ? handler(body) : { status: 404, json: { error: 'not found' } };
    if (answer === 'down') return Promise.reject(new TypeError('Failed to fetch'));
    const response = {
      status: answer.status ?? 200,
      ok: (answer.status ?? 200) < 300,
      json: async () => answer.json,
    };
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => resolve(response), answer.delay ?? 20);
      init.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new Error('aborted')); });
    });
  };
  return { fetch, requests };
}

/** Loads the handler file as classic Outlook would and returns what it associated. */
export function load({ office: officeGlobal, runtime, fetch, clock, msal }) {
  const handlers = {};
  officeGlobal.actions = { associate: (name, fn) => { handlers[name] = fn; } };
  const quiet = { log: () => {}, error: () => {} };
  const run = new Function('Office', 'OfficeRuntime', 'fetch', 'setTimeout', 'clearTimeout', 'Date', 'msal',
    'console', SOURCE);
  run(officeGlobal, runtime, fetch, clock.setTimeout, clock.clearTimeout, clock.Date, msal, quiet);
  return handlers;
}

/** An event whose completion the test awaits; counts calls so "exactly once" can be asserted. */
export function event(clock) {
  const calls = [];
  let resolve;
  const done = new Promise((r) => { resolve = r; });
  const started = clock.now();
  return {
    calls,
    done,
    evt: {
      completed: (options) => {
        calls.push({ options, at: clock.now() - started });
        resolve(calls[0]);
      },
    },
  };
}

export const finding = (rule, severity, message, extra = {}) => ({ rule, severity, field: 'body', message, ...extra });

export const answer = (verdict, findings = []) => ({ verdict, findings, checkId: 'chk-1', policyVersion: 7 });
