/*
 * What Postvakt's task pane and sender pane share: the language (Swedish first, English on request), tokens for
 * Postvakt's API (nested app authentication, Office single sign-on as fallback, sign-in when needed), API calls,
 * and the policy text that findings point to. The server rewrites the client id below when it serves this file.
 */
"use strict";

window.Postvakt = (function () {
  var CLIENT_ID = "00000000-0000-0000-0000-000000000000";
  var SCOPE = "api://" + CLIENT_ID + "/access_as_user";
  var LANG_KEY = "postvakt.lang";
  var nestedAppClient = null;

  /** The riktlinjer's own words for each rule and reason, with an English rendering. */
  var POLICY = {
    "personnummer": {
      sv: "Undvik att skicka personuppgifter t ex personnummer via e-post.",
      en: "Avoid sending personal data, for example identity numbers, by e-mail."
    },
    "confidential": {
      sv: "E-post får inte användas för att skicka sekretessbelagd information.",
      en: "E-mail must not be used to send confidential information."
    },
    "chain-letter": {
      sv: "E-post får inte användas för att skicka kedjebrev eller för annat ovidkommande material.",
      en: "E-mail must not be used to send chain letters or other irrelevant material."
    },
    "large-attachment": {
      sv: "Var selektiv med att använda stora gruppadresser (massutskick) och med att skicka eller vidarebefordra meddelanden som innehåller stora filer.",
      en: "Be selective about using large group addresses (mass mailings) and about sending or forwarding messages with large files."
    },
    "large-audience": {
      sv: "Var selektiv med att använda stora gruppadresser (massutskick) och med att skicka eller vidarebefordra meddelanden som innehåller stora filer.",
      en: "Be selective about using large group addresses (mass mailings) and about sending or forwarding messages with large files."
    },
    "public-record": {
      sv: "Huvudregeln är att allmänna handlingar ska registreras eller skickas till registrator för diarieföring och arkivering.",
      en: "As a rule, official documents are registered or sent to the registrar for registration and archiving."
    },
    "external-recipients": {
      sv: "Vid användning av e-post gäller samma lagar och regler som för pappershandlingar när det gäller vad som är allmän handling samt registrering, diarieföring och arkivering.",
      en: "E-mail is subject to the same laws and rules as paper documents regarding official documents, registration and archiving."
    },
    "sender": {
      sv: "Öppna endast bifogade filer från avsändare som är kända eller filer som är relevanta för arbetet. Om det finns en osäkerhet kring innehållet, kontrollera avsändaren. Vid misstanke om att det kommit in virus via e-posten kontakta omedelbart IT-avdelningen.",
      en: "Only open attachments from known senders or files relevant to your work. If in doubt, check the sender. If you suspect a virus has arrived by e-mail, contact the IT department at once."
    }
  };

  function lang() {
    try {
      var chosen = localStorage.getItem(LANG_KEY);
      if (chosen === "sv" || chosen === "en") {
        return chosen;
      }
    } catch (e) {
      // Storage may be off in the add-in's browser; Swedish then.
    }
    return "sv";
  }

  function setLang(value) {
    try {
      localStorage.setItem(LANG_KEY, value);
    } catch (e) {
      // The choice then lasts for this page only.
    }
    document.documentElement.lang = value;
  }

  /** Picks the text of the current language from {sv, en}. */
  function t(texts) {
    return texts[lang()] || texts.sv;
  }

  /** Fills every [data-sv] element with its text in the current language. */
  function translate(root) {
    var l = lang();
    (root || document).querySelectorAll("[data-sv]").forEach(function (el) {
      el.textContent = el.getAttribute("data-" + l) || el.getAttribute("data-sv");
    });
    document.documentElement.lang = l;
  }

  function SignInNeeded(message) {
    this.message = message;
    this.signIn = true;
  }

  function nestedAppAuth() {
    return typeof msal !== "undefined" && msal.createNestablePublicClientApplication
      && Office.context.requirements && Office.context.requirements.isSetSupported("NestedAppAuth", "1.1");
  }

  async function naaClient() {
    if (!nestedAppClient) {
      nestedAppClient = await msal.createNestablePublicClientApplication({
        auth: { clientId: CLIENT_ID, authority: "https://login.microsoftonline.com/common" }
      });
    }
    return nestedAppClient;
  }

  function officeSso(interactive) {
    var auth = (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth) || (Office.auth);
    if (!auth || !auth.getAccessToken) {
      return Promise.reject(new SignInNeeded("no single sign-on"));
    }
    return auth.getAccessToken({ allowSignInPrompt: interactive, allowConsentPrompt: interactive });
  }

  /** A token through nested app authentication (method acquireTokenSilent or acquireTokenPopup); null if none. */
  async function naaToken(method) {
    if (!nestedAppAuth()) {
      return null;
    }
    try {
      var result = await (await naaClient())[method]({ scopes: [SCOPE] });
      return result && result.accessToken ? result.accessToken : null;
    } catch (e) {
      console.log("Postvakt: nested app authentication (" + method + ") failed: " + (e && e.errorCode));
      return null;
    }
  }

  /** A token without showing anything; SignInNeeded when the person must sign in first. */
  async function tokenSilently() {
    var token = await naaToken("acquireTokenSilent");
    if (token) {
      return token;
    }
    try {
      return await officeSso(false);
    } catch (e) {
      throw new SignInNeeded(e && e.message);
    }
  }

  /** A token after letting the person sign in (a popup through Outlook). */
  async function signIn() {
    return (await naaToken("acquireTokenPopup")) || officeSso(true);
  }

  /** True when an error means the person has to sign in (401, or Office SSO's "not signed in" codes). */
  function needsSignIn(e) {
    return !!e && (e.signIn === true || e.code === 13001 || e.code === 13002);
  }

  /** Sets the pane's status bar: a Fluent message bar intent and its text. */
  function status(intent, text) {
    document.getElementById("status").setAttribute("intent", intent);
    var span = document.getElementById("status-text");
    span.removeAttribute("data-sv");
    span.removeAttribute("data-en");
    span.textContent = text;
  }

  /** Calls Postvakt's API on this server; SignInNeeded on 401, an Error with the server's message otherwise. */
  async function api(method, path, body, token) {
    var headers = { "Authorization": "Bearer " + token, "Accept": "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    var response = await fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      throw new SignInNeeded("HTTP 401");
    }
    var text = await response.text();
    var json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null; // a proxy's HTML error page, say
    }
    if (!response.ok) {
      // the server's problem shape: {title, status, detail, errors}
      throw new Error((json && (json.detail || json.title)) || "HTTP " + response.status);
    }
    if (text && json === null) {
      throw new Error("HTTP " + response.status + ": not a JSON answer");
    }
    return json;
  }

  /** Promise over an Office callback API. */
  function officeAsync(target, method, args) {
    return new Promise(function (resolve, reject) {
      var callArgs = (args || []).slice();
      callArgs.push(function (result) {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(result.error);
        } else {
          resolve(result.value);
        }
      });
      target[method].apply(target, callArgs);
    });
  }

  /**
   * One check as both panes run it: status "checking", a token (silently, or by signing in), the request from
   * collect(), the API's answer to render(request, answer); the sign-in box or an error in the status bar otherwise.
   * texts holds {checking, signIn, failed}.
   */
  async function check(interactive, path, collect, render, texts) {
    status("info", t(texts.checking));
    var signInBox = document.getElementById("signin");
    try {
      var token = interactive ? await signIn() : await tokenSilently();
      var request = await collect();
      var answer = await api("POST", path, request, token);
      signInBox.hidden = true;
      render(request, answer);
    } catch (e) {
      if (needsSignIn(e)) {
        signInBox.hidden = false;
        status("warning", t(texts.signIn));
      } else {
        status("error", t(texts.failed) + ((e && e.message) || ""));
      }
    }
  }

  /** Creates an element with attributes and children (strings become text, never HTML). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") {
        node.textContent = attrs[k];
      } else {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) {
        node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      }
    });
    return node;
  }

  /** Wires the language toggle button and translates the page. */
  function setUpLanguage(button, onChange) {
    function label() {
      button.textContent = lang() === "sv" ? "English" : "Svenska";
    }
    button.addEventListener("click", function () {
      setLang(lang() === "sv" ? "en" : "sv");
      label();
      translate();
      onChange();
    });
    label();
    translate();
  }

  return {
    lang: lang, t: t, translate: translate, setUpLanguage: setUpLanguage, tokenSilently: tokenSilently,
    signIn: signIn, needsSignIn: needsSignIn, status: status, check: check, api: api, officeAsync: officeAsync, el: el,
    policy: POLICY
  };
})();
