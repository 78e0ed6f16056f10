import { describe, expect, it } from 'vitest';
import { diffReports, renderDiffMarkdown, renderDiffText } from '../../src/gate/diff.js';
import { BUCKET_A, BUCKET_B, LEGACY_1, LEGACY_2, report, result } from './fixtures.js';

describe('diffReports', () => {
  const old = report([
    result('s3-encryption', BUCKET_A),
    result('s3-versioning', BUCKET_B),
    result('s3-versioning', LEGACY_1),
    result('s3-versioning', LEGACY_2),
  ]);
  const now = report([
    result('s3-encryption', BUCKET_A),
    result('s3-versioning', BUCKET_B, { status: 'pass' }),
    result('s3-versioning', LEGACY_2, { status: 'not-evaluated' }),
    result('s3-logging', BUCKET_B, { severity: 'critical' }),
  ]);
  const d = diffReports(old, now, { old: 'old.json', new: 'new.json' });

  it('splits findings into new, resolved, unchanged and no-longer-evaluated by fingerprint', () => {
    expect(d.counts).toEqual({ new: 1, resolved: 2, unchanged: 1, notEvaluated: 1 });
    expect(d.new.map((e) => [e.ruleId, e.arn])).toEqual([['s3-logging', BUCKET_B]]);
    expect(d.resolved.map((e) => e.arn)).toEqual([LEGACY_1, BUCKET_B]);
    expect(d.unchanged.map((e) => e.fingerprint)).toEqual([result('s3-encryption', BUCKET_A).fingerprint]);
    expect(d.notEvaluated.map((e) => e.arn)).toEqual([LEGACY_2]);
  });

  it('renders text and Markdown with the counts first', () => {
    expect(renderDiffText(d).split('\n')[0]).toContain('1 new, 2 resolved, 1 unchanged');
    const md = renderDiffMarkdown(d);
    expect(md.split('\n')[0]).toMatch(/^## /);
    expect(md).toContain('| New | 1 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('escapes resource names in Markdown', () => {
    const hostile = report([result('s3-encryption', 'arn:aws:s3:::x|<img src=y>')]);
    const md = renderDiffMarkdown(diffReports(report([]), hostile, { old: 'a', new: 'b' }));
    expect(md).not.toContain('<img');
    expect(md).toContain('x\\|&lt;img');
  });

  it('is empty for identical reports', () => {
    expect(diffReports(now, now, { old: 'a', new: 'b' }).counts).toEqual({ new: 0, resolved: 0, unchanged: 2, notEvaluated: 0 });
  });
});
