// Every path of every launch-event handler: verdicts, an unreachable/slow/refusing backend, missing tokens,
// fail-closed policy, notifications kept in step with recipients, and the 5 s send budget.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  SOURCE, BASE, fastClock, composeItem, office, officeRuntime, backend, load, event, finding, answer,
} from './harness.js';

const RECIPIENTS = [
  { emailAddress: 'bo@mjolby.se', displayName: 'Bo', recipientType: 'user' },
  { emailAddress: 'alla@mjolby.se', displayName: 'Alla', recipientType: 'distributionList' },
];
const ATTACHMENTS = [{ id: 'a1', name: 'rapport.pdf', size: 18_000_000, isInline: false, attachmentType: 'file' }];
const PNR = finding('personnummer', 'warn', 'Meddelandet innehåller 1 personnummer. Personnummer ska inte skickas med e-post.',
  { matches: [{ start: 3, end: 14, kind: 'personnummer', masked: '8501xx-xxx2' }], policyRef: 'E-post / Lagar och bestämmelser' });
const BIG = finding('large-attachment', 'warn', 'Bilagan är 18 MB: dela en länk i stället. Stora bilagor belastar e-posten.', { field: 'attachments' });
const EXTERNAL_PNR = finding('personnummer', 'block', 'Personnummer till en extern mottagare. Skicka det inte med e-post.');

/** One Outlook with one compose item, a fake backend and the handler file loaded into it. */
function setup({ routes = {}, item = {}, mailbox = '1.15', language = 'sv-SE', token = 'tok-123', storage, msal, naa } = {}) {
  const clock = fastClock();
  const compose = composeItem({ to: RECIPIENTS, attachments: ATTACHMENTS, subject: 'Hej', body: '<p>Hej</p>', ...item });
  const officeGlobal = office(compose.item, { mailbox, language, naa });
  const runtime = officeRuntime({ token, storage });
  const server = backend(clock, routes);
  const handlers = load({ office: officeGlobal, runtime, fetch: server.fetch, clock, msal });
  return { clock, compose, runtime, server, handlers };
}

async function send(ctx) {
  const e = event(ctx.clock);
  ctx.handlers.onMessageSendHandler(e.evt);
  const first = await e.done;
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(e.calls.length, 1, 'event.completed is called exactly once');
  return first;
}

async function live(ctx, name = 'onMessageRecipientsChangedHandler') {
  const e = event(ctx.clock);
  ctx.handlers[name](e.evt);
  await e.done;
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(e.calls.length, 1, 'event.completed is called exactly once');
  return e.calls[0];
}

const checkRoute = (fn) => ({ 'POST /api/v1/compose/check': fn });

describe('the handler file', () => {
  test('associates the three handlers the manifest names and nothing else', () => {
    const ctx = setup();
    assert.deepEqual(Object.keys(ctx.handlers).sort(),
      ['onMessageAttachmentsChangedHandler', 'onMessageRecipientsChangedHandler', 'onMessageSendHandler']);
  });

  test('runs bare: no imports, no DOM, no Office.onReady', () => {
    const code = SOURCE.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /^\s*import\s|require\(|\bdocument\.|\bwindow\.|Office\.onReady|Office\.initialize/m);
  });
});

describe('send gate', () => {
  test('ok verdict allows the send and sends subject, html body, typed recipients and attachment sizes', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('ok') })) });
    const outcome = await send(ctx);
    assert.deepEqual(outcome.options, { allowEvent: true });
    const req = ctx.server.requests[0];
    assert.equal(req.url, `${BASE}/api/v1/compose/check`);
    assert.equal(req.headers.Authorization, 'Bearer tok-123');
    assert.equal(req.body.subject, 'Hej');
    assert.equal(req.body.body, '<p>Hej</p>');
    assert.equal(req.body.bodyFormat, 'html');
    assert.equal(req.body.locale, 'sv');
    assert.deepEqual(req.body.to, [
      { address: 'bo@mjolby.se', name: 'Bo', recipientType: 'user' },
      { address: 'alla@mjolby.se', name: 'Alla', recipientType: 'distributionList' },
    ]);
    assert.deepEqual(req.body.attachments, [{ name: 'rapport.pdf', size: 18_000_000, isInline: false }]);
  });

  test('warn verdict stops with the findings in Swedish and keeps Skicka ändå', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', [PNR, BIG]) })) });
    const { options } = await send(ctx);
    assert.equal(options.allowEvent, false);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.match(options.errorMessage, /^Postvakt hittade något du bör titta på innan du skickar:/);
    assert.match(options.errorMessage, /• Meddelandet innehåller 1 personnummer\./);
    assert.match(options.errorMessage, /• Bilagan är 18 MB: dela en länk i stället\./);
    assert.match(options.errorMessageMarkdown, /^\*\*Postvakt hittade/);
    assert.match(options.errorMessageMarkdown, /- Meddelandet innehåller 1 personnummer\./);
    assert.equal(options.commandId, 'PostvaktComposeButton');
    assert.equal(options.cancelLabel, 'Visa i Postvakt');
    assert.ok(options.errorMessage.length <= 500);
    assert.ok(options.errorMessageMarkdown.length <= 500);
  });

  test('warn verdict on a Mailbox 1.12 client uses errorMessage alone', async () => {
    const ctx = setup({ mailbox: '1.12', routes: checkRoute(() => ({ json: answer('warn', [PNR]) })) });
    const { options } = await send(ctx);
    assert.equal(options.allowEvent, false);
    assert.match(options.errorMessage, /personnummer/);
    assert.equal(options.errorMessageMarkdown, undefined);
    assert.equal(options.sendModeOverride, undefined);
    assert.equal(options.commandId, undefined);
  });

  test('warn verdict on a Mailbox 1.14 client overrides the send mode but has no markdown', async () => {
    const ctx = setup({ mailbox: '1.14', routes: checkRoute(() => ({ json: answer('warn', [PNR]) })) });
    const { options } = await send(ctx);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.equal(options.errorMessageMarkdown, undefined);
  });

  test('block verdict stops without overriding the manifest send mode and offers the task pane', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('block', [EXTERNAL_PNR, PNR]) })) });
    const { options } = await send(ctx);
    assert.equal(options.allowEvent, false);
    assert.equal(options.sendModeOverride, undefined);
    assert.equal(options.commandId, 'PostvaktComposeButton');
    assert.match(options.errorMessage, /^Postvakt stoppade meddelandet\. Ändra det innan du skickar:\n• Personnummer till en extern/);
  });

  test('many findings are cut to fit the dialog and say there is more', async () => {
    const many = Array.from({ length: 12 }, (_, i) => finding(`rule-${i}`, 'warn', `Fynd nummer ${i} som är ganska långt och förklarar mycket om vad som gäller.`));
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', many) })) });
    const { options } = await send(ctx);
    assert.ok(options.errorMessage.length <= 500, options.errorMessage.length);
    assert.match(options.errorMessage, /… och fler\. Öppna Postvakt för detaljer\.$/);
  });

  test('info findings alone do not stop the send', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('ok', [finding('external-recipients', 'info', 'Externa mottagare.')]) })) });
    assert.deepEqual((await send(ctx)).options, { allowEvent: true });
  });

  test('English Outlook gets English text and asks for English messages', async () => {
    const ctx = setup({ language: 'en-US', routes: checkRoute(() => ({ json: answer('warn', [PNR]) })) });
    const { options } = await send(ctx);
    assert.match(options.errorMessage, /^Postvakt found something to look at before you send:/);
    assert.equal(ctx.server.requests[0].body.locale, 'en');
  });

  test('backend down fails open with a notice and Skicka ändå', async () => {
    const ctx = setup({ routes: checkRoute(() => 'down') });
    const { options } = await send(ctx);
    assert.equal(options.allowEvent, false);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.match(options.errorMessage, /kunde inte kontrollera meddelandet just nu\. Du kan skicka ändå/);
  });

  test('backend error 500 fails open like backend down', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ status: 500, json: { error: 'boom' } })) });
    const { options } = await send(ctx);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.match(options.errorMessage, /just nu/);
  });

  test('backend slower than 3 s fails open after 3 s, well inside the 5 s budget', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ delay: 60_000, json: answer('ok') })) });
    const outcome = await send(ctx);
    assert.equal(outcome.options.sendModeOverride, 'promptUser');
    assert.match(outcome.options.errorMessage, /just nu/);
    assert.ok(outcome.at >= 2900 && outcome.at < 5000, `completed after ${Math.round(outcome.at)} virtual ms`);
  });

  test('401 from the backend fails open and asks the person to sign in', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ status: 401, json: { error: 'unauthorized' } })) });
    const { options } = await send(ctx);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.match(options.errorMessage, /inte är inloggad/);
  });

  test('no token fails open without calling the backend', async () => {
    const ctx = setup({ token: null, routes: checkRoute(() => ({ json: answer('block', [EXTERNAL_PNR]) })) });
    const { options } = await send(ctx);
    assert.equal(options.sendModeOverride, 'promptUser');
    assert.match(options.errorMessage, /inte är inloggad/);
    assert.equal(ctx.server.requests.length, 0);
  });

  test('a token request that never answers fails open in time', async () => {
    const ctx = setup({ token: 'hang', routes: checkRoute(() => ({ json: answer('ok') })) });
    const outcome = await send(ctx);
    assert.match(outcome.options.errorMessage, /inte är inloggad/);
    assert.ok(outcome.at < 2000, `completed after ${Math.round(outcome.at)} virtual ms`);
  });

  test('a client without Mailbox 1.14 fails open by letting the message go', async () => {
    const ctx = setup({ mailbox: '1.12', routes: checkRoute(() => 'down') });
    assert.deepEqual((await send(ctx)).options, { allowEvent: true });
  });

  test('fail-closed policy in the cache stops the send when the backend is down', async () => {
    const storage = new Map([['postvakt.policy', JSON.stringify({ failMode: 'closed', at: Date.now() })]]);
    const ctx = setup({ storage, routes: checkRoute(() => 'down') });
    const { options } = await send(ctx);
    assert.equal(options.allowEvent, false);
    assert.equal(options.sendModeOverride, undefined);
    assert.match(options.errorMessage, /kräver kontroll/);
  });

  test('the fail mode is learnt from the policy during live checks and used at send', async () => {
    let up = true;
    const ctx = setup({
      routes: {
        'POST /api/v1/compose/check': () => (up ? { json: answer('ok') } : 'down'),
        'GET /api/v1/policy': () => ({ json: { version: 3, addin: { failMode: 'closed' } } }),
      },
    });
    await live(ctx);
    assert.equal(JSON.parse(ctx.runtime.storageMap.get('postvakt.policy')).failMode, 'closed');
    up = false;
    const { options } = await send(ctx);
    assert.match(options.errorMessage, /kräver kontroll/);
  });

  test('the send completes within the budget even when Outlook itself never answers', async () => {
    const ctx = setup({ item: { broken: { body: 'hang' } } });
    const outcome = await send(ctx);
    assert.ok(outcome.at >= 4400 && outcome.at < 5000, `completed after ${Math.round(outcome.at)} virtual ms`);
    assert.equal(outcome.options.sendModeOverride, 'promptUser');
  });

  test('a failing Outlook read still completes the event', async () => {
    const ctx = setup({ item: { broken: { subject: 'fail' } }, routes: checkRoute(() => ({ json: answer('ok') })) });
    const { options } = await send(ctx);
    assert.equal(options.sendModeOverride, 'promptUser');
  });

  test('the answer is kept in the session data for the task pane', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', [PNR]) })) });
    await send(ctx);
    const kept = JSON.parse(ctx.compose.state.session.get('postvakt.lastCheck'));
    assert.equal(kept.verdict, 'warn');
    assert.equal(kept.findings[0].matches[0].masked, '8501xx-xxx2');
  });

  test('nested app authentication is used when the host supports it', async () => {
    const scopes = [];
    const msal = {
      createNestablePublicClientApplication: async (cfg) => {
        assert.equal(cfg.auth.clientId, '00000000-0000-0000-0000-000000000000');
        return { acquireTokenSilent: async (req) => { scopes.push(...req.scopes); return { accessToken: 'naa-tok' }; } };
      },
    };
    const ctx = setup({ naa: true, msal, routes: checkRoute(() => ({ json: answer('ok') })) });
    await send(ctx);
    assert.equal(ctx.server.requests[0].headers.Authorization, 'Bearer naa-tok');
    assert.deepEqual(scopes, ['api://00000000-0000-0000-0000-000000000000/access_as_user']);
  });

  test('nested app authentication failing falls back to Office single sign-on', async () => {
    const msal = { createNestablePublicClientApplication: async () => ({ acquireTokenSilent: async () => { throw new Error('interaction_required'); } }) };
    const ctx = setup({ naa: true, msal, routes: checkRoute(() => ({ json: answer('ok') })) });
    await send(ctx);
    assert.equal(ctx.server.requests[0].headers.Authorization, 'Bearer tok-123');
  });
});

describe('live warnings', () => {
  test('recipient change shows one infobar per finding, most severe first, errors for block', async () => {
    const audience = finding('large-audience', 'warn', '312 mottagare via gruppadress. Överväg en annan kanal.');
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('block', [audience, EXTERNAL_PNR]) })) });
    await live(ctx);
    const n = ctx.compose.state.notifications;
    assert.deepEqual([...n.keys()], ['postvakt-personnummer', 'postvakt-large-audience']);
    assert.equal(n.get('postvakt-personnummer').type, 'errorMessage');
    assert.deepEqual(n.get('postvakt-large-audience'), {
      type: 'informationalMessage', message: '312 mottagare via gruppadress.', icon: 'Icon.16x16', persistent: false,
    });
    const req = ctx.server.requests[0].body;
    assert.equal(req.subject, undefined, 'live checks send no subject');
    assert.equal(req.body, undefined, 'live checks send no body');
    assert.equal(req.to.length, 2);
  });

  test('notifications are replaced and removed as recipients change, others are left alone', async () => {
    const answers = [
      answer('warn', [finding('large-audience', 'warn', '312 mottagare via gruppadress.'), BIG]),
      answer('warn', [finding('large-audience', 'warn', '40 mottagare.')]),
      answer('ok'),
    ];
    const ctx = setup({ routes: checkRoute(() => ({ json: answers.shift() })) });
    ctx.compose.state.notifications.set('other-addin', { type: 'informationalMessage', message: 'not ours' });
    await live(ctx);
    assert.deepEqual([...ctx.compose.state.notifications.keys()].sort(),
      ['other-addin', 'postvakt-large-attachment', 'postvakt-large-audience']);
    await live(ctx);
    assert.deepEqual([...ctx.compose.state.notifications.keys()].sort(), ['other-addin', 'postvakt-large-audience']);
    assert.equal(ctx.compose.state.notifications.get('postvakt-large-audience').message, '40 mottagare.');
    await live(ctx);
    assert.deepEqual([...ctx.compose.state.notifications.keys()], ['other-addin']);
  });

  test('at most five notifications even with more findings', async () => {
    const many = Array.from({ length: 8 }, (_, i) => finding(`rule-${i}`, 'warn', `Fynd ${i}.`));
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', many) })) });
    await live(ctx);
    assert.equal(ctx.compose.state.notifications.size, 5);
  });

  test('two findings of one rule get two keys', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', [BIG, BIG]) })) });
    await live(ctx, 'onMessageAttachmentsChangedHandler');
    assert.deepEqual([...ctx.compose.state.notifications.keys()], ['postvakt-large-attachment', 'postvakt-large-attachment-2']);
  });

  test('long messages are cut to the 150 characters Outlook shows', async () => {
    const long = finding('confidential', 'warn', 'x'.repeat(400));
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', [long]) })) });
    await live(ctx);
    assert.equal(ctx.compose.state.notifications.get('postvakt-confidential').message.length, 150);
  });

  test('attachment change checks the attachments and keeps the answer in session data', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ json: answer('warn', [BIG]) })) });
    await live(ctx, 'onMessageAttachmentsChangedHandler');
    assert.equal(ctx.server.requests[0].body.attachments[0].size, 18_000_000);
    assert.ok(ctx.compose.state.notifications.has('postvakt-large-attachment'));
    assert.equal(JSON.parse(ctx.compose.state.session.get('postvakt.lastCheck')).verdict, 'warn');
  });

  test('backend down shows one notice, which goes when the backend answers again', async () => {
    let up = false;
    const ctx = setup({ routes: checkRoute(() => (up ? { json: answer('ok') } : 'down')) });
    await live(ctx);
    assert.deepEqual([...ctx.compose.state.notifications.keys()], ['postvakt-unavailable']);
    assert.match(ctx.compose.state.notifications.get('postvakt-unavailable').message, /kan inte kontrollera/);
    up = true;
    await live(ctx);
    assert.equal(ctx.compose.state.notifications.size, 0);
  });

  test('slow backend gives the notice after 3 s', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ delay: 60_000, json: answer('ok') })) });
    const done = await live(ctx);
    assert.ok(done.at < 4000);
    assert.ok(ctx.compose.state.notifications.has('postvakt-unavailable'));
  });

  test('no token asks the person to sign in', async () => {
    const ctx = setup({ token: null });
    await live(ctx);
    assert.match(ctx.compose.state.notifications.get('postvakt-unavailable').message, /logga in/);
  });

  test('401 asks the person to sign in', async () => {
    const ctx = setup({ routes: checkRoute(() => ({ status: 401, json: {} })) });
    await live(ctx, 'onMessageAttachmentsChangedHandler');
    assert.match(ctx.compose.state.notifications.get('postvakt-unavailable').message, /logga in/);
  });

  test('the live handler completes within the budget even when Outlook never answers', async () => {
    const ctx = setup({ item: { broken: { to: 'hang' } }, routes: checkRoute(() => ({ json: answer('ok') })) });
    const done = await live(ctx);
    assert.ok(done.at >= 4400 && done.at < 5000, `completed after ${Math.round(done.at)} virtual ms`);
  });

  test('failing notification calls still complete the event', async () => {
    const ctx = setup({ item: { broken: { notifications: true } }, routes: checkRoute(() => ({ json: answer('warn', [BIG]) })) });
    await live(ctx);
  });
});
