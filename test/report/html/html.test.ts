// The HTML report as text: reproducible bytes, escaping, a strict CSP with nothing loaded
// from anywhere, and the sections' facts (browser behaviour is in browser.test.ts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/model/result.js';
import { STATIC_ROWS } from '../../../src/report/html/findings.js';
import { isolationLinks, MAX_DRAWN_LINKS } from '../../../src/report/html/isolation.js';
import { renderHtml } from '../../../src/report/html/index.js';
import { buildJsonReport } from '../../../src/report/json.js';
import { cleanContext, result, sampleContext, sampleEvaluation } from '../helpers.js';

const DATA_BLOCK = /<script type="application\/json" id="findings-data">([^<]*)<\/script>/;

/** The page without its findings data block (JSON, checked on its own), and that block. */
function split(html: string): { markup: string; data: unknown[] } {
  const m = DATA_BLOCK.exec(html);
  expect(m, 'findings data block').not.toBeNull();
  return { markup: html.replace(DATA_BLOCK, ''), data: JSON.parse(m![1]!) as unknown[] };
}

function isolationFinding(i: number, env: string, other: string): Result {
  return result({
    ruleId: 'isolation-shared-vpc',
    arn: `arn:aws:ec2:eu-west-1:111111111111:security-group/sg-${String(i).padStart(4, '0')}`,
    name: `sg-${i}`,
    environment: env,
    extra: {
      environments: [env, other].sort(),
      evidence: { links: [{ path: 'ingress-cidr', environment: other, via: `10.${i}.0.0/16`, peer: `10.${i}.0.0/16` }] },
    },
  });
}

describe('renderHtml', () => {
  it('gives byte-identical output for the same inputs, in whatever order the results come', () => {
    const ev = sampleEvaluation();
    const a = renderHtml(ev, sampleContext());
    const b = renderHtml({ ...ev, results: [...ev.results].reverse() }, sampleContext());
    expect(b).toBe(a);
    expect(a.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">')).toBe(true);
  });

  it('escapes text from AWS everywhere: names, messages, evidence, tag values', () => {
    const ev = sampleEvaluation();
    const evil = '<img src=x onerror=alert(1)>"\'&</script>';
    ev.results.push(
      result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::evil', name: evil, environment: 'staging', message: `bucket ${evil}`, extra: { evidence: { observed: evil } } }),
    );
    const html = renderHtml(ev, sampleContext());
    const { markup, data } = split(html);
    expect(markup).not.toContain('<img');
    expect(markup).not.toContain('onerror=alert(1)>');
    expect(markup.match(/<\/script>/g)).toHaveLength(1); // the page's own
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&apos;&amp;&lt;/script&gt;');
    // In the data block the text stays text: no '<' at all, and JSON gives the name back.
    expect(DATA_BLOCK.exec(html)![1]).not.toContain('<');
    expect(data.map((d) => (d as { name: string }).name)).toContain(evil);
  });

  it('removes control and bidirectional-override characters from AWS text', () => {
    const ev = sampleEvaluation();
    ev.results.push(result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::bidi', name: 'safe\u202egpj.exe\u0007', environment: 'staging' }));
    const html = renderHtml(ev, sampleContext());
    expect(html).toContain('safegpj.exe');
    expect(split(html).data.map((d) => (d as { name: string }).name)).toContain('safegpj.exe');
    expect(html).not.toContain('\u202e');
    expect(html).not.toContain('\u0007');
  });

  it('has a strict CSP allowing exactly its own inline style and script, and loads nothing', () => {
    const html = renderHtml(sampleEvaluation(), sampleContext());
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replace(/&apos;/g, "'"); // as the browser reads the attribute
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `style-src 'sha256-${hash(style)}'`,
      `script-src 'sha256-${hash(script)}'`,
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(html).not.toMatch(/<link|<iframe|<img|\ssrc=|\sstyle=|\son[a-z]+=/);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual([]);
  });

  it('keeps every in-page link pointing at an element of the page', () => {
    const ev = sampleEvaluation();
    ev.results.push(isolationFinding(1, 'staging', 'production'));
    ev.accessMatrix[0]!.grants.push({ principalArn: 'arn:aws:iam::111111111111:role/dev', policy: 'inline:dev:all', sid: 'All', actions: ['s3:*'] });
    const html = renderHtml(ev, sampleContext());
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toContain('grant-0');
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });

  it('scores each environment: failing by severity, not evaluated with the reason, waived, excluded', () => {
    const html = renderHtml(sampleEvaluation(), sampleContext());
    const card = (env: string) => new RegExp(`<article class="[^"]*" data-environment="${env}">([\\s\\S]*?)</article>`).exec(html)?.[1] ?? '';
    const production = card('production');
    expect(production).toContain('<td data-count="fail">1</td>');
    expect(production).toContain('<td data-count="notEvaluated">1</td>');
    expect(production).toContain('1 × logs:DescribeLogGroups failed: AccessDenied');
    expect(production).toContain('<td data-severity="high">1</td>');
    const staging = card('staging');
    expect(staging).toContain('<td data-count="waived">1</td>');
    expect(staging).toContain('<td data-count="excluded">1</td>');
    expect(staging).toContain('<td data-severity="critical">1</td>');
    expect(card('\\(unattributed\\)')).toContain('<td data-severity="medium">1</td>');
    expect(html).toContain('data-verdict="incomplete"');
    expect(html).toContain('DescribeLogGroups'); // the collection error's row
  });

  it('shows access over the declared level, cost against the ceiling and the largest contributors', () => {
    const html = renderHtml(sampleEvaluation(), cleanContext());
    expect(html).toContain('<td class="over" data-team="developers" data-environment="production" data-declared="view" data-effective="full"><a href="#grant-0">view → full ≈</a></td>');
    expect(html).toContain('<td class="ok" data-team="developers" data-environment="staging" data-declared="deploy" data-effective="deploy">deploy → deploy</td>');
    expect(html).toContain('<td class="status st-over-ceiling">over ceiling</td>');
    expect(html).toContain('<td class="num" data-field="estimateUsd">$612.50</td>');
    expect(html).toContain('<li title="">EC2 t3.large $612.50</li>');
    expect(html).toContain('<td class="num" data-field="actualUsd">$130.25</td>');
  });

  it('lists parity property by property, passes too, with the resources that differ', () => {
    const ev = sampleEvaluation();
    const parity = (property: string, status: Result['status'], differences: unknown[]) =>
      result({
        ruleId: 'encryption-at-rest',
        arn: `arn:aws:envgate:::parity/staging/production/${property}`,
        status,
        environment: 'staging',
        extra: { category: 'parity', evidence: { property, from: 'staging', to: 'production', differences } },
      });
    ev.results.push(
      parity('versioning', 'fail', [{ key: 'AWS::S3::Bucket', from: { with: 4, total: 5 }, to: { with: 3, total: 3 }, causes: ['arn:aws:s3:::s-up'] }]),
      parity('alarms', 'pass', []),
    );
    const html = renderHtml(ev, cleanContext());
    expect(html).toContain('<tr class="st-pass" data-property="alarms"><td>staging → production</td><td>alarms</td><td>pass</td>');
    expect(html).toContain('<li>AWS::S3::Bucket: 4 of 5 vs 3 of 3 (<code>arn:aws:s3:::s-up</code>)</li>');
  });

  it('draws at most MAX_DRAWN_LINKS isolation links and lists them all in the table', () => {
    const ev = sampleEvaluation();
    const n = MAX_DRAWN_LINKS + 5;
    for (let i = 0; i < n; i++) ev.results.push(isolationFinding(i, i % 2 ? 'staging' : 'production', i % 2 ? 'production' : 'staging'));
    const report = buildJsonReport(ev, cleanContext());
    const links = isolationLinks(report);
    expect(links).toHaveLength(n + 1); // and the sample's shared VPC
    const html = renderHtml(ev, cleanContext());
    expect(html.match(/<path class="edge"/g)).toHaveLength(MAX_DRAWN_LINKS);
    expect(html).toContain(`${n + 1} link(s) between environments from isolation findings; the first ${MAX_DRAWN_LINKS} drawn, 6 more in the table.`);
    expect(html.match(/<table class="links">[\s\S]*?<\/table>/)?.[0].match(/<tr>/g)).toHaveLength(n + 2); // header + rows
  });

  it('writes 10,000 findings as data and the first STATIC_ROWS as rows', () => {
    const rules = ['isolation-shared-vpc', 'encryption-at-rest', 'tagging-required', 'retention-log-groups'];
    const results: Result[] = Array.from({ length: 10_000 }, (_, i) =>
      result({ ruleId: rules[i % 4]!, arn: `arn:aws:s3:::bucket-${String(i).padStart(5, '0')}`, environment: i % 2 ? 'staging' : 'production' }),
    );
    const html = renderHtml({ ...sampleEvaluation(), results }, cleanContext());
    expect(html.match(/<tr id="f-/g)).toHaveLength(STATIC_ROWS);
    expect(split(html).data).toHaveLength(10_000);
    expect(html).toContain('<output id="shown" for="q">10000 of 10000 findings</output>');
  });
});
