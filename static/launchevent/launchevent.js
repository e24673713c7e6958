/*
 * Postvakt's event-based handlers for Outlook: live warnings while composing and the send gate (Smart Alerts).
 *
 * One file without imports: classic Outlook on Windows runs it bare in a JavaScript-only runtime (no DOM, no
 * Office.onReady), the other clients load it from launchevent.html. The rules live on the server; this file
 * collects what Outlook offers, asks POST /api/v1/compose/check and shows the answer.
 *
 * When Postvakt cannot answer in time (unreachable, slower than CHECK_TIMEOUT_MS, no token, 401) the send fails
 * open: the person is told, and "Skicka ändå" stays available. Organisations whose policy says
 * addin.failMode=closed get a stop instead (the last policy seen is cached).
 */
"use strict";

/** Postvakt's public URL; the server rewrites it to PUBLIC_BASE_URL when it serves this file. */
var POSTVAKT_BASE_URL = "https://postvakt.example.se";
/** The Entra ID app's client id; the server rewrites it to ENTRA_CLIENT_ID when it serves this file. */
var POSTVAKT_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

/** Outlook gives a send handler about 5 s; the check gets at most 3 s of it. */
var CHECK_TIMEOUT_MS = 3000;
/** Silent token acquisition gets at most this long. */
var TOKEN_TIMEOUT_MS = 1200;
/** Every handler completes within this, whatever hangs. */
var SEND_BUDGET_MS = 4500;
/** Outlook shows at most 5 notifications on an item. */
var MAX_NOTIFICATIONS = 5;
/** Outlook cuts notification text at 150 characters and Smart Alerts messages at 500. */
var NOTIFICATION_CHARS = 150;
var DIALOG_CHARS = 500;
/** Keys of our notifications start with this, so others' notifications are left alone. */
var NOTICE_PREFIX = "postvakt-";
/** The task pane button's control id: the send dialog opens the task pane through it. */
var TASKPANE_COMMAND_ID = "PostvaktComposeButton";
/** The policy's failMode is re-read at most this often. */
var POLICY_MAX_AGE_MS = 60 * 60 * 1000;
var SESSION_KEY = "postvakt.lastCheck";
var POLICY_KEY = "postvakt.policy";

var TEXT = {
  sv: {
    warnIntro: "Postvakt hittade något du bör titta på innan du skickar:",
    blockIntro: "Postvakt stoppade meddelandet. Ändra det innan du skickar:",
    unavailable: "Postvakt kunde inte kontrollera meddelandet just nu. Du kan skicka ändå, men tänk på kommunens riktlinjer för e-post.",
    noToken: "Postvakt kunde inte kontrollera meddelandet eftersom du inte är inloggad. Öppna Postvakt och logga in. Du kan skicka ändå.",
    closed: "Postvakt kunde inte kontrollera meddelandet, och din organisation kräver kontroll innan e-post skickas. Försök igen om en stund eller kontakta IT.",
    liveUnavailable: "Postvakt kan inte kontrollera meddelandet just nu.",
    liveNoToken: "Postvakt: logga in via Postvakt-knappen för att få varningar.",
    showDetails: "Visa i Postvakt",
    more: "… och fler. Öppna Postvakt för detaljer."
  },
  en: {
    warnIntro: "Postvakt found something to look at before you send:",
    blockIntro: "Postvakt stopped the message. Change it before you send:",
    unavailable: "Postvakt could not check the message right now. You can send anyway, but keep the e-mail policy in mind.",
    noToken: "Postvakt could not check the message because you are not signed in. Open Postvakt and sign in. You can send anyway.",
    closed: "Postvakt could not check the message, and your organisation requires a check before mail is sent. Try again shortly or contact IT.",
    liveUnavailable: "Postvakt cannot check the message right now.",
    liveNoToken: "Postvakt: sign in with the Postvakt button to get warnings.",
    showDetails: "Show in Postvakt",
    more: "… and more. Open Postvakt for details."
  }
};

var SEVERITY_RANK = { info: 1, warn: 2, block: 3 };
var policyMemory = null;
var nestedAppClient = null;

/** The language of Outlook's interface, as the API's locale: English when Outlook speaks English, else Swedish. */
function locale() {
  var lang = (Office.context && Office.context.displayLanguage) || "sv-SE";
  return String(lang).toLowerCase().indexOf("en") === 0 ? "en" : "sv";
}

/** True when the client implements the given Mailbox requirement set. */
function supports(version) {
  try {
    return Office.context.requirements.isSetSupported("Mailbox", version);
  } catch (e) {
    return false;
  }
}

/** Promise over an Office callback API; resolves with asyncResult.value, rejects on failure. */
function officeAsync(target, method, args) {
  return new Promise(function (resolve, reject) {
    if (!target || typeof target[method] !== "function") {
      reject(new Error(method + " is not available"));
      return;
    }
    var callArgs = (args || []).slice();
    callArgs.push(function (result) {
      if (result && result.status === Office.AsyncResultStatus.Failed) {
        reject(result.error || new Error(method + " failed"));
      } else {
        resolve(result ? result.value : undefined);
      }
    });
    target[method].apply(target, callArgs);
  });
}

/** Rejects with a timeout error unless the promise settles within ms. */
function within(promise, ms, what) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () {
      reject(new PostvaktUnavailable("slow", what + " took longer than " + ms + " ms"));
    }, Math.max(0, ms));
    promise.then(function (v) {
      clearTimeout(timer);
      resolve(v);
    }, function (e) {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Why Postvakt could not answer: "down", "slow", "no-token" or "unauthorized". */
function PostvaktUnavailable(reason, detail) {
  this.reason = reason;
  this.message = detail || reason;
}

/** A token for Postvakt's API, silently: nested app authentication first, Office SSO second; null when neither. */
async function acquireTokenSilently() {
  var scope = "api://" + POSTVAKT_CLIENT_ID + "/access_as_user";
  if (typeof msal !== "undefined" && msal.createNestablePublicClientApplication) {
    try {
      if (Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")) {
        if (!nestedAppClient) {
          nestedAppClient = await msal.createNestablePublicClientApplication({
            auth: { clientId: POSTVAKT_CLIENT_ID, authority: "https://login.microsoftonline.com/common" }
          });
        }
        var result = await nestedAppClient.acquireTokenSilent({ scopes: [scope] });
        if (result && result.accessToken) {
          return result.accessToken;
        }
      }
    } catch (e) {
      console.log("Postvakt: nested app authentication gave no token: " + (e && e.message));
    }
  }
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth && OfficeRuntime.auth.getAccessToken) {
    try {
      return await OfficeRuntime.auth.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false });
    } catch (e) {
      console.log("Postvakt: Office single sign-on gave no token: " + (e && e.code));
    }
  }
  return null;
}

/** A token within TOKEN_TIMEOUT_MS, or a PostvaktUnavailable("no-token"). */
async function requireToken() {
  var token = null;
  try {
    token = await within(acquireTokenSilently(), TOKEN_TIMEOUT_MS, "token");
  } catch (e) {
    token = null;
  }
  if (!token) {
    throw new PostvaktUnavailable("no-token", "no token");
  }
  return token;
}

/** Calls Postvakt's API with a time limit; throws PostvaktUnavailable when it cannot answer. */
async function callApi(method, path, body, token, timeoutMs) {
  var controller = typeof AbortController !== "undefined" ? new AbortController() : null;
  var request = fetch(POSTVAKT_BASE_URL + path, {
    method: method,
    headers: body === undefined
      ? { "Authorization": "Bearer " + token, "Accept": "application/json" }
      : { "Authorization": "Bearer " + token, "Accept": "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: controller ? controller.signal : undefined
  }).then(function (response) {
    if (response.status === 401 || response.status === 403) {
      throw new PostvaktUnavailable("unauthorized", "HTTP " + response.status);
    }
    if (!response.ok) {
      throw new PostvaktUnavailable("down", "HTTP " + response.status);
    }
    return response.json();
  }, function (e) {
    throw new PostvaktUnavailable("down", e && e.message);
  });
  try {
    return await within(request, timeoutMs, path);
  } catch (e) {
    if (controller) {
      controller.abort();
    }
    throw e instanceof PostvaktUnavailable ? e : new PostvaktUnavailable("down", e && e.message);
  }
}

/** Outlook's recipient details in the API's shape. */
function recipients(list) {
  return (list || []).map(function (r) {
    return { address: r.emailAddress || "", name: r.displayName || "", recipientType: r.recipientType || "other" };
  });
}

/** Outlook's attachment details in the API's shape (name and size; the content never leaves Outlook). */
function attachments(list) {
  return (list || []).map(function (a) {
    var out = { name: a.name || "", size: typeof a.size === "number" ? a.size : 0, isInline: !!a.isInline };
    if (a.contentType) {
      out.contentType = a.contentType;
    }
    return out;
  });
}

/** Recipients and attachments of the item being written: what the live warnings need. */
async function collectEnvelope(item) {
  var parts = await Promise.all([
    officeAsync(item.to, "getAsync"),
    officeAsync(item.cc, "getAsync"),
    officeAsync(item.bcc, "getAsync"),
    officeAsync(item, "getAttachmentsAsync")
  ]);
  return {
    to: recipients(parts[0]),
    cc: recipients(parts[1]),
    bcc: recipients(parts[2]),
    attachments: attachments(parts[3]),
    locale: locale()
  };
}

/** Everything the send gate checks: the envelope plus subject, HTML body and sender. */
async function collectMessage(item) {
  var parts = await Promise.all([
    collectEnvelope(item),
    officeAsync(item.subject, "getAsync"),
    officeAsync(item.body, "getAsync", [Office.CoercionType.Html]),
    item.from ? officeAsync(item.from, "getAsync").catch(function () { return null; }) : Promise.resolve(null)
  ]);
  var request = parts[0];
  request.subject = parts[1] || "";
  request.body = parts[2] || "";
  request.bodyFormat = "html";
  if (parts[3] && parts[3].emailAddress) {
    request.from = { address: parts[3].emailAddress, name: parts[3].displayName || "" };
  }
  return request;
}

/** Storage shared by the event runtime and the task pane where Outlook has it, else this runtime's memory. */
async function readPolicyCache() {
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
    try {
      var raw = await OfficeRuntime.storage.getItem(POLICY_KEY);
      if (raw) {
        policyMemory = JSON.parse(raw);
      }
    } catch (e) {
      console.log("Postvakt: policy cache unreadable");
    }
  }
  return policyMemory;
}

async function writePolicyCache(entry) {
  policyMemory = entry;
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
    try {
      await OfficeRuntime.storage.setItem(POLICY_KEY, JSON.stringify(entry));
    } catch (e) {
      console.log("Postvakt: policy cache not written");
    }
  }
}

/** Re-reads addin.failMode when the cached copy is old; failures keep the old copy. */
async function refreshPolicy(token) {
  var cached = await readPolicyCache();
  if (cached && Date.now() - cached.at < POLICY_MAX_AGE_MS) {
    return;
  }
  try {
    var policy = await callApi("GET", "/api/v1/policy", undefined, token, CHECK_TIMEOUT_MS);
    var mode = policy && policy.addin && policy.addin.failMode === "closed" ? "closed" : "open";
    await writePolicyCache({ failMode: mode, at: Date.now() });
  } catch (e) {
    console.log("Postvakt: policy not refreshed (" + e.reason + ")");
  }
}

/** Keeps the last answer with the item, so the task pane can show it at once. */
async function rememberCheck(item, answer) {
  if (!item.sessionData) {
    return;
  }
  var kept = {
    verdict: answer.verdict,
    checkId: answer.checkId,
    policyVersion: answer.policyVersion,
    findings: (answer.findings || []).slice(0, 20),
    at: Date.now()
  };
  var text = JSON.stringify(kept);
  if (text.length > 45000) {
    kept.findings = kept.findings.map(function (f) {
      return { rule: f.rule, severity: f.severity, field: f.field, message: f.message, policyRef: f.policyRef };
    });
    text = JSON.stringify(kept);
  }
  try {
    await within(officeAsync(item.sessionData, "setAsync", [SESSION_KEY, text]), 500, "sessionData");
  } catch (e) {
    console.log("Postvakt: last answer not kept");
  }
}

/** The first sentence of a message, cut to fit. */
function headline(message, limit) {
  var text = String(message || "").replace(/\s+/g, " ").trim();
  var stop = text.search(/[.!?](\s|$)/);
  if (stop > 0 && stop < limit) {
    text = text.substring(0, stop + 1);
  }
  return text.length > limit ? text.substring(0, limit - 1) + "…" : text;
}

/** Findings worth showing, the most severe first. */
function rankedFindings(answer) {
  return (answer.findings || []).filter(function (f) {
    return SEVERITY_RANK[f.severity] > 0;
  }).sort(function (a, b) {
    return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  });
}

/** Makes the item's Postvakt notifications exactly the given ones: replaces, adds and removes by key. */
async function showNotifications(item, wanted) {
  var messages = item.notificationMessages;
  var existing = [];
  try {
    existing = (await officeAsync(messages, "getAllAsync")) || [];
  } catch (e) {
    existing = [];
  }
  var keep = {};
  wanted.forEach(function (n) {
    keep[n.key] = true;
  });
  var work = [];
  existing.forEach(function (n) {
    if (n.key && n.key.indexOf(NOTICE_PREFIX) === 0 && !keep[n.key]) {
      work.push(officeAsync(messages, "removeAsync", [n.key]).catch(function () { return null; }));
    }
  });
  wanted.slice(0, MAX_NOTIFICATIONS).forEach(function (n) {
    var details = n.error
      ? { type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message: n.message }
      : { type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage, message: n.message,
          icon: "Icon.16x16", persistent: false };
    work.push(officeAsync(messages, "replaceAsync", [n.key, details]).catch(function () { return null; }));
  });
  await Promise.all(work);
}

/** One notification per finding (at most 5), keyed by rule so a later answer replaces it. */
function notificationsFor(answer) {
  var seen = {};
  return rankedFindings(answer).slice(0, MAX_NOTIFICATIONS).map(function (f) {
    var key = NOTICE_PREFIX + f.rule;
    seen[key] = (seen[key] || 0) + 1;
    return {
      key: seen[key] > 1 ? key + "-" + seen[key] : key,
      message: headline(f.message || f.rule, NOTIFICATION_CHARS),
      error: f.severity === "block"
    };
  });
}

/** Live warnings: checks recipients and attachments and keeps the infobar in step with the answer. */
async function liveCheck(item) {
  var t = TEXT[locale()];
  try {
    var both = await Promise.all([collectEnvelope(item), requireToken()]);
    var answer = await callApi("POST", "/api/v1/compose/check", both[0], both[1], CHECK_TIMEOUT_MS);
    await showNotifications(item, notificationsFor(answer));
    await rememberCheck(item, answer);
    await refreshPolicy(both[1]);
  } catch (e) {
    var reason = e instanceof PostvaktUnavailable ? e.reason : "down";
    var signIn = reason === "no-token" || reason === "unauthorized";
    await showNotifications(item, [{ key: NOTICE_PREFIX + "unavailable", message: signIn ? t.liveNoToken : t.liveUnavailable }]);
  }
}

/** Runs a live check and completes the event exactly once: when the check ends, fails, or the budget runs out. */
function completeLiveCheck(event) {
  var done = false;
  function finish() {
    if (!done) {
      done = true;
      clearTimeout(guard);
      event.completed();
    }
  }
  var guard = setTimeout(finish, SEND_BUDGET_MS);
  liveCheck(Office.context.mailbox.item).then(finish, finish);
}

/**
 * Handles OnMessageRecipientsChanged: re-checks the audience and shows infobar warnings.
 * @param {Office.AddinCommands.Event} event the launch event; completed on every path.
 */
function onMessageRecipientsChangedHandler(event) {
  completeLiveCheck(event);
}

/**
 * Handles OnMessageAttachmentsChanged: re-checks attachment sizes and shows infobar warnings.
 * @param {Office.AddinCommands.Event} event the launch event; completed on every path.
 */
function onMessageAttachmentsChangedHandler(event) {
  completeLiveCheck(event);
}

/** Escapes the characters Outlook's Smart Alerts Markdown would read as formatting. */
function markdownEscape(text) {
  return String(text).replace(/([\\`*_{}\[\]()#+!|>~])/g, "\\$1");
}

/** Lines joined until the limit; the tail says there is more. */
function fitLines(intro, lines, limit, more) {
  var out = intro;
  for (var i = 0; i < lines.length; i++) {
    var next = out + "\n" + lines[i];
    if (next.length > limit - more.length - 1) {
      return out + "\n" + more;
    }
    out = next;
  }
  return out;
}

/** The Smart Alerts outcome for a warn or block answer. */
function stopFor(answer, lang) {
  var t = TEXT[lang];
  var blocked = answer.verdict === "block";
  var findings = rankedFindings(answer).filter(function (f) {
    return f.severity !== "info";
  });
  var intro = blocked ? t.blockIntro : t.warnIntro;
  var options = {
    allowEvent: false,
    errorMessage: fitLines(intro, findings.map(function (f) { return "• " + headline(f.message || f.rule, 200); }),
      DIALOG_CHARS, t.more)
  };
  if (supports("1.15")) {
    options.errorMessageMarkdown = fitLines("**" + markdownEscape(intro) + "**",
      findings.map(function (f) { return "- " + markdownEscape(headline(f.message || f.rule, 200)); }), DIALOG_CHARS,
      markdownEscape(t.more));
  }
  if (supports("1.14")) {
    options.commandId = TASKPANE_COMMAND_ID;
    options.cancelLabel = t.showDetails;
    options.contextData = JSON.stringify({ checkId: answer.checkId || null });
    if (!blocked) {
      options.sendModeOverride = Office.MailboxEnums.SendModeOverride.PromptUser;
    }
  }
  return options;
}

/** The Smart Alerts outcome when Postvakt could not answer: open (with a notice) or closed per the cached policy. */
async function unavailableOutcome(reason, lang) {
  var t = TEXT[lang];
  var cached = null;
  try {
    cached = await within(readPolicyCache(), 300, "policy cache");
  } catch (e) {
    cached = null;
  }
  if (cached && cached.failMode === "closed") {
    return { allowEvent: false, errorMessage: t.closed };
  }
  if (!supports("1.14")) {
    return { allowEvent: true };
  }
  var signIn = reason === "no-token" || reason === "unauthorized";
  return {
    allowEvent: false,
    errorMessage: signIn ? t.noToken : t.unavailable,
    sendModeOverride: Office.MailboxEnums.SendModeOverride.PromptUser,
    commandId: TASKPANE_COMMAND_ID,
    cancelLabel: t.showDetails
  };
}

/** The outcome when the budget runs out: the same choice as unavailableOutcome, from memory only (no waiting). */
function budgetSpentOutcome(lang) {
  if (policyMemory && policyMemory.failMode === "closed") {
    return { allowEvent: false, errorMessage: TEXT[lang].closed };
  }
  if (!supports("1.14")) {
    return { allowEvent: true };
  }
  return { allowEvent: false, errorMessage: TEXT[lang].unavailable,
    sendModeOverride: Office.MailboxEnums.SendModeOverride.PromptUser };
}

/**
 * Handles OnMessageSend (Smart Alerts): checks the whole message and allows, warns (with "Skicka ändå") or stops.
 * Completes within SEND_BUDGET_MS on every path.
 * @param {Office.AddinCommands.Event} event the send event; completed exactly once.
 */
function onMessageSendHandler(event) {
  var started = Date.now();
  var lang = locale();
  var done = false;
  var guard = null;
  function finish(options) {
    if (done) {
      return;
    }
    done = true;
    clearTimeout(guard);
    event.completed(options);
  }
  guard = setTimeout(function () {
    finish(budgetSpentOutcome(lang));
  }, SEND_BUDGET_MS);

  (async function () {
    var item = Office.context.mailbox.item;
    try {
      var both = await Promise.all([collectMessage(item), requireToken()]);
      var remaining = SEND_BUDGET_MS - (Date.now() - started) - 300;
      var answer = await callApi("POST", "/api/v1/compose/check", both[0], both[1],
        Math.min(CHECK_TIMEOUT_MS, remaining));
      await rememberCheck(item, answer);
      if (answer.verdict === "warn" || answer.verdict === "block") {
        finish(stopFor(answer, lang));
      } else {
        finish({ allowEvent: true });
      }
    } catch (e) {
      var reason = e instanceof PostvaktUnavailable ? e.reason : "down";
      console.log("Postvakt: send check unavailable (" + reason + ")");
      finish(await unavailableOutcome(reason, lang));
    }
  })().catch(function () {
    // anything unforeseen follows the same fail-open/fail-closed policy as a check that ran out of time
    finish(budgetSpentOutcome(lang));
  });
}

Office.actions.associate("onMessageRecipientsChangedHandler", onMessageRecipientsChangedHandler);
Office.actions.associate("onMessageAttachmentsChangedHandler", onMessageAttachmentsChangedHandler);
Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
