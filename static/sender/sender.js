/*
 * The read-mode sender pane: reads From, Reply-To and the internet headers, asks POST /api/v1/sender/check, explains
 * the verdict reason by reason, and reports the message to IT with one click.
 */
"use strict";

(function () {
  var P = window.Postvakt;
  var lastCheck = null;

  var TEXT = {
    checking: { sv: "Kontrollerar avsändaren …", en: "Checking the sender …" },
    ok: { sv: "Avsändaren ser ut att vara den den utger sig för att vara.", en: "The sender appears to be who they claim to be." },
    suspicious: { sv: "Var försiktig: avsändaren kan vara någon annan än den utger sig för att vara.", en: "Be careful: the sender may not be who they claim to be." },
    dangerous: { sv: "Avsändaren är med stor sannolikhet falsk. Öppna inga bilagor eller länkar, och rapportera till IT.", en: "The sender is very likely fake. Do not open attachments or links, and report it to IT." },
    failed: { sv: "Postvakt kunde inte kontrollera avsändaren just nu: ", en: "Postvakt could not check the sender right now: " },
    reportFailed: { sv: "Rapporten kunde inte skickas: ", en: "The report could not be sent: " },
    signIn: { sv: "Du behöver logga in för att Postvakt ska kunna kontrollera avsändaren.", en: "Sign in so Postvakt can check the sender." },
    from: { sv: "Från: ", en: "From: " },
    replyTo: { sv: " · Svar till: ", en: " · Reply to: " },
    severity: {
      block: { sv: "Farligt", en: "Dangerous" },
      danger: { sv: "Farligt", en: "Dangerous" },
      warn: { sv: "Misstänkt", en: "Suspicious" },
      info: { sv: "Information", en: "Information" }
    }
  };
  var TITLE = {
    "lookalike-domain": { sv: "Domänen liknar en känd domän", en: "Look-alike domain" },
    "homoglyph-domain": { sv: "Förväxlingsbara tecken i domänen", en: "Confusable characters in the domain" },
    "brand-in-other-domain": { sv: "Känt namn i främmande domän", en: "Known name in another domain" },
    "display-name-impersonation": { sv: "Avsändarnamnet utger sig för att vara någon annan", en: "Display name impersonation" },
    "display-name-contains-address": { sv: "Adress i avsändarnamnet", en: "Address in the display name" },
    "reply-to-mismatch": { sv: "Svar går till en annan adress", en: "Replies go elsewhere" },
    "auth-failed": { sv: "Äkthetskontrollen misslyckades", en: "Authentication failed" },
    "own-domain-spoofed": { sv: "Förfalskad kommunadress", en: "Own domain spoofed" }
  };
  /** What each reason code means for the reader, in plain words. */
  var EXPLAIN = {
    "lookalike-domain": { sv: "Domänen är nästan likadan som en domän du litar på. Bedragare registrerar sådana domäner för att lura mottagare.", en: "The domain is nearly the same as one you trust. Fraudsters register such domains to fool recipients." },
    "homoglyph-domain": { sv: "Domänen använder tecken som ser ut som vanliga bokstäver men är andra tecken, till exempel kyrilliska.", en: "The domain uses characters that look like ordinary letters but are different ones, for example Cyrillic." },
    "brand-in-other-domain": { sv: "Ett känt namn står i en domän som tillhör någon annan.", en: "A known name appears inside a domain that belongs to someone else." },
    "display-name-impersonation": { sv: "Avsändarnamnet utger sig för att vara en organisation, en roll eller en kollega, men adressen hör inte dit.", en: "The display name claims an organisation, a role or a colleague, but the address does not belong there." },
    "display-name-contains-address": { sv: "Avsändarnamnet innehåller en annan e-postadress än den som faktiskt skickade meddelandet.", en: "The display name contains an e-mail address other than the one that actually sent the message." },
    "reply-to-mismatch": { sv: "Svar går till en annan adress än avsändarens. Ett svar hamnar då hos någon annan.", en: "Replies go to an address other than the sender's, so an answer would reach someone else." },
    "auth-failed": { sv: "Meddelandet klarade inte e-postens äkthetskontroller (SPF, DKIM, DMARC).", en: "The message failed e-mail authentication checks (SPF, DKIM, DMARC)." },
    "own-domain-spoofed": { sv: "Meddelandet påstår sig komma från kommunens egen domän men kommer inte från kommunens e-postsystem.", en: "The message claims to come from the municipality's own domain but did not come from its mail system." }
  };
  var BADGE = { block: "danger", danger: "danger", warn: "warning", info: "informative" };
  var INTENT = { ok: "success", suspicious: "warning", dangerous: "error" };

  /** The Reply-To addresses of a raw header block (folded lines joined). */
  function replyToFrom(headers) {
    var unfolded = String(headers || "").replace(/\r?\n[ \t]+/g, " ");
    var line = unfolded.split(/\r?\n/).filter(function (l) {
      return /^reply-to\s*:/i.test(l);
    })[0];
    if (!line) {
      return [];
    }
    var value = line.substring(line.indexOf(":") + 1);
    return value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(function (part) {
      var angle = part.match(/^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/);
      if (angle) {
        return { address: angle[2].trim(), name: angle[1].trim() };
      }
      return { address: part.trim(), name: "" };
    }).filter(function (a) {
      return a.address.indexOf("@") > 0;
    });
  }

  async function collect() {
    var it = Office.context.mailbox.item;
    var headers = "";
    try {
      headers = await P.officeAsync(it, "getAllInternetHeadersAsync");
    } catch (e) {
      headers = "";
    }
    var from = it.from || it.sender || {};
    return {
      from: { address: from.emailAddress || "", name: from.displayName || "" },
      replyTo: replyToFrom(headers),
      headers: headers || undefined,
      locale: P.lang()
    };
  }

  function reasonCard(r) {
    var severity = TEXT.severity[r.severity] || TEXT.severity.warn;
    var card = P.el("article", { "class": "card", "data-code": r.code }, [
      P.el("h2", {}, [
        P.el("fluent-badge", { color: BADGE[r.severity] || "warning", appearance: "filled", text: P.t(severity) }),
        P.el("span", { text: TITLE[r.code] ? P.t(TITLE[r.code]) : r.code })
      ]),
      P.el("p", { text: r.message || r.code })
    ]);
    if (EXPLAIN[r.code]) {
      card.appendChild(P.el("p", { "class": "why", text: P.t(EXPLAIN[r.code]) }));
    }
    return card;
  }

  function render(request, answer) {
    var verdict = answer.verdict in INTENT ? answer.verdict : "ok";
    P.status(INTENT[verdict], P.t(TEXT[verdict]));
    var line = P.t(TEXT.from) + (request.from.name ? request.from.name + " <" + request.from.address + ">" : request.from.address);
    if (request.replyTo.length) {
      line += P.t(TEXT.replyTo) + request.replyTo.map(function (a) { return a.address; }).join(", ");
    }
    document.getElementById("sender-line").textContent = line;
    var box = document.getElementById("reasons");
    box.textContent = "";
    (answer.reasons || []).forEach(function (r) {
      box.appendChild(reasonCard(r));
    });
    document.getElementById("report").hidden = false;
  }

  function showPolicy() {
    document.getElementById("policy-text").textContent = P.t(P.policy.sender);
  }

  function check(interactive) {
    return P.check(interactive, "/api/v1/sender/check", collect, function (request, answer) {
      lastCheck = { request: request, answer: answer };
      render(request, answer);
    }, TEXT);
  }

  async function report() {
    var button = document.getElementById("report-button");
    button.setAttribute("disabled", "");
    try {
      var token = await P.tokenSilently();
      var it = Office.context.mailbox.item;
      await P.api("POST", "/api/v1/sender/report", {
        internetMessageId: it.internetMessageId || "",
        from: lastCheck ? lastCheck.request.from : { address: "", name: "" },
        reasons: lastCheck ? (lastCheck.answer.reasons || []).map(function (r) { return r.code; }) : [],
        comment: document.getElementById("comment").value || ""
      }, token);
      document.getElementById("report").hidden = true;
      document.getElementById("reported").hidden = false;
    } catch (e) {
      button.removeAttribute("disabled");
      if (P.needsSignIn(e)) {
        document.getElementById("signin").hidden = false;
      }
      P.status("error", P.t(TEXT.reportFailed) + ((e && e.message) || ""));
    }
  }

  Office.onReady(function () {
    P.setUpLanguage(document.getElementById("lang"), function () {
      showPolicy();
      check(false);
    });
    showPolicy();
    document.getElementById("signin-button").addEventListener("click", function () {
      check(true);
    });
    document.getElementById("report-button").addEventListener("click", report);
    check(false);
  });
})();
