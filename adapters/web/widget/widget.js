/*
 * Orienta web widget: one <script src=".../widget.js" data-lang="it" data-privacy-url="..."> tag
 * adds a launcher and a chat panel to any page. Everything lives in a shadow root so the host
 * page's styles cannot break it (nor it the page's); every text coming from the server is set with
 * textContent, never parsed as HTML, so catalogue text can never run as code.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__orientaWidget) return;
  window.__orientaWidget = true;

  var api = (script.getAttribute('data-api') || new URL(script.src, location.href).origin).replace(/\/$/, '') + '/api/chat';
  var lang = (script.getAttribute('data-lang') || navigator.language || 'it').slice(0, 2) === 'en' ? 'en' : 'it';
  var privacyUrl = script.getAttribute('data-privacy-url') || '';
  var STORE = 'orienta.conversationId';
  // The visitor token Orienta hands back in this header. Kept in this page's storage and sent back
  // in the same header, it carries the conversation across sites even where the browser blocks
  // third-party cookies; no other site can read it or send it (docs/widget-setup.md).
  var VISITOR = 'Orienta-Visitor';
  var VISITOR_STORE = 'orienta.visitor';

  var T = {
    it: {
      open: 'Chiedi a Orienta', close: 'Chiudi la chat', title: 'Orienta — orientamento LTO Mantova',
      placeholder: 'Scrivi la tua domanda…', send: 'Invia', label: 'La tua domanda', typing: 'Orienta sta scrivendo…',
      person: 'Parla con una persona', sources: 'Fonti', you: 'Tu', bot: 'Orienta', download: 'Scarica',
      privacy: 'Conserviamo i messaggi di questa chat solo per risponderti; puoi chiederne la cancellazione quando vuoi.',
      privacyLink: 'Informativa privacy', error: 'Non riesco a raggiungere il servizio. Riprova tra poco.',
      hello: 'Ciao! Chiedimi di corsi, laboratori, servizi per il lavoro e iniziative in provincia di Mantova.',
    },
    en: {
      open: 'Ask Orienta', close: 'Close the chat', title: 'Orienta — LTO Mantova orientation',
      placeholder: 'Write your question…', send: 'Send', label: 'Your question', typing: 'Orienta is typing…',
      person: 'Talk to a person', sources: 'Sources', you: 'You', bot: 'Orienta', download: 'Download',
      privacy: 'We keep the messages of this chat only to answer you; you can ask for them to be erased at any time.',
      privacyLink: 'Privacy notice', error: 'I can’t reach the service. Please try again shortly.',
      hello: 'Hi! Ask me about courses, labs, job services and initiatives in the province of Mantova.',
    },
  }[lang];

  var CSS =
    ':host{all:initial;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a}' +
    '*{box-sizing:border-box}' +
    '.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;background:#0b5394;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.launcher:focus-visible,button:focus-visible,a:focus-visible,textarea:focus-visible{outline:3px solid #f1c232;outline-offset:2px}' +
    '.panel{position:fixed;right:8px;bottom:80px;z-index:2147483000;width:min(400px,calc(100vw - 16px));height:min(620px,calc(100vh - 96px));display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}' +
    '.panel[hidden]{display:none}' +
    'header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:10px 12px;background:#0b5394;color:#fff}' +
    'header h2{font-size:1rem;margin:0}' +
    'header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:4px 10px;font:inherit;cursor:pointer;min-height:36px}' +
    '.notice{margin:0;padding:6px 12px;font-size:.8rem;background:#f3f6fa;color:#333}' +
    '.notice a{color:#0b5394}' +
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}' +
    '.msg{max-width:88%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;margin:0}' +
    '.bot{align-self:flex-start;background:#eef2f7}' +
    '.user{align-self:flex-end;background:#0b5394;color:#fff}' +
    '.card{align-self:flex-start;max-width:92%;border:1px solid #ccd6e0;border-radius:10px;padding:10px 12px;background:#fff}' +
    '.card h3{margin:0 0 2px;font-size:1rem}.card .sub{margin:0 0 6px;color:#555;font-size:.85rem}' +
    '.card dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 8px;font-size:.9rem}.card dt{font-weight:600}.card dd{margin:0;overflow-wrap:anywhere}' +
    '.card p{margin:6px 0 0;font-size:.9rem}' +
    '.choices{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start}' +
    '.choices button,.card button,.person{border:1px solid #0b5394;background:#fff;color:#0b5394;border-radius:16px;padding:6px 12px;font:inherit;font-size:.9rem;cursor:pointer;min-height:36px}' +
    '.sources{align-self:flex-start;font-size:.8rem;color:#444;margin:0}' +
    '.sources button{border:0;background:none;color:#0b5394;text-decoration:underline;padding:0 4px;font:inherit;cursor:pointer}' +
    '.file{align-self:flex-start;color:#0b5394;font-weight:600}' +
    '.typing{padding:0 12px 4px;font-size:.85rem;color:#555;min-height:1.2em}' +
    'form{display:flex;gap:6px;padding:8px;border-top:1px solid #dde3ea}' +
    'textarea{flex:1;resize:none;border:1px solid #99a;border-radius:8px;padding:8px;font:inherit;min-height:44px;max-height:120px}' +
    'form button{border:0;border-radius:8px;background:#0b5394;color:#fff;padding:0 16px;font:inherit;font-weight:600;cursor:pointer;min-height:44px}' +
    '.footer{display:flex;justify-content:center;padding:0 8px 8px}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var host = el('div', { id: 'orienta-widget' });
  var root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el('style', {}, CSS));
  }

  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'orienta-panel' }, T.open);
  var panel = el('section', { class: 'panel', id: 'orienta-panel', role: 'dialog', 'aria-label': T.title, hidden: '' });
  var header = el('header');
  var heading = el('h2', {}, T.title);
  var closeBtn = el('button', { type: 'button', 'aria-label': T.close }, '×');
  header.append(heading, closeBtn);
  var notice = el('p', { class: 'notice' }, T.privacy + ' ');
  if (/^https?:|^\//.test(privacyUrl)) notice.appendChild(el('a', { href: privacyUrl, target: '_blank', rel: 'noopener' }, T.privacyLink));
  // role=log is polite by default: screen readers announce each new answer without stealing focus.
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0', 'aria-label': T.title });
  var typing = el('div', { class: 'typing', role: 'status' });
  var form = el('form');
  var inputId = 'orienta-input';
  var label = el('label', { for: inputId, class: 'sr' }, T.label);
  var input = el('textarea', { id: inputId, rows: '1', placeholder: T.placeholder, maxlength: '2000', autocomplete: 'off' });
  var sendBtn = el('button', { type: 'submit' }, T.send);
  form.append(label, input, sendBtn);
  var footer = el('div', { class: 'footer' });
  var personBtn = el('button', { type: 'button', class: 'person' }, T.person);
  footer.appendChild(personBtn);
  panel.append(header, notice, log, typing, form, footer);
  root.append(launcher, panel);

  var conversationId = null;
  var visitor = null;
  try { conversationId = localStorage.getItem(STORE); visitor = localStorage.getItem(VISITOR_STORE); } catch (e) { /* storage blocked: the chat still works, it just forgets */ }
  var busy = false;
  var started = false;

  function scroll() { log.scrollTop = log.scrollHeight; }
  function say(text, who) { log.appendChild(el('p', { class: 'msg ' + who }, text)); scroll(); }

  function button(text, onClick) {
    var b = el('button', { type: 'button' }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  function safeUrl(u) {
    try { var p = new URL(u, location.href); return p.protocol === 'https:' || p.protocol === 'http:' ? p.href : null; } catch (e) { return null; }
  }

  function fileLink(m) {
    var bytes = m.encoding === 'base64' ? Uint8Array.from(atob(m.content), function (c) { return c.charCodeAt(0); }) : m.content;
    var url = URL.createObjectURL(new Blob([bytes], { type: m.mediaType }));
    var a = el('a', { class: 'file', href: url, download: m.name }, T.download + ': ' + m.name);
    log.appendChild(a);
  }

  function renderMessage(m) {
    if (m.type === 'text') return say(m.text, 'bot');
    if (m.type === 'choices') {
      if (m.text) say(m.text, 'bot');
      var group = el('div', { class: 'choices', role: 'group', 'aria-label': m.text || T.bot });
      m.choices.forEach(function (c) { group.appendChild(button(c.label, function () { send({ action: c.action }, c.label); })); });
      return log.appendChild(group);
    }
    if (m.type === 'card') {
      var card = el('article', { class: 'card' });
      card.appendChild(el('h3', {}, m.title));
      if (m.subtitle) card.appendChild(el('p', { class: 'sub' }, m.subtitle));
      if (m.facts && m.facts.length) {
        var dl = el('dl');
        m.facts.forEach(function (f) { dl.append(el('dt', {}, f.label), el('dd', {}, f.value)); });
        card.appendChild(dl);
      }
      if (m.text) card.appendChild(el('p', {}, m.text));
      var actions = el('div', { class: 'choices' });
      (m.actions || []).forEach(function (a) {
        if (a.action) actions.appendChild(button(a.label, function () { send({ action: a.action }, a.label); }));
        else if (a.url && safeUrl(a.url)) actions.appendChild(el('a', { href: safeUrl(a.url), target: '_blank', rel: 'noopener noreferrer' }, a.label));
      });
      if (actions.childNodes.length) card.appendChild(actions);
      return log.appendChild(card);
    }
    if (m.type === 'file') return fileLink(m);
  }

  function renderReply(reply) {
    reply.messages.forEach(renderMessage);
    if (reply.citations && reply.citations.length) {
      var p = el('p', { class: 'sources' }, T.sources + ':');
      reply.citations.forEach(function (c) {
        var kinds = ['course', 'site', 'service', 'initiative', 'school', 'doc'];
        if (kinds.indexOf(c.kind) >= 0) p.appendChild(button(c.title, function () { send({ action: 'details:' + c.kind + ':' + c.id }, c.title); }));
        else p.appendChild(document.createTextNode(' ' + c.title));
      });
      log.appendChild(p);
    }
    scroll();
  }

  function remember(id) {
    conversationId = id;
    try { localStorage.setItem(STORE, id); } catch (e) { /* see above */ }
  }

  function headers(extra) {
    var h = extra || {};
    if (visitor) h[VISITOR] = visitor;
    return h;
  }

  function keepVisitor(r) {
    var v = r.headers.get(VISITOR);
    if (!v || v === visitor) return;
    visitor = v;
    try { localStorage.setItem(VISITOR_STORE, v); } catch (e) { /* see above */ }
  }

  function send(body, shown) {
    if (busy) return;
    busy = true;
    say(shown, 'user');
    typing.textContent = T.typing;
    var payload = { locale: lang, messageId: 'w' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8) };
    if (conversationId) payload.conversationId = conversationId;
    for (var k in body) payload[k] = body[k];
    fetch(api, { method: 'POST', credentials: 'include', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(payload) })
      .then(function (r) { keepVisitor(r); return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (!res.ok) return say((res.body && res.body.error && res.body.error.message) || T.error, 'bot');
        remember(res.body.conversationId);
        renderReply(res.body);
      })
      .catch(function () { say(T.error, 'bot'); })
      .then(function () { busy = false; typing.textContent = ''; });
  }

  function restore() {
    if (!conversationId) return Promise.resolve(false);
    return fetch(api + '/' + encodeURIComponent(conversationId), { credentials: 'include', headers: headers() })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (h) {
        if (!h || !h.turns || !h.turns.length) return false;
        h.turns.forEach(function (turn) {
          var asked = turn.inbound.text || '';
          if (asked) say(asked, 'user');
          renderReply(turn.reply);
        });
        return true;
      })
      .catch(function () { return false; });
  }

  function open() {
    try { sessionStorage.setItem('orienta.open', '1'); } catch (e) { /* see above */ }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    input.focus();
    if (!started) {
      started = true;
      restore().then(function (had) { if (!had) say(T.hello, 'bot'); });
    }
  }
  function close() {
    try { sessionStorage.removeItem('orienta.open'); } catch (e) { /* see above */ }
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () { (panel.hidden ? open : close)(); });
  closeBtn.addEventListener('click', close);
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });
  personBtn.addEventListener('click', function () { send({ action: 'handoff' }, T.person); });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit')); }
  });

  document.body.appendChild(host);
  // A chat left open reopens where it was on the next page of the site.
  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem('orienta.open') === '1'; } catch (e) { /* see above */ }
  if (wasOpen) open();
})();
