// The gate's decision as Markdown (first in envgate.md): the heading per verdict, the
// counts line, the blocking table with why each blocks, the cap, and the waiver notes.
import { describe, expect, it } from 'vitest';
import { baselineFromReport } from '../../src/gate/baseline.js';
import { decide, type GateInput } from '../../src/gate/decide.js';
import { gateMarkdown } from '../../src/gate/gate-markdown.js';
import { parseWaivers } from '../../src/gate/waivers.js';
import { BUCKET_A, BUCKET_B, report, result } from './fixtures.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const base = (over: Partial<GateInput>): GateInput => ({ results: [], failOn: 'high', allowIncomplete: false, now: NOW, ...over });
const scope = { from: 'staging', to: 'production', failOn: 'high' as const };
const waivers = (entries: string) => parseWaivers(`version: 1\nwaivers:\n${entries}`, 'w.yaml');
const entry = (target: string, expires: string, id: string) => `  - id: ${id}\n    ${target}\n    reason: accepted\n    owner: team\n    expires: ${expires}\n`;

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `| high | r | arn:aws:s3:::b${String(i).padStart(2, '0')} | production | r on arn:aws:s3:::b${String(i).padStart(2, '0')} |`);

describe('gate Markdown', () => {
  it('pass: the heading, the counts and the rule', () => {
    expect(gateMarkdown(decide(base({})), scope)).toBe('# ✅ Gate staging → production: pass (exit 0)\n\n0 blocking finding(s) at or above `high`; 0 waived, 0 in the baseline, 0 below the threshold.\n\n---\n');
  });

  it('incomplete: what could not be evaluated, in the counts line', () => {
    const d = decide(base({ results: [result('s3-tags', BUCKET_A, { status: 'not-evaluated' })] }));
    expect(gateMarkdown(d, scope)).toBe(
      '# ⚠️ Gate staging → production: incomplete (exit 3)\n\n0 blocking finding(s) at or above `high`; 0 waived, 0 in the baseline, 0 below the threshold. Incomplete: 1 check(s) not evaluated, 0 collection error(s).\n\n---\n',
    );
  });

  it('blocked: why each finding blocks (new since the baseline, an expired waiver), then the waiver notes', () => {
    const w = waivers(
      entry(`fingerprint: ${result('s3-encryption', BUCKET_A).fingerprint}`, '2024-12-01', 'old') +
        entry('rule: s3-logging\n    resource: "*"', '2025-01-05', 'soon') +
        entry('rule: nothing\n    resource: "*"', '2025-06-01', 'spare'),
    );
    const baseline = baselineFromReport(report([result('s3-versioning', BUCKET_B)]), 'base.json');
    const results = [result('s3-encryption', BUCKET_A), result('s3-versioning', BUCKET_B), result('s3-public', BUCKET_B, { severity: 'critical' }), result('s3-logging', BUCKET_A), result('s3-tags', BUCKET_A, { status: 'not-evaluated' })];
    expect(gateMarkdown(decide(base({ results, waivers: w, baseline })), scope).split('\n')).toEqual([
      '# ⛔ Gate staging → production: blocked (exit 1)',
      '',
      '2 blocking finding(s) at or above `high`; 1 waived, 1 in the baseline, 0 below the threshold. Incomplete: 1 check(s) not evaluated, 0 collection error(s).',
      '',
      '| Severity | Rule | Resource | Environment | Why it blocks |',
      '| --- | --- | --- | --- | --- |',
      '| critical | s3-public | arn:aws:s3:::prod-b | production | new since the baseline |',
      '| high | s3-encryption | arn:aws:s3:::prod-a | production | new since the baseline; waiver old (w.yaml:3) expired 2024-12-01 |',
      '',
      '**Waivers**',
      '',
      '- expired: old (w.yaml:3), owner team, expired 2024-12-01',
      '- expiring in 4 day(s): soon (w.yaml:8), owner team',
      '- unused: spare (w.yaml:14)',
      '',
      '---',
      '',
    ]);
  });

  it('blocked without a baseline: the message says why; the table stops at 20 rows', () => {
    const many = Array.from({ length: 22 }, (_, i) => result('r', `arn:aws:s3:::b${String(i).padStart(2, '0')}`));
    expect(gateMarkdown(decide(base({ results: many })), scope).split('\n')).toEqual([
      '# ⛔ Gate staging → production: blocked (exit 1)',
      '',
      '22 blocking finding(s) at or above `high`; 0 waived, 0 in the baseline, 0 below the threshold.',
      '',
      '| Severity | Rule | Resource | Environment | Why it blocks |',
      '| --- | --- | --- | --- | --- |',
      ...rows(20),
      '',
      '… and 2 more blocking finding(s) in envgate.json.',
      '',
      '---',
      '',
    ]);
    // Exactly 20 blocking: no "and more" line.
    expect(gateMarkdown(decide(base({ results: many.slice(0, 20) })), scope)).not.toContain('more blocking');
  });
});
