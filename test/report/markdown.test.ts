import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { md } from '../../src/report/escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { cleanContext, result, sampleContext, sampleEvaluation } from './helpers.js';

const HOSTILE = 'x<script>alert(1)</script>|*bold*_u_`code`[link](http://e.vil)\n# heading @octocat $x$ & ~~s~~';

describe('Markdown report', () => {
  it('starts with a one-line verdict', () => {
    const text = renderMarkdown(sampleEvaluation(), sampleContext());
    expect(text.split('\n')[0]).toMatch(/^\*\*⚠️ envgate demo: incomplete scan\*\*/);
    const complete = { ...sampleEvaluation(), results: sampleEvaluation().results.filter((r) => r.status !== 'not-evaluated') };
    expect(renderMarkdown(complete, cleanContext()).split('\n')[0]).toMatch(/^\*\*❌ envgate demo: 3 finding\(s\)/);
    expect(renderMarkdown({ ...complete, results: [] }, cleanContext()).split('\n')[0]).toMatch(/^\*\*✅/);
  });

  it('says nothing gates under --fail-on none, rather than claiming a pass', () => {
    const complete = { ...sampleEvaluation(), results: sampleEvaluation().results.filter((r) => r.status !== 'not-evaluated') };
    const first = renderMarkdown(complete, cleanContext({ failOn: 'none' })).split('\n')[0]!;
    expect(first).toMatch(/^\*\*ℹ️ envgate demo: \d+ failing/);
    expect(first).toContain('no failure threshold');
  });

  it('has the sections the issue names', () => {
    const text = renderMarkdown(sampleEvaluation(), sampleContext());
    for (const h of [
      '## Failures by environment and category',
      '## Most severe findings',
      '## Links that cross environments',
      '## Access matrix (declared → effective)',
      '## Cost vs ceiling (USD per month)',
      '## Incomplete: collection errors and checks not evaluated',
      '## Waived',
    ]) {
      expect(text).toContain(h);
    }
    expect(text).toContain('```mermaid\ngraph LR');
    expect(text).toContain('```mermaid\nxychart-beta');
    expect(text).toContain('view → **full** ❌');
  });

  it('escapes hostile resource names so they render as text', () => {
    const escaped = md(HOSTILE);
    expect(escaped).not.toMatch(/<|>|\n/);
    expect(escaped).not.toMatch(/(^|[^\\])[|*_`[\]]/);
    expect(escaped).toContain('&lt;script&gt;');
    expect(escaped).toContain('&#64;octocat');
    const ev = sampleEvaluation();
    ev.results = [result({ ruleId: 'encryption-at-rest', arn: 'arn:aws:s3:::evil', name: HOSTILE, message: HOSTILE })];
    const text = renderMarkdown(ev, cleanContext());
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('@octocat');
    const row = text.split('\n').find((l) => l.includes('&lt;script&gt;'))!;
    // A table row keeps its 3 cells: no unescaped pipe leaks from the name.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(3);
  });

  it('stays readable at 10,000 findings: summaries, top of each list, counts of the rest', () => {
    const rules = ['isolation-shared-vpc', 'encryption-at-rest', 'tagging-required', 'retention-log-groups'];
    const results: Result[] = Array.from({ length: 10_000 }, (_, i) =>
      result({ ruleId: rules[i % 4]!, arn: `arn:aws:s3:::bucket-${String(i).padStart(5, '0')}`, environment: i % 2 ? 'staging' : 'production', line: 3 }),
    );
    const text = renderMarkdown({ ...sampleEvaluation(), results }, cleanContext());
    expect(text.length).toBeLessThan(65_536); // a PR comment's limit
    expect(text).toContain('…and 2495 more for this rule.');
    expect(text).toContain('| **all** |');
  });
});
