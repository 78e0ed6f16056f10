// The gate's documented rules, each with exact expected values: waiver precedence,
// every notice's text, thresholds at their edges, the baseline and exit codes.
import { describe, expect, it } from 'vitest';
import { baselineFromReport } from '../../src/gate/baseline.js';
import { decide, type GateInput } from '../../src/gate/decide.js';
import { parseWaivers } from '../../src/gate/waivers.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { BUCKET_A, BUCKET_B, LEGACY_1, report, result } from './fixtures.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const base = (over: Partial<GateInput>): GateInput => ({ results: [], failOn: 'high', allowIncomplete: false, now: NOW, ...over });
const waivers = (entries: string) => parseWaivers(`version: 1\nwaivers:\n${entries}`, 'w.yaml');
const entry = (target: string, expires: string, id?: string, owner = 'team') =>
  `  - ${id ? `id: ${id}\n    ` : ''}${target}\n    reason: accepted\n    owner: ${owner}\n    expires: ${expires}\n`;
const byFp = (rule: string, arn: string) => `fingerprint: ${result(rule, arn).fingerprint}`;
const byRule = (rule: string, pattern: string) => `rule: ${rule}\n    resource: "${pattern}"`;
const collectionError: CollectionError = { accountId: '111111111111', region: 'eu-west-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'denied', affects: ['AWS::S3::Bucket'] };

describe('waiver precedence', () => {
  it('a fingerprint waiver wins over a rule + pattern waiver listed before it', () => {
    // Entry 1 (line 3) is rule + pattern, entry 2 (line 9) the fingerprint; both match.
    const w = waivers(entry(byRule('s3-encryption', 'arn:aws:s3:::prod-*'), '2025-06-01', 'broad', 'platform') + entry(byFp('s3-encryption', BUCKET_A), '2025-03-01', 'exact', 'payments'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A)], waivers: w }));
    expect(d.results[0]!.waiver).toEqual({ id: 'exact', owner: 'payments', reason: 'accepted', expires: '2025-03-01', source: 'w.yaml:9' });
    // Both matched a finding, so neither is reported unused.
    expect(d.unusedWaivers).toEqual([]);
    expect([d.verdict, d.exitCode, d.counts.waived]).toEqual(['pass', 0, 1]);
  });

  it('among rule + pattern waivers the first in the file wins', () => {
    const w = waivers(entry(byRule('s3-encryption', 'arn:aws:s3:::prod-*'), '2025-06-01', 'first') + entry(byRule('s3-encryption', '*'), '2025-06-01', 'second'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A)], waivers: w }));
    expect(d.results[0]!.waiver!.id).toBe('first');
  });

  it('a waiver without id is annotated with its fingerprint or its rule and pattern', () => {
    const fp = result('s3-encryption', BUCKET_A).fingerprint;
    const w = waivers(entry(byFp('s3-encryption', BUCKET_A), '2025-06-01') + entry(byRule('s3-versioning', 'arn:aws:s3:::prod-*'), '2025-06-01'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A), result('s3-versioning', BUCKET_B)], waivers: w }));
    expect(d.results.map((r) => r.waiver!.id)).toEqual([fp, 's3-versioning arn:aws:s3:::prod-*']);
  });

  it('a rule + pattern waiver needs both: another rule or a non-matching ARN blocks', () => {
    const w = waivers(entry(byRule('s3-encryption', 'arn:aws:s3:::prod-a'), '2025-06-01', 'only-a'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A), result('s3-encryption', BUCKET_B), result('s3-versioning', BUCKET_A)], waivers: w }));
    expect(d.blocking.map((r) => `${r.ruleId} ${r.resource.arn}`)).toEqual([`s3-encryption ${BUCKET_B}`, `s3-versioning ${BUCKET_A}`]);
    expect(d.results.filter((r) => r.waiver).map((r) => `${r.ruleId} ${r.resource.arn}`)).toEqual([`s3-encryption ${BUCKET_A}`]);
  });

  it('a waiver never touches passing or not-evaluated results', () => {
    const w = waivers(entry(byRule('s3-encryption', '*'), '2025-06-01', 'all'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A, { status: 'pass' }), result('s3-encryption', BUCKET_B, { status: 'not-evaluated' })], waivers: w, allowIncomplete: true }));
    expect(d.results.map((r) => r.waiver)).toEqual([undefined, undefined]);
    expect(d.unusedWaivers.map((x) => x.id)).toEqual(['all']);
    expect(d.counts).toEqual({ failures: 0, waived: 0, inBaseline: 0, belowThreshold: 0, blocking: 0 });
  });
});

describe('notices', () => {
  it('waiver-expired: an expired waiver whose finding does not block (below the threshold) is named in a notice', () => {
    const w = waivers(entry(byFp('s3-encryption', BUCKET_A), '2024-12-31', 'old-exception', 'payments'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A, { severity: 'low' })], waivers: w }));
    expect(d.notices).toEqual([{ level: 'warn', code: 'waiver-expired', message: "waiver 'old-exception' (w.yaml:3) (owner payments) expired on 2024-12-31", source: 'w.yaml:3' }]);
    expect(d.expiredWaivers.map((e) => [e.waiver.id, e.blocks, e.findings.map((f) => f.resource.arn)])).toEqual([['old-exception', false, [BUCKET_A]]]);
    expect([d.verdict, d.exitCode, d.counts.belowThreshold]).toEqual(['pass', 0, 1]);
  });

  it('waiver-expired: a waiver without id is named by its position; a finding in the baseline does not block', () => {
    const findings = [result('s3-encryption', BUCKET_A)];
    const w = waivers(entry(byRule('s3-encryption', '*'), '2025-01-01'));
    const d = decide(base({ results: findings, waivers: w, baseline: baselineFromReport(report(findings), 'old.json') }));
    expect(d.notices).toEqual([{ level: 'warn', code: 'waiver-expired', message: 'waiver at w.yaml:3 (owner team) expired on 2025-01-01', source: 'w.yaml:3' }]);
    expect(d.expiredWaivers[0]!.blocks).toBe(false);
    expect(d.counts.inBaseline).toBe(1);
  });

  it('an expired waiver over a blocking finding is in the verdict, not in a notice', () => {
    const w = waivers(entry(byFp('s3-encryption', BUCKET_A), '2024-12-31', 'old'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A)], waivers: w }));
    expect(d.notices).toEqual([]);
    expect(d.expiredWaivers.map((e) => [e.waiver.id, e.blocks])).toEqual([['old', true]]);
    expect([d.verdict, d.exitCode]).toEqual(['blocked', 1]);
  });

  it('an expired waiver lists every finding it would cover, and blocks when any of them blocks', () => {
    const w = waivers(entry(byRule('s3-encryption', '*'), '2024-12-31', 'old'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A), result('s3-encryption', BUCKET_B, { severity: 'low' })], waivers: w }));
    expect(d.expiredWaivers.map((e) => [e.waiver.id, e.blocks, e.findings.map((f) => f.resource.arn)])).toEqual([['old', true, [BUCKET_A, BUCKET_B]]]);
    expect(d.notices).toEqual([]);
  });

  it('waiver-expiring: days counted to 00:00 UTC of the expiry day, singular for one day, none past 14', () => {
    const w = waivers(entry(byFp('s3-encryption', BUCKET_A), '2025-01-02', 'tomorrow') + entry(byFp('s3-encryption', BUCKET_B), '2025-01-15', 'fortnight') + entry(byFp('s3-versioning', BUCKET_A), '2025-01-16', 'later'));
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A), result('s3-encryption', BUCKET_B), result('s3-versioning', BUCKET_A)], waivers: w }));
    expect(d.notices).toEqual([
      { level: 'warn', code: 'waiver-expiring', message: "waiver 'tomorrow' (w.yaml:3) (owner team) expires on 2025-01-02, in 1 day", source: 'w.yaml:3' },
      { level: 'warn', code: 'waiver-expiring', message: "waiver 'fortnight' (w.yaml:8) (owner team) expires on 2025-01-15, in 14 days", source: 'w.yaml:8' },
    ]);
    expect(d.expiringWaivers.map((e) => [e.waiver.id, e.daysLeft])).toEqual([['tomorrow', 1], ['fortnight', 14]]);
  });

  it('waiver-unused: says so, and adds the expiry when the unused waiver has expired too', () => {
    const w = waivers(entry(byRule('nothing', '*'), '2025-06-01', 'spare') + entry(byRule('nothing-either', '*'), '2024-06-01', 'stale'));
    const d = decide(base({ results: [], waivers: w }));
    expect(d.notices).toEqual([
      { level: 'info', code: 'waiver-unused', message: "waiver 'spare' (w.yaml:3) matched no finding: remove it if the finding is fixed", source: 'w.yaml:3' },
      { level: 'info', code: 'waiver-unused', message: "waiver 'stale' (w.yaml:9) matched no finding, expired on 2024-06-01: remove it if the finding is fixed", source: 'w.yaml:9' },
    ]);
  });

  it('incomplete-allowed: counts the not-evaluated checks and collection errors', () => {
    const results = [result('s3-encryption', BUCKET_A, { status: 'not-evaluated' }), result('s3-versioning', BUCKET_A, { status: 'not-evaluated' })];
    const d = decide(base({ results, collectionErrors: [collectionError], allowIncomplete: true }));
    expect(d.notices).toEqual([{ level: 'warn', code: 'incomplete-allowed', message: '2 check(s) not evaluated and 1 collection error(s), allowed by --allow-incomplete' }]);
    expect([d.verdict, d.exitCode, d.incomplete, d.collectionErrors]).toEqual(['pass', 0, true, 1]);
    expect(d.notEvaluated.map((r) => r.ruleId)).toEqual(['s3-encryption', 's3-versioning']);
  });

  it('no incomplete-allowed notice when the run was complete, and none without --allow-incomplete', () => {
    expect(decide(base({ results: [result('s3-encryption', BUCKET_A, { status: 'pass' })], allowIncomplete: true })).notices).toEqual([]);
    const d = decide(base({ results: [], collectionErrors: [collectionError] }));
    expect([d.notices, d.verdict, d.exitCode]).toEqual([[], 'incomplete', 3]);
  });
});

describe('thresholds and baseline', () => {
  it('blocks exactly at the threshold and not one step below it', () => {
    const results = [result('a', BUCKET_A, { severity: 'high' }), result('b', BUCKET_A, { severity: 'medium' }), result('c', BUCKET_A, { severity: 'info' })];
    const d = decide(base({ results, failOn: 'high' }));
    expect(d.blocking.map((r) => r.ruleId)).toEqual(['a']);
    expect(d.counts).toEqual({ failures: 3, waived: 0, inBaseline: 0, belowThreshold: 2, blocking: 1 });
    expect(decide(base({ results, failOn: 'info' })).blocking.map((r) => r.ruleId)).toEqual(['a', 'b', 'c']);
  });

  it('marks each failure new or existing against the baseline, and only failures', () => {
    const old = [result('s3-encryption', BUCKET_A)];
    const now = [result('s3-encryption', BUCKET_A), result('s3-encryption', LEGACY_1), result('s3-versioning', BUCKET_A, { status: 'pass' })];
    const d = decide(base({ results: now, baseline: baselineFromReport(report(old), 'old.json') }));
    expect(d.results.map((r) => [r.resource.arn, r.status, r.baseline])).toEqual([
      [LEGACY_1, 'fail', 'new'],
      [BUCKET_A, 'fail', 'existing'],
      [BUCKET_A, 'pass', undefined],
    ]);
    expect(d.blocking.map((r) => r.resource.arn)).toEqual([LEGACY_1]);
    expect(d.counts).toEqual({ failures: 2, waived: 0, inBaseline: 1, belowThreshold: 0, blocking: 1 });
  });

  it('without a baseline no result carries a baseline mark, even one the input had', () => {
    const marked = { ...result('s3-encryption', BUCKET_A), baseline: 'existing' as const };
    const d = decide(base({ results: [marked] }));
    expect(d.results[0]!.baseline).toBeUndefined();
    expect(d.blocking.length).toBe(1);
  });

  it('a waived finding counts as waived, not as in the baseline', () => {
    const findings = [result('s3-encryption', BUCKET_A)];
    const d = decide(base({ results: findings, baseline: baselineFromReport(report(findings), 'old.json'), waivers: waivers(entry(byRule('s3-encryption', '*'), '2025-06-01')) }));
    expect(d.counts).toEqual({ failures: 1, waived: 1, inBaseline: 0, belowThreshold: 0, blocking: 0 });
    expect(d.results[0]!.baseline).toBe('existing');
  });

  it('exit 3 for not-evaluated alone, exit 1 when a finding also blocks', () => {
    const ne = result('s3-versioning', BUCKET_B, { status: 'not-evaluated' });
    expect([decide(base({ results: [ne] })).verdict, decide(base({ results: [ne] })).exitCode]).toEqual(['incomplete', 3]);
    const both = decide(base({ results: [ne, result('s3-encryption', BUCKET_A)], allowIncomplete: true }));
    expect([both.verdict, both.exitCode]).toEqual(['blocked', 1]);
  });
});
