// diffReports: why a finding the newer report does not fail is resolved, gone or no longer
// evaluated; and the exact text, Markdown and JSON of a diff.
import { describe, expect, it } from 'vitest';
import { diffReports, renderDiffJson, renderDiffMarkdown, renderDiffText, type DiffEntry, type ReportDiff } from '../../src/gate/diff.js';
import type { Result, RuleMeta } from '../../src/model/result.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { buildJsonReport } from '../../src/report/json.js';
import { context, evaluation, report, result } from './fixtures.js';

const QUEUE = 'arn:aws:sqs:eu-west-1:111111111111:orders';
const files = { old: 'old.json', new: 'new.json' };
const at = (r: Result, resource: Partial<Result['resource']>): Result => ({ ...r, resource: { ...r.resource, ...resource } });
const rule = (id: string): RuleMeta => ({ id, title: id, category: 'encryption', severity: 'high', resourceTypes: [], description: '', remediation: '', requirement: '', docs: '', origin: 'builtin' });
const error = (over: Partial<CollectionError>): CollectionError => ({ accountId: '111111111111', region: 'eu-west-1', service: 'sqs', operation: 'ListQueues', code: 'AccessDenied', message: 'no', affects: ['AWS::SQS::Thing'], ...over });
const newer = (results: Result[], over: { errors?: CollectionError[]; rules?: RuleMeta[]; regions?: string[]; environments?: string[] } = {}) => {
  const base = context();
  const ctx = context({
    snapshot: { ...base.snapshot, metadata: { ...base.snapshot.metadata, regions: over.regions ?? ['eu-west-1'] }, errors: over.errors ?? [] },
    scope: { environments: over.environments ?? [] },
  });
  return buildJsonReport({ ...evaluation(results), rules: over.rules ?? [] }, ctx);
};
const fate = (old: Result, now: ReturnType<typeof newer>) => {
  const d = diffReports(report([old]), now, files);
  if (d.gone.length === 1) return 'gone';
  if (d.resolved.length === 1) return 'resolved';
  return d.notEvaluated.map((e) => e.reason)[0];
};

describe('diffReports: a failure the newer report does not repeat', () => {
  const failing = () => result('queue-encryption', QUEUE);

  it('is resolved only by a pass, and no longer evaluated by a not-evaluated result with its reason', () => {
    expect(fate(failing(), newer([result('queue-encryption', QUEUE, { status: 'pass' })]))).toBe('resolved');
    expect(fate(failing(), newer([{ ...result('queue-encryption', QUEUE, { status: 'not-evaluated' }), reason: 'no permission' }]))).toBe('no permission');
    const { reason: _r, ...unexplained } = result('queue-encryption', QUEUE, { status: 'not-evaluated' });
    expect(fate(failing(), newer([unexplained as Result]))).toBe('not evaluated');
  });

  it('takes a not-evaluated result of one fingerprint over its pass, in either order, and a failing one over both', () => {
    const ne = { ...result('queue-encryption', QUEUE, { status: 'not-evaluated' }), reason: 'throttled' };
    expect(fate(failing(), newer([ne, result('queue-encryption', QUEUE, { status: 'pass' })]))).toBe('throttled');
    expect(fate(failing(), newer([result('queue-encryption', QUEUE, { status: 'pass' }), ne]))).toBe('throttled');
    const d = diffReports(report([failing()]), newer([result('queue-encryption', QUEUE, { status: 'pass' }), failing()]), files);
    expect(d.counts).toEqual({ new: 0, resolved: 0, unchanged: 1, notEvaluated: 0, gone: 0 });
  });

  it('is gone when nothing explains its absence', () => {
    expect(fate(failing(), newer([]))).toBe('gone');
  });

  it('is no longer evaluated when the newer report does not have its rule (and gone when it does)', () => {
    expect(fate(failing(), newer([], { rules: [rule('other-rule')] }))).toBe('rule queue-encryption is not in the newer report');
    expect(fate(failing(), newer([], { rules: [rule('other-rule'), rule('queue-encryption')] }))).toBe('gone');
  });

  it('is no longer evaluated when its region was not scanned; a global or regionless resource is never outside', () => {
    expect(fate(at(failing(), { region: 'us-east-1' }), newer([]))).toBe('region us-east-1 was not scanned in the newer report');
    expect(fate(at(failing(), { region: 'global' }), newer([]))).toBe('gone');
    expect(fate(at(failing(), { region: '' }), newer([]))).toBe('gone');
  });

  it('is gone when its account was scanned; a resource without an account is never outside', () => {
    expect(fate(at(failing(), { accountId: '999999999999' }), newer([]))).toBe('account 999999999999 was not scanned in the newer report');
    expect(fate(at(failing(), { accountId: '' }), newer([]))).toBe('gone');
  });

  it('is no longer evaluated outside the newer report\'s environments, and for an unattributed resource then', () => {
    expect(fate(failing(), newer([], { environments: ['staging', 'dev'] }))).toBe("outside the newer report's environments (dev, staging)");
    expect(fate(at(failing(), { environment: null }), newer([], { environments: ['production'] }))).toBe("outside the newer report's environments (production)");
    expect(fate(failing(), newer([], { environments: ['production'] }))).toBe('gone');
  });

  it('takes a collection error of its account (or of every account) and region (or a global one) that affects its type', () => {
    const reason = (e: CollectionError) => fate(failing(), newer([], { errors: [e] }));
    const denied = 'collection error sqs:ListQueues AccessDenied in 111111111111/eu-west-1: no';
    expect(reason(error({}))).toBe(denied);
    expect(reason(error({ affects: ['AWS::S3::Bucket', 'AWS::SQS::Thing'] }))).toBe(denied);
    expect(reason(error({ accountId: '' }))).toMatch(/^collection error sqs:ListQueues AccessDenied/);
    expect(reason(error({ region: 'global' }))).toMatch(/^collection error sqs:ListQueues AccessDenied/);
    expect(reason(error({ accountId: '222222222222' }))).toBe('gone');
    expect(reason(error({ region: 'us-east-1' }))).toBe('gone');
    expect(reason(error({ affects: ['AWS::S3::Bucket'] }))).toBe('gone');
    expect(fate(at(failing(), { region: 'global' }), newer([], { errors: [error({ region: 'us-east-1' })] }))).toMatch(/^collection error/);
    expect(fate(at(failing(), { region: '' }), newer([], { errors: [error({ region: 'us-east-1' })] }))).toMatch(/^collection error/);
  });

  it('takes a coverage gap only from a not-evaluated result of the same rule', () => {
    const gapArn = 'arn:aws:envgate:eu-west-1:111111111111:coverage/AWS::SQS::Thing';
    const gap = (over: Partial<Result>) => ({ ...at(result('queue-encryption', gapArn, { status: 'not-evaluated' }), { accountId: '111111111111', region: 'eu-west-1', type: 'AWS::SQS::Thing' }), reason: 'SQS not listed', ...over });
    expect(fate(failing(), newer([gap({})]))).toBe('SQS not listed');
    expect(fate(failing(), newer([gap({ reason: undefined })]))).toBe('could not be inventoried');
    expect(fate(failing(), newer([gap({ status: 'pass' })]))).toBe('gone');
    expect(fate(failing(), newer([gap({ ruleId: 'other-rule' })]))).toBe('gone');
  });
});

describe('diffReports: the lists', () => {
  it('sorts each list, marks waived entries, and names the reports with their times', () => {
    const a = result('s3-encryption', 'arn:aws:s3:::a');
    const b = result('s3-encryption', 'arn:aws:s3:::b');
    const waived = { ...result('s3-logging', 'arn:aws:s3:::c'), waiver: { id: 'w', owner: 'o', reason: 'r', expires: '2030-01-01', source: 'w.yaml:3' } };
    const oldR = buildJsonReport(evaluation([b, a]), context({ generatedAt: '2025-01-01T00:00:00Z' }));
    const newR = buildJsonReport(evaluation([waived, b, a, result('s3-versioning', 'arn:aws:s3:::z'), result('s3-versioning', 'arn:aws:s3:::y')]), context({ generatedAt: '2025-02-01T00:00:00Z' }));
    const d = diffReports(oldR, newR, files);
    expect(d.reports).toEqual({ old: { file: 'old.json', generatedAt: '2025-01-01T00:00:00Z' }, new: { file: 'new.json', generatedAt: '2025-02-01T00:00:00Z' } });
    expect(d.new.map((e) => [e.arn, e.waived])).toEqual([
      ['arn:aws:s3:::c', true],
      ['arn:aws:s3:::y', false],
      ['arn:aws:s3:::z', false],
    ]);
    expect(d.unchanged.map((e) => e.arn)).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    expect(d.new[1]).toStrictEqual({ fingerprint: result('s3-versioning', 'arn:aws:s3:::y').fingerprint, ruleId: 's3-versioning', severity: 'high', arn: 'arn:aws:s3:::y', environment: 'production', message: 's3-versioning on arn:aws:s3:::y', waived: false });
    const gone = diffReports(newR, oldR, files);
    expect(gone.gone.map((e) => e.arn)).toEqual(['arn:aws:s3:::c', 'arn:aws:s3:::y', 'arn:aws:s3:::z']);
  });

  it('sorts the no-longer-evaluated list like the others', () => {
    const olds = ['arn:aws:s3:::b', 'arn:aws:s3:::a'].map((arn) => result('s3-encryption', arn));
    const d = diffReports(report(olds), newer([], { rules: [rule('x')] }), files);
    expect(d.notEvaluated.map((e) => e.arn)).toEqual(['arn:aws:s3:::a', 'arn:aws:s3:::b']);
  });
});

const entry = (over: Partial<DiffEntry>): DiffEntry => ({ fingerprint: 'f', ruleId: 'r1', severity: 'high', arn: 'arn:x', environment: 'production', message: 'm', waived: false, ...over });
const diffOf = (over: Partial<ReportDiff>): ReportDiff => {
  const d: ReportDiff = {
    reports: { old: { file: 'old.json', generatedAt: 'T1' }, new: { file: 'new.json', generatedAt: 'T2' } },
    counts: { new: 0, resolved: 0, unchanged: 0, notEvaluated: 0, gone: 0 },
    new: [],
    resolved: [],
    unchanged: [],
    notEvaluated: [],
    gone: [],
    ...over,
  };
  d.counts = { new: d.new.length, resolved: d.resolved.length, unchanged: d.unchanged.length, notEvaluated: d.notEvaluated.length, gone: d.gone.length };
  return d;
};
const every = () =>
  diffOf({
    new: [entry({ arn: 'arn:n', waived: true }), entry({ arn: 'arn:n2', severity: 'critical', environment: null })],
    resolved: [entry({ arn: 'arn:r', severity: 'low' })],
    unchanged: [entry({ arn: 'arn:u', severity: 'medium' })],
    notEvaluated: [entry({ arn: 'arn:q', severity: 'info', reason: 'denied' })],
    gone: [entry({ arn: 'arn:g' })],
  });

describe('renderDiffText', () => {
  it('writes the counts, then each non-empty section but unchanged', () => {
    expect(renderDiffText(every())).toBe(
      [
        'envgate diff: 2 new, 1 resolved, 1 unchanged, 1 no longer evaluated, 1 resource gone',
        'New:',
        '  + high r1 arn:n (production) [waived]',
        '  + critical r1 arn:n2 (unattributed)',
        'Resolved:',
        '  - low r1 arn:r (production)',
        'No longer evaluated (unknown, not resolved):',
        '  ? info r1 arn:q (production): denied',
        'Resource gone (looked for, not found):',
        '  x high r1 arn:g (production)',
        '',
      ].join('\n'),
    );
    expect(renderDiffText(diffOf({}))).toBe('envgate diff: 0 new, 0 resolved, 0 unchanged, 0 no longer evaluated, 0 resource gone\n');
  });

  it('lists 50 entries per section, then says how many more', () => {
    const n = (k: number) => Array.from({ length: k }, (_, i) => entry({ arn: `arn:${String(i).padStart(2, '0')}` }));
    const fifty = renderDiffText(diffOf({ new: n(50) })).split('\n');
    expect(fifty).toHaveLength(53);
    expect(fifty.at(-2)).toBe('  + high r1 arn:49 (production)');
    const more = renderDiffText(diffOf({ gone: n(52) })).split('\n');
    expect(more).toHaveLength(54);
    expect(more.slice(-3)).toEqual(['  x high r1 arn:49 (production)', '  ... and 2 more', '']);
  });
});

describe('renderDiffMarkdown', () => {
  it('writes the heading, the reports compared, the count table and a table per non-empty section', () => {
    expect(renderDiffMarkdown(every())).toBe(
      [
        '## envgate: 2 new, 1 resolved, 1 unchanged, 1 no longer evaluated, 1 resource gone',
        '',
        'Compared old.json (T1) with new.json (T2).',
        '',
        '| Change | Critical | High | Medium | Low | Info | Total |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| New | 1 | 1 | 0 | 0 | 0 | 2 |',
        '| Resolved | 0 | 0 | 0 | 1 | 0 | 1 |',
        '| Unchanged | 0 | 0 | 1 | 0 | 0 | 1 |',
        '| No longer evaluated | 0 | 0 | 0 | 0 | 1 | 1 |',
        '| Resource gone | 0 | 1 | 0 | 0 | 0 | 1 |',
        '',
        '### New (2)',
        '',
        '| Severity | Rule | Resource | Environment | Finding |',
        '| --- | --- | --- | --- | --- |',
        '| high | r1 | arn:n | production | m (waived) |',
        '| critical | r1 | arn:n2 | unattributed | m |',
        '',
        '### Resolved (1)',
        '',
        '| Severity | Rule | Resource | Environment | Finding |',
        '| --- | --- | --- | --- | --- |',
        '| low | r1 | arn:r | production | m |',
        '',
        '### No longer evaluated (1)',
        '',
        '| Severity | Rule | Resource | Environment | Finding | Reason |',
        '| --- | --- | --- | --- | --- | --- |',
        '| info | r1 | arn:q | production | m | denied |',
        '',
        '### Resource gone (1)',
        '',
        '| Severity | Rule | Resource | Environment | Finding |',
        '| --- | --- | --- | --- | --- |',
        '| high | r1 | arn:g | production | m |',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty reason cell for an entry without one, and only the count table for an empty diff', () => {
    expect(renderDiffMarkdown(diffOf({ notEvaluated: [entry({})] }))).toContain('| high | r1 | arn:x | production | m |  |\n');
    expect(renderDiffMarkdown(diffOf({})).split('\n')).toHaveLength(12);
  });

  it('lists 50 rows per section, then says how many more', () => {
    const rows = Array.from({ length: 51 }, (_, i) => entry({ arn: `arn:${String(i).padStart(2, '0')}` }));
    const lines = renderDiffMarkdown(diffOf({ resolved: rows })).split('\n');
    expect(lines.slice(-4)).toEqual(['| high | r1 | arn:49 | production | m |', '', '... and 1 more.', '']);
    expect(renderDiffMarkdown(diffOf({ resolved: rows.slice(0, 50) })).split('\n').slice(-2)).toEqual(['| high | r1 | arn:49 | production | m |', '']);
  });
});

describe('renderDiffJson', () => {
  it('is the diff as indented JSON with a final newline', () => {
    const d = diffOf({ new: [entry({})] });
    const text = renderDiffJson(d);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "reports": {');
    expect(JSON.parse(text)).toEqual(d);
  });
});
