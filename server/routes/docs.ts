/**
 * GET /openapi.json, generated from the endpoint declarations (routes/endpoint.ts), and GET /docs,
 * a self-contained interactive reference built from it (no CDN, works offline).
 */
import type { Api } from './endpoint.ts';

const DESCRIPTION =
  'The search API (api-contract.md §1) and the ZoomInfo-compatible enterprise API (§2) over synthetic data. Every error carries `errors: [{ id, code, details }]`. Enterprise responses carry X-RateLimit-Limit/Remaining/Reset; enrich responses carry X-Usage-Record-Limit-Remaining.';

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sidecar reference server · API reference</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1d2939; background: #f5f6f8; }
header { background: #0b3d91; color: #fff; padding: 12px 24px; }
header a { color: #fff; }
main { max-width: 1100px; margin: 16px auto; padding: 0 24px; }
.auth, details { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 12px 16px; margin-bottom: 10px; }
summary { cursor: pointer; font-weight: 600; }
.method { display: inline-block; min-width: 48px; font-family: monospace; color: #fff; background: #2e7d32; border-radius: 4px; padding: 0 6px; margin-right: 8px; text-align: center; }
.method.get { background: #1565c0; }
pre { background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 6px; overflow: auto; max-height: 360px; }
textarea { width: 100%; min-height: 120px; font-family: monospace; }
input { font: inherit; padding: 4px 6px; min-width: 320px; }
button { font: inherit; padding: 4px 12px; }
h2 { margin-top: 24px; }
.muted { color: #667085; }
</style></head>
<body>
<header><strong>Sidecar reference server</strong> · API reference · <a href="/openapi.json">openapi.json</a> · <a href="/gtm/studio/v1/openapi.json">Audiences API (GTM Studio) openapi.json</a> · <a href="/demo/">demo pages</a></header>
<main>
<div class="auth">
  <p><label>API key (search API): <input id="apiKey" placeholder="demo-key"></label></p>
  <p><label>Access token (enterprise API): <input id="token" placeholder="paste a token, or get one below"></label></p>
  <p><label>Username <input id="user" placeholder="demo@example.com"></label>
     <label>Password <input id="password" type="password" placeholder="DEMO_PASSWORD"></label>
     <button id="login">Get access token</button> <span id="loginStatus" class="muted"></span></p>
</div>
<div id="ops"><p class="muted">Loading /openapi.json…</p></div>
</main>
<script>
(function () {
  'use strict';
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'class') node.className = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  var $ = function (id) { return document.getElementById(id); };
  $('login').addEventListener('click', async function () {
    $('loginStatus').textContent = '…';
    var res = await fetch('/authenticate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('user').value, password: $('password').value }) });
    var body = await res.json().catch(function () { return {}; });
    if (res.ok && body.jwt) { $('token').value = body.jwt; $('loginStatus').textContent = 'token set'; }
    else $('loginStatus').textContent = res.status + ' ' + ((body.errors && body.errors[0] && body.errors[0].details) || '');
  });
  function credentialFor(op) {
    var sec = (op.security || []).map(function (s) { return Object.keys(s)[0]; });
    if (sec.indexOf('apiKey') >= 0) return $('apiKey').value || 'demo-key';
    if (sec.indexOf('accessToken') >= 0) return $('token').value;
    return '';
  }
  function render(spec) {
    var root = $('ops');
    root.textContent = '';
    var byTag = {};
    Object.keys(spec.paths).forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        var op = spec.paths[path][method];
        var tag = (op.tags && op.tags[0]) || 'Other';
        (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: op });
      });
    });
    Object.keys(byTag).forEach(function (tag) {
      root.appendChild(el('h2', {}, [tag]));
      byTag[tag].forEach(function (entry) {
        var op = entry.op;
        var content = op.requestBody && op.requestBody.content;
        var type = content && Object.keys(content)[0];
        var media = type && content[type];
        var example = media && media.example !== undefined ? media.example : {};
        var body = el('textarea', {}, []);
        body.value = type === 'application/x-www-form-urlencoded' ? 'grant_type=client_credentials&client_id=&client_secret=' : JSON.stringify(example, null, 2);
        var out = el('pre', {}, ['']);
        var send = el('button', {}, ['Send']);
        send.addEventListener('click', async function () {
          out.textContent = '…';
          var headers = {};
          var cred = credentialFor(op);
          if (cred) headers.Authorization = 'Bearer ' + cred;
          var init = { method: entry.method.toUpperCase(), headers: headers };
          if (entry.method !== 'get') { headers['Content-Type'] = type || 'application/json'; init.body = body.value; }
          var started = performance.now();
          var res = await fetch(entry.path, init);
          var text = await res.text();
          var shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          var head = [];
          res.headers.forEach(function (v, k) { if (/^(x-|retry-after|content-type)/i.test(k)) head.push(k + ': ' + v); });
          out.textContent = res.status + ' ' + res.statusText + ' · ' + Math.round(performance.now() - started) + ' ms\\n' + head.join('\\n') + '\\n\\n' + shown;
        });
        var parts = [el('summary', {}, [el('span', { class: 'method ' + entry.method }, [entry.method.toUpperCase()]), entry.path + ' — ' + (op.summary || '')])];
        if (media) {
          parts.push(el('p', {}, ['Request body (' + type + '):']));
          parts.push(body);
          var schema = el('details', {}, [el('summary', {}, ['Request schema']), el('pre', {}, [JSON.stringify(media.schema, null, 2)])]);
          parts.push(schema);
        }
        var ok = op.responses && op.responses['200'] && op.responses['200'].content['application/json'].schema;
        if (ok) parts.push(el('details', {}, [el('summary', {}, ['Response schema (200)']), el('pre', {}, [JSON.stringify(ok, null, 2)])]));
        parts.push(el('p', {}, [send]));
        parts.push(out);
        root.appendChild(el('details', {}, parts));
      });
    });
  }
  fetch('/openapi.json').then(function (r) { return r.json(); }).then(render, function (e) { $('ops').textContent = 'Could not load /openapi.json: ' + e; });
})();
</script>
</body></html>`;

export function docsRoutes(app: Api): void {
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Sidecar reference server', version: '1.0.0', description: DESCRIPTION }, servers: [{ url: '/' }] });
  app.get('/docs', (c) => c.html(DOCS_PAGE));
}
