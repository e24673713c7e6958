/*
 * The compose task pane: every finding of the compose check with its explanation, the policy text it comes from and
 * the matches by their masked form; "Kontrollera igen"; sign-in when no token can be had silently.
 */
"use strict";

(function () {
  var P = window.Postvakt;

  var TEXT = {
    checking: { sv: "Kontrollerar meddelandet …", en: "Checking the message …" },
    ok: { sv: "Inga problem hittades. Meddelandet följer riktlinjerna.", en: "No problems found. The message follows the policy." },
    warn: { sv: "Postvakt hittade något att titta på innan du skickar.", en: "Postvakt found something to look at before you send." },
    block: { sv: "Meddelandet kan inte skickas som det är. Ändra det som står nedan.", en: "The message cannot be sent as it is. Change what is listed below." },
    failed: { sv: "Postvakt kunde inte kontrollera meddelandet just nu: ", en: "Postvakt could not check the message right now: " },
    signIn: { sv: "Du behöver logga in för att Postvakt ska kunna kontrollera meddelandet.", en: "Sign in so Postvakt can check the message." },
    severity: {
      block: { sv: "Stoppar", en: "Blocks" },
      warn: { sv: "Varning", en: "Warning" },
      info: { sv: "Information", en: "Information" }
    },
    field: {
      subject: { sv: "i ämnesraden", en: "in the subject" },
      body: { sv: "i meddelandetexten", en: "in the message text" },
      attachments: { sv: "bland bilagorna", en: "among the attachments" },
      recipients: { sv: "bland mottagarna", en: "among the recipients" }
    },
    kind: {
      personnummer: { sv: "personnummer", en: "identity number" },
      samordningsnummer: { sv: "samordningsnummer", en: "coordination number" }
    },
    rule: {
      "personnummer": { sv: "Personnummer", en: "Identity number" },
      "large-attachment": { sv: "Stor bilaga", en: "Large attachment" },
      "large-audience": { sv: "Många mottagare", en: "Many recipients" },
      "external-recipients": { sv: "Mottagare utanför kommunen", en: "Recipients outside the organisation" },
      "confidential": { sv: "Sekretess", en: "Confidential content" },
      "chain-letter": { sv: "Kedjebrev", en: "Chain letter" },
      "public-record": { sv: "Allmän handling", en: "Official document" }
    },
    matches: { sv: "Hittat (maskerat):", en: "Found (masked):" },
    policy: { sv: "Riktlinjer för telefoni, mobila enheter och e-post", en: "Guidelines for telephony, mobile devices and e-mail" },
    translation: { sv: "", en: " (translated from Swedish)" }
  };
  var BADGE = { block: "danger", warn: "warning", info: "informative" };
  var INTENT = { ok: "success", warn: "warning", block: "error" };

  function item() {
    return Office.context.mailbox.item;
  }

  function recipients(list) {
    return (list || []).map(function (r) {
      return { address: r.emailAddress || "", name: r.displayName || "", recipientType: r.recipientType || "other" };
    });
  }

  /** The message as the send gate sees it: subject, HTML body, typed recipients, attachments with sizes. */
  async function collect() {
    var it = item();
    var parts = await Promise.all([
      P.officeAsync(it.subject, "getAsync"),
      P.officeAsync(it.body, "getAsync", [Office.CoercionType.Html]),
      P.officeAsync(it.to, "getAsync"),
      P.officeAsync(it.cc, "getAsync"),
      P.officeAsync(it.bcc, "getAsync"),
      P.officeAsync(it, "getAttachmentsAsync")
    ]);
    return {
      subject: parts[0] || "",
      body: parts[1] || "",
      bodyFormat: "html",
      to: recipients(parts[2]),
      cc: recipients(parts[3]),
      bcc: recipients(parts[4]),
      attachments: (parts[5] || []).map(function (a) {
        return { name: a.name || "", size: typeof a.size === "number" ? a.size : 0, isInline: !!a.isInline };
      }),
      locale: P.lang()
    };
  }

  function findingCard(f) {
    var severity = TEXT.severity[f.severity] || TEXT.severity.info;
    var card = P.el("article", { "class": "card", "data-rule": f.rule }, [
      P.el("h2", {}, [
        P.el("fluent-badge", { color: BADGE[f.severity] || "informative", appearance: "filled", text: P.t(severity) }),
        P.el("span", { text: TEXT.rule[f.rule] ? P.t(TEXT.rule[f.rule]) : f.rule })
      ]),
      P.el("p", { text: f.message || f.rule })
    ]);
    if (f.matches && f.matches.length) {
      var where = TEXT.field[f.field] ? " " + P.t(TEXT.field[f.field]) : "";
      card.appendChild(P.el("p", { "class": "why", text: P.t(TEXT.matches) }));
      card.appendChild(P.el("ul", { "class": "matches" }, f.matches.map(function (m) {
        var kind = TEXT.kind[m.kind] ? P.t(TEXT.kind[m.kind]) : (m.kind || "");
        return P.el("li", {}, [P.el("code", { text: m.masked || "" }), " " + kind + where]);
      })));
    }
    var quote = P.policy[f.rule];
    if (quote || f.policyRef) {
      var cite = P.t(TEXT.policy) + (f.policyRef ? ", " + f.policyRef : "") + (quote ? P.t(TEXT.translation) : "");
      card.appendChild(P.el("blockquote", {}, [quote ? P.t(quote) : "", P.el("cite", { text: cite })]));
    }
    return card;
  }

  function render(answer) {
    var box = document.getElementById("findings");
    box.textContent = "";
    var verdict = answer.verdict in INTENT ? answer.verdict : "ok";
    P.status(INTENT[verdict], P.t(TEXT[verdict]));
    var order = { block: 0, warn: 1, info: 2 };
    (answer.findings || []).slice().sort(function (a, b) {
      return (order[a.severity] ?? 3) - (order[b.severity] ?? 3);
    }).forEach(function (f) {
      box.appendChild(findingCard(f));
    });
  }

  function check(interactive) {
    return P.check(interactive, "/api/v1/compose/check", collect, function (request, answer) {
      render(answer);
    }, TEXT);
  }

  /** The live warnings' last answer, shown at once while a fresh check runs. */
  async function showRemembered() {
    if (!item().sessionData) {
      return;
    }
    try {
      var raw = await P.officeAsync(item().sessionData, "getAsync", ["postvakt.lastCheck"]);
      if (raw) {
        render(JSON.parse(raw));
      }
    } catch (e) {
      // Nothing remembered for this item yet.
    }
  }

  Office.onReady(function () {
    P.setUpLanguage(document.getElementById("lang"), function () {
      check(false);
    });
    document.getElementById("recheck").addEventListener("click", function () {
      check(false);
    });
    document.getElementById("signin-button").addEventListener("click", function () {
      check(true);
    });
    showRemembered().then(function () {
      return check(false);
    });
  });
})();
