import { describe, expect, it } from 'vitest';
import { baselineFromReport } from '../../src/gate/baseline.js';
import { decide, type GateInput } from '../../src/gate/decide.js';
import { verdictLines } from '../../src/gate/verdict.js';
import { parseWaivers } from '../../src/gate/waivers.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { BUCKET_A, BUCKET_B, LEGACY_1, LEGACY_2, report, result } from './fixtures.js';

const NOW = new Date('2025-01-01T12:00:00Z');
const base = (over: Partial<GateInput>): GateInput => ({ results: [], failOn: 'high', allowIncomplete: false, now: NOW, ...over });

const failing = [result('s3-encryption', BUCKET_A), result('s3-versioning', BUCKET_B, { severity: 'critical' }), result('s3-versioning', LEGACY_1)];

function waivers(entries: string): ReturnType<typeof parseWaivers> {
  return parseWaivers(`version: 1\nwaivers:\n${entries}`, 'waivers.yaml');
}

const entry = (target: string, expires: string, id?: string) =>
  `  - ${id ? `id: ${id}\n    ` : ''}${target}\n    reason: accepted\n    owner: team\n    expires: ${expires}\n`;
const byFp = (arn: string, rule: string) => `fingerprint: ${result(rule, arn).fingerprint}`;

describe('decide', () => {
  it('blocks on violations at or above the threshold (exit 1)', () => {
    const d = decide(base({ results: [...failing, result('s3-encryption', LEGACY_2, { status: 'pass' })] }));
    expect(d.verdict).toBe('blocked');
    expect(d.exitCode).toBe(1);
    expect(d.blocking.map((r) => r.resource.arn)).toEqual([BUCKET_B, BUCKET_A, LEGACY_1]);
  });

  it('passes when there are no failures', () => {
    const d = decide(base({ results: [result('s3-encryption', BUCKET_A, { status: 'pass' })] }));
    expect([d.verdict, d.exitCode]).toEqual(['pass', 0]);
  });

  it('passes when the baseline holds every finding, and marks them existing', () => {
    const d = decide(base({ results: failing, baseline: baselineFromReport(report(failing), 'old.json') }));
    expect([d.verdict, d.exitCode]).toEqual(['pass', 0]);
    expect(d.results.filter((r) => r.status === 'fail').every((r) => r.baseline === 'existing')).toBe(true);
    expect(d.counts.inBaseline).toBe(3);
  });

  it('blocks on a finding beyond the baseline, and only on it', () => {
    const extra = result('s3-encryption', BUCKET_B);
    const d = decide(base({ results: [...failing, extra], baseline: baselineFromReport(report(failing), 'old.json') }));
    expect(d.exitCode).toBe(1);
    expect(d.blocking.map((r) => r.fingerprint)).toEqual([extra.fingerprint]);
    expect(d.blocking[0]!.baseline).toBe('new');
  });

  it('does not block on findings covered by active waivers, and marks them waived', () => {
    const w = waivers(entry(byFp(BUCKET_A, 's3-encryption'), '2025-06-01') + entry(byFp(BUCKET_B, 's3-versioning'), '2025-06-01') + entry('rule: s3-versioning\n    resource: "arn:aws:s3:::legacy-*"', '2025-06-01'));
    const d = decide(base({ results: failing, waivers: w }));
    expect([d.verdict, d.exitCode]).toEqual(['pass', 0]);
    expect(d.results.filter((r) => r.waiver).map((r) => r.waiver!.source)).toEqual(['waivers.yaml:7', 'waivers.yaml:3', 'waivers.yaml:11']);
    expect(d.counts.waived).toBe(3);
  });

  it('waives by rule and ARN pattern only what matches both', () => {
    const w = waivers(entry('rule: s3-versioning\n    resource: "arn:aws:s3:::legacy-*"', '2025-06-01'));
    const d = decide(base({ results: [...failing, result('s3-encryption', LEGACY_2)], waivers: w }));
    expect(d.blocking.map((r) => `${r.ruleId} ${r.resource.arn}`)).toEqual([`s3-versioning ${BUCKET_B}`, `s3-encryption ${LEGACY_2}`, `s3-encryption ${BUCKET_A}`]);
    expect(d.results.find((r) => r.resource.arn === LEGACY_1)!.waiver).toBeDefined();
  });

  it('an expired waiver no longer waives: the finding blocks and the verdict names the waiver', () => {
    const w = waivers(entry(byFp(BUCKET_A, 's3-encryption'), '2025-01-01', 'enc-exception') + entry(byFp(BUCKET_B, 's3-versioning'), '2025-06-01'));
    const d = decide(base({ results: failing.slice(0, 2), waivers: w }));
    expect([d.verdict, d.exitCode]).toEqual(['blocked', 1]);
    expect(d.blocking.map((r) => r.resource.arn)).toEqual([BUCKET_A]);
    expect(d.expiredWaivers).toEqual([expect.objectContaining({ blocks: true, waiver: expect.objectContaining({ id: 'enc-exception', source: 'waivers.yaml:3' }) })]);
    const text = verdictLines(d, { from: 'staging', to: 'production', failOn: 'high' }).join('\n');
    expect(text).toContain('enc-exception');
    expect(text).toContain('waivers.yaml:3');
  });

  it('an active waiver wins over an expired one for the same finding', () => {
    const w = waivers(entry('rule: s3-encryption\n    resource: "*"', '2024-12-01') + entry(byFp(BUCKET_A, 's3-encryption'), '2025-06-01'));
    const d = decide(base({ results: [failing[0]!], waivers: w }));
    expect(d.exitCode).toBe(0);
    expect(d.expiredWaivers).toEqual([]);
  });

  it('warns about waivers expiring within 14 days and reports unused ones', () => {
    const w = waivers(entry(byFp(BUCKET_A, 's3-encryption'), '2025-01-15', 'soon') + entry(byFp(BUCKET_A, 's3-encryption'), '2025-01-16', 'later') + entry('rule: nothing\n    resource: "*"', '2025-06-01', 'unused'));
    const d = decide(base({ results: [failing[0]!], waivers: w }));
    expect(d.expiringWaivers.map((e) => [e.waiver.id, e.daysLeft])).toEqual([['soon', 14]]);
    expect(d.unusedWaivers.map((x) => x.id)).toEqual(['unused']);
    expect(d.notices.map((n) => [n.level, n.code])).toEqual([
      ['warn', 'waiver-expiring'],
      ['info', 'waiver-unused'],
    ]);
  });

  it('not-evaluated checks make the gate incomplete (exit 3) unless allowed', () => {
    const results = [result('s3-encryption', BUCKET_A, { status: 'not-evaluated' }), result('s3-versioning', BUCKET_A, { status: 'pass' })];
    expect(decide(base({ results })).exitCode).toBe(3);
    expect(decide(base({ results })).verdict).toBe('incomplete');
    const allowed = decide(base({ results, allowIncomplete: true }));
    expect([allowed.verdict, allowed.exitCode]).toEqual(['pass', 0]);
    expect(allowed.notices.map((n) => n.code)).toEqual(['incomplete-allowed']);
  });

  it('collection errors make the gate incomplete', () => {
    const err: CollectionError = { accountId: '111111111111', region: 'eu-west-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'denied', affects: ['AWS::S3::Bucket'] };
    expect(decide(base({ results: [], collectionErrors: [err] })).exitCode).toBe(3);
  });

  it('blocking findings win over incompleteness (exit 1)', () => {
    const d = decide(base({ results: [failing[0]!, result('s3-versioning', BUCKET_A, { status: 'not-evaluated' })] }));
    expect([d.verdict, d.exitCode, d.incomplete]).toEqual(['blocked', 1, true]);
  });

  it('applies the threshold', () => {
    const results = [result('a', BUCKET_A, { severity: 'critical' }), result('b', BUCKET_A, { severity: 'medium' }), result('c', BUCKET_A, { severity: 'low' })];
    const blocking = (failOn: GateInput['failOn']) => decide(base({ results, failOn })).blocking.map((r) => r.ruleId);
    expect(blocking('critical')).toEqual(['a']);
    expect(blocking('high')).toEqual(['a']);
    expect(blocking('medium')).toEqual(['a', 'b']);
    expect(blocking('low')).toEqual(['a', 'b', 'c']);
    expect(blocking('none')).toEqual([]);
    expect(decide(base({ results, failOn: 'none' })).exitCode).toBe(0);
    expect(decide(base({ results, failOn: 'medium' })).counts.belowThreshold).toBe(1);
  });

  it('is deterministic whatever the input order', () => {
    const a = decide(base({ results: failing }));
    const b = decide(base({ results: [...failing].reverse() }));
    expect(JSON.stringify(a.results)).toBe(JSON.stringify(b.results));
  });
});
