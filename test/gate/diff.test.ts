import { describe, expect, it } from 'vitest';
import { diffReports, renderDiffMarkdown, renderDiffText } from '../../src/gate/diff.js';
import { BUCKET_A, BUCKET_B, context, LEGACY_1, LEGACY_2, report, result } from './fixtures.js';

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
  // Computed inside each test: a mutation run counts only what a test itself runs.
  const diff = () => diffReports(old, now, { old: 'old.json', new: 'new.json' });

  it('splits findings into new, resolved, unchanged, no longer evaluated and resource gone by fingerprint', () => {
    const d = diff();
    expect(d.counts).toEqual({ new: 1, resolved: 1, unchanged: 1, notEvaluated: 1, gone: 1 });
    expect(d.new.map((e) => [e.ruleId, e.arn])).toEqual([['s3-logging', BUCKET_B]]);
    expect(d.resolved.map((e) => e.arn)).toEqual([BUCKET_B]);
    expect(d.unchanged.map((e) => e.fingerprint)).toEqual([result('s3-encryption', BUCKET_A).fingerprint]);
    expect(d.notEvaluated.map((e) => [e.arn, e.reason])).toEqual([[LEGACY_2, 'collection error s3:GetBucketEncryption AccessDenied']]);
    expect(d.gone.map((e) => e.arn)).toEqual([LEGACY_1]);
  });

  it('renders text and Markdown with the counts first', () => {
    const d = diff();
    expect(renderDiffText(d).split('\n')[0]).toBe('envgate diff: 1 new, 1 resolved, 1 unchanged, 1 no longer evaluated, 1 resource gone');
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
    expect(diffReports(now, now, { old: 'a', new: 'b' }).counts).toEqual({ new: 0, resolved: 0, unchanged: 2, notEvaluated: 0, gone: 0 });
  });
});

describe('diffReports: a finding the newer report has no result for is resolved only with evidence', () => {
  const QUEUE = 'arn:aws:sqs:eu-west-1:111111111111:orders';
  const OTHER = 'arn:aws:sns:eu-west-1:111111111111:orders';
  const ELSEWHERE = 'arn:aws:sqs:eu-west-1:222222222222:orders';
  const failing = result('queue-encryption', QUEUE);
  const error = (affects: string[]) => ({ accountId: '111111111111', region: 'eu-west-1', service: 'tagging', operation: 'GetResources', code: 'AccessDeniedException', message: 'denied', affects });
  const withErrors = (errors: ReturnType<typeof error>[], results = [] as ReturnType<typeof result>[]) => report(results, context({ snapshot: { ...context().snapshot, errors } }));
  const oldR = report([failing, result('queue-encryption', OTHER)]);

  it('is "no longer evaluated" with the collection error when its type (or its tags) could not be read', () => {
    for (const area of ['AWS::SQS::Thing', 'tags:AWS::SQS::Thing']) {
      const d = diffReports(oldR, withErrors([error([area])]), { old: 'a', new: 'b' });
      expect(d.resolved, area).toEqual([]);
      expect(d.gone, area).toEqual([expect.objectContaining({ arn: OTHER })]);
      expect(d.notEvaluated.map((e) => [e.arn, e.reason]), area).toEqual([[QUEUE, 'collection error tagging:GetResources AccessDeniedException in 111111111111/eu-west-1: denied']]);
    }
  });

  it('is "no longer evaluated" for everything in an account the scan could not reach (*)', () => {
    const d = diffReports(oldR, withErrors([error(['*'])]), { old: 'a', new: 'b' });
    expect(d.gone).toEqual([]);
    expect(d.notEvaluated.map((e) => e.arn)).toEqual([OTHER, QUEUE]);
  });

  it('is "no longer evaluated" with the gap\'s reason when the rule reports its type as not inventoried there', () => {
    const gap = { ...result('queue-encryption', 'arn:aws:envgate:eu-west-1:111111111111:coverage/AWS::SQS::Thing', { status: 'not-evaluated' }), reason: 'SQS could not be listed' };
    gap.resource = { ...gap.resource, accountId: '111111111111', region: 'eu-west-1', type: 'AWS::SQS::Thing' };
    const d = diffReports(oldR, report([gap]), { old: 'a', new: 'b' });
    expect(d.notEvaluated.map((e) => [e.arn, e.reason])).toEqual([[QUEUE, 'SQS could not be listed']]);
  });

  it('is "no longer evaluated" when its account was not scanned, or the resource is there but unjudged', () => {
    const d = diffReports(report([failing, result('queue-encryption', ELSEWHERE)]), report([result('queue-tags', QUEUE, { status: 'pass' })]), { old: 'a', new: 'b' });
    expect(d.gone).toEqual([]);
    expect(d.notEvaluated.map((e) => [e.arn, e.reason])).toEqual([
      [QUEUE, expect.stringContaining('still in the scan but this rule did not judge it')],
      [ELSEWHERE, 'account 222222222222 was not scanned in the newer report'],
    ]);
  });

  it('lists both buckets, with reasons, in text and Markdown', () => {
    const d = diffReports(oldR, withErrors([error(['tags:AWS::SQS::Thing'])]), { old: 'a', new: 'b' });
    const text = renderDiffText(d);
    expect(text).toContain('No longer evaluated (unknown, not resolved):\n  ? high queue-encryption arn:aws:sqs:eu-west-1:111111111111:orders (production): collection error tagging:GetResources');
    expect(text).toContain('Resource gone (looked for, not found):\n  x high queue-encryption arn:aws:sns:eu-west-1:111111111111:orders');
    const md = renderDiffMarkdown(d);
    expect(md).toContain('| No longer evaluated | 0 | 1 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| Resource gone | 0 | 1 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('### No longer evaluated (1)\n\n| Severity | Rule | Resource | Environment | Finding | Reason |');
  });
});
