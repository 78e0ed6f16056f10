// The page's only style and script, inlined (no network at view time) and allowed by hash
// in the Content-Security-Policy. Plain strings, not compiled code, so the bytes are the
// same whether the renderer runs from dist/ or through tsx.

/** DejaVu fonts first: Debian's chromium depends on them, so screenshots match across machines. */
export const STYLE = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--card:#f6f8fa;--crit:#8b0000;--high:#c2410c;--med:#a16207;--low:#1d4ed8;--info:#4b5563;--ok:#15803d;--bad:#b91c1c;--warn:#a16207}
*{box-sizing:border-box}
body{margin:0;padding:16px 24px;font:13px/1.45 "DejaVu Sans",Verdana,sans-serif;color:var(--fg);background:var(--bg)}
code,pre,small,svg text{font-family:"DejaVu Sans Mono",monospace}
h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:14px;margin:0 0 6px}h4{font-size:13px;margin:8px 0 4px}
nav{margin:8px 0 0}nav a{margin-right:12px}
a{color:#0550ae}
.verdict{padding:12px 16px;border-radius:6px;border-left:6px solid var(--muted);background:var(--card)}
.v-pass{border-color:var(--ok)}.v-fail{border-color:var(--bad)}.v-incomplete{border-color:var(--warn)}
.v-pass .verdict-word{color:var(--ok)}.v-fail .verdict-word{color:var(--bad)}.v-incomplete .verdict-word{color:var(--warn)}
.meta{color:var(--muted);font-size:12px;margin:4px 0 0}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;min-width:250px;background:var(--card)}
.card.has-fail{border-top:4px solid var(--bad)}.card.has-ne{border-right:4px solid var(--warn)}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
thead th{background:var(--card)}
.counts td,.sev td,.num{text-align:right}
.sev caption{text-align:left;color:var(--muted);font-size:12px}
.s-critical{color:var(--crit)}.s-high{color:var(--high)}.s-medium{color:var(--med)}.s-low{color:var(--low)}.s-info{color:var(--info)}
.cats{margin:6px 0 0;padding-left:18px}
.matrix td.over{background:#fde8e8;font-weight:bold}.matrix td.ok{background:#eef8f0}
.cost tr.over th{color:var(--bad)}.st-over-ceiling{color:var(--bad);font-weight:bold}.st-within{color:var(--ok)}.st-unknown{color:var(--warn)}
.bars .b-est{fill:#6e9bd6}.bars .b-act{fill:#3b5b92}.bars .ceil{stroke:var(--bad);stroke-width:2}
.top{margin:0;padding-left:18px}
.parity tr.st-fail td:nth-child(3){color:var(--bad);font-weight:bold}.parity tr.st-pass td:nth-child(3){color:var(--ok)}
svg.isolation{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
svg.isolation .env rect{fill:#f3f6fa;stroke:#8c959f}
svg.isolation .env text{font-size:12px;font-weight:bold;fill:var(--fg)}
svg.isolation .res rect{fill:#fff;stroke:#57606a}
svg.isolation .res text{font-size:11px;fill:var(--fg)}
svg.isolation .edge{fill:none;stroke:var(--bad);stroke-width:1.5}
svg.isolation marker path{fill:var(--bad)}
svg.isolation .edge-label{font-size:10px;fill:var(--bad);stroke:#fff;stroke-width:3px;paint-order:stroke}
figure{margin:0 0 10px}figcaption{color:var(--muted);font-size:12px}
.note{color:var(--muted);font-size:12px}
#filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 8px;position:sticky;top:0;background:var(--bg);padding:6px 0}
#filters[hidden]{display:none}
#shown{color:var(--muted)}
.findings{width:100%;table-layout:fixed}
.findings th:nth-child(1),.findings th:nth-child(2),.findings th:nth-child(4){width:90px}
.findings th:nth-child(3),.findings th:nth-child(5){width:150px}
.findings th:nth-child(9){width:90px}
.findings td{overflow-wrap:anywhere}
.findings tr.st-waived{color:var(--muted)}.findings tr.st-not-evaluated td:nth-child(2){color:var(--warn);font-weight:bold}
.findings tr.st-fail td:nth-child(2){color:var(--bad);font-weight:bold}
pre{white-space:pre-wrap;margin:4px 0;font-size:11px}
`;

/**
 * Findings from the page's JSON data block (findings.ts): filters, text search, a page of
 * rows at a time (data-page) and a "show more" button. Rows are built with DOM calls and
 * textContent only, the same cells findings.ts writes for reading without the script.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('findings-table');
  var dataEl = document.getElementById('findings-data');
  if (!form || !table || !dataEl) return;
  var data = JSON.parse(dataEl.textContent);
  var tbody = table.tBodies[0];
  var out = document.getElementById('shown');
  var more = document.getElementById('more');
  var PAGE = Number(table.getAttribute('data-page')) || 200;
  var KEYS = [['environment', 'env'], ['severity', 'sev'], ['category', 'cat'], ['rule', 'rule'], ['status', 'st']];
  var texts = null;
  var matched = data;
  var listed = 0;
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function cell(tr, first, cls) {
    var td = el('td');
    if (cls) td.className = cls;
    td.appendChild(typeof first === 'string' ? document.createTextNode(first) : first);
    tr.appendChild(td);
    return td;
  }
  function renderRow(d) {
    var tr = el('tr');
    tr.id = 'f-' + d.fp;
    tr.className = 'st-' + d.st;
    tr.setAttribute('data-environment', d.env);
    tr.setAttribute('data-severity', d.sev);
    tr.setAttribute('data-category', d.cat);
    tr.setAttribute('data-rule', d.rule);
    tr.setAttribute('data-status', d.st);
    tr.setAttribute('data-fingerprint', d.fp);
    cell(tr, d.sev, 's-' + d.sev);
    cell(tr, d.st);
    cell(tr, el('code', d.rule));
    cell(tr, d.cat);
    cell(tr, d.oth.length > 0 ? d.env + ' \u2192 ' + d.oth.join(', ') : d.env);
    var res = cell(tr, d.name);
    res.appendChild(el('br'));
    res.appendChild(el('small', d.arn));
    cell(tr, d.msg);
    if (d.loc) {
      var loc = cell(tr, el('code', d.loc));
      loc.appendChild(el('br'));
      loc.appendChild(el('small', d.path));
    } else cell(tr, '\u2013');
    var det = el('details');
    det.appendChild(el('summary', 'evidence'));
    det.addEventListener('toggle', function () {
      if (!det.open || det.childNodes.length > 1) return;
      if (d.note) det.appendChild(el('p', d.note));
      det.appendChild(el('pre', JSON.stringify(d.ev, null, 2)));
    });
    cell(tr, det);
    return tr;
  }
  function showMore() {
    var frag = document.createDocumentFragment();
    var end = Math.min(matched.length, listed + PAGE);
    for (var i = listed; i < end; i++) frag.appendChild(renderRow(matched[i]));
    tbody.appendChild(frag);
    listed = end;
    more.hidden = listed >= matched.length;
    more.textContent = 'show ' + Math.min(PAGE, matched.length - listed) + ' more';
  }
  function searchText(d) {
    return [d.fp, d.sev, d.st, d.rule, d.cat, d.env, d.oth.join(' '), d.name, d.arn, d.msg, d.loc, d.path, d.note, JSON.stringify(d.ev)].join('\\n').toLowerCase();
  }
  function apply() {
    var want = [];
    for (var k = 0; k < KEYS.length; k++) {
      var v = form.elements[KEYS[k][0]].value;
      if (v !== '') want.push([KEYS[k][1], v]);
    }
    var q = form.elements.q.value.trim().toLowerCase();
    if (q !== '' && texts === null) texts = data.map(searchText);
    matched = [];
    for (var i = 0; i < data.length; i++) {
      var d = data[i];
      var ok = true;
      for (var j = 0; j < want.length && ok; j++) ok = d[want[j][0]] === want[j][1];
      if (ok && q !== '') ok = texts[i].indexOf(q) !== -1;
      if (ok) matched.push(d);
    }
    tbody.textContent = '';
    listed = 0;
    showMore();
    out.textContent = matched.length + ' of ' + data.length + ' findings';
  }
  // A link to a finding not listed yet (past the first page, or filtered out) finds it.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href^="#f-"]') : null;
    if (!a || document.getElementById(a.getAttribute('href').slice(1))) return;
    for (var k = 0; k < KEYS.length; k++) form.elements[KEYS[k][0]].value = '';
    form.elements.q.value = a.getAttribute('href').slice(3);
    apply();
  });
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  more.addEventListener('click', showMore);
  var note = document.getElementById('more-note');
  if (note) note.hidden = true;
  // The written rows are the first page of the unfiltered list: keep them, add the rest on demand.
  listed = tbody.rows.length;
  more.hidden = listed >= data.length;
  more.textContent = 'show ' + Math.min(PAGE, data.length - listed) + ' more';
  form.hidden = false;
})();
`;
