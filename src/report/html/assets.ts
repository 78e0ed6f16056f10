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

/** Filters and search over the findings table; everything else on the page is static. */
export const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('findings-table');
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var out = document.getElementById('shown');
  var keys = ['environment', 'severity', 'category', 'rule', 'status'];
  var texts = null;
  function apply() {
    var want = [];
    for (var k = 0; k < keys.length; k++) {
      var v = form.elements[keys[k]].value;
      if (v !== '') want.push(['data-' + keys[k], v]);
    }
    var q = form.elements.q.value.trim().toLowerCase();
    if (q !== '' && texts === null) texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = true;
      for (var j = 0; j < want.length && ok; j++) ok = r.getAttribute(want[j][0]) === want[j][1];
      if (ok && q !== '') ok = texts[i].indexOf(q) !== -1;
      if (r.hidden === ok) r.hidden = !ok;
      if (ok) n++;
    }
    out.textContent = n + ' of ' + rows.length + ' findings';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
})();
`;
