/*
 * Stands in for Microsoft's office.js in the browser tests: an Outlook holding one compose item or one read item,
 * described by window.__outlook (set by the test before the page loads):
 *   { mode: "compose" | "read", language, token (null: single sign-on refuses silently), signInToken,
 *     compose: { subject, body, to, cc, bcc, attachments }, read: { from, internetMessageId, headers } }
 */
(function () {
  var cfg = window.__outlook || {};
  var ok = function (value) {
    return { status: "succeeded", value: value };
  };
  var later = function (cb, value) {
    setTimeout(function () { cb(ok(value)); }, 5);
  };
  var session = {};
  var notifications = {};
  window.__notifications = notifications;
  window.__handlers = {};
  var compose = cfg.compose || {};
  var field = function (name) {
    return { getAsync: function () { later(arguments[arguments.length - 1], compose[name]); } };
  };
  var item = cfg.mode === "read"
    ? {
        itemType: "message",
        from: cfg.read.from,
        sender: cfg.read.from,
        internetMessageId: cfg.read.internetMessageId,
        getAllInternetHeadersAsync: function (cb) { later(cb, cfg.read.headers); }
      }
    : {
        itemType: "message",
        subject: field("subject"),
        from: field("from"),
        to: field("to"),
        cc: field("cc"),
        bcc: field("bcc"),
        body: { getAsync: function (coercion, cb) { later(cb, coercion === "html" ? compose.body : ""); } },
        getAttachmentsAsync: function (cb) { later(cb, compose.attachments || []); },
        notificationMessages: {
          getAllAsync: function (cb) {
            later(cb, Object.keys(notifications).map(function (k) { return Object.assign({ key: k }, notifications[k]); }));
          },
          replaceAsync: function (key, details, cb) { notifications[key] = details; later(cb); },
          removeAsync: function (key, cb) { delete notifications[key]; later(cb); }
        },
        sessionData: {
          getAsync: function (key, cb) { later(cb, session[key]); },
          setAsync: function (key, value, cb) { session[key] = value; later(cb); }
        }
      };
  var auth = {
    getAccessToken: function (options) {
      window.__outlook.tokenRequests = (window.__outlook.tokenRequests || 0) + 1;
      if (options && options.allowSignInPrompt) {
        return Promise.resolve(cfg.signInToken);
      }
      return cfg.token ? Promise.resolve(cfg.token) : Promise.reject({ code: 13001, message: "User is not signed in." });
    }
  };
  window.OfficeRuntime = { auth: auth };
  window.Office = {
    auth: auth,
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    MailboxEnums: {
      ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage" },
      SendModeOverride: { PromptUser: "promptUser" }
    },
    actions: { associate: function (name, fn) { window.__handlers[name] = fn; } },
    context: {
      displayLanguage: cfg.language || "sv-SE",
      requirements: { isSetSupported: function (name) { return name === "Mailbox"; } },
      mailbox: { item: item }
    },
    onReady: function (cb) {
      var ready = function () { setTimeout(function () { cb({ host: "Outlook", platform: "OfficeOnline" }); }, 0); };
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
      } else {
        ready();
      }
      return Promise.resolve({ host: "Outlook" });
    }
  };
})();
