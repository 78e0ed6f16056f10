import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/gate/merge.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { AccessCell, EnvironmentCost } from '../../src/model/result.js';
import { buildJsonReport } from '../../src/report/json.js';
import { context, evaluation, result } from './fixtures.js';

const A = 'arn:aws:s3:::a-bucket';
const B = 'arn:aws:s3:::b-bucket';

function shard(account: string, results: ReturnType<typeof result>[], extra: { access?: AccessCell[]; costs?: EnvironmentCost[]; calls?: Record<string, number> } = {}) {
  const base = context();
  const ctx = context({
    generatedAt: account === '1' ? '2025-01-01T00:00:00Z' : '2025-01-01T00:05:00Z',
    snapshot: {
      ...base.snapshot,
      metadata: { ...base.snapshot.metadata, accounts: [account], apiCalls: extra.calls ?? { 's3:ListBuckets': 1 } },
      errors: account === '2' ? [{ accountId: '2', region: 'eu-west-1', service: 's3', operation: 'GetBucketPolicy', code: 'AccessDenied', message: 'no', affects: ['AWS::S3::Bucket'] }] : [],
    },
  });
  return buildJsonReport({ ...evaluation(results), accessMatrix: extra.access ?? [], costs: extra.costs ?? [] }, ctx);
}

const cell = (effective: string, principalArn: string): AccessCell => ({ team: 'dev', environment: 'production', declared: 'read', effective, grants: [{ principalArn, policy: 'p', actions: ['s3:*'] }], caveats: [] });
const cost = (estimateUsd: number, actualUsd: number | null, arn: string): EnvironmentCost => ({
  environment: 'production',
  ceilingUsd: 100,
  estimateUsd,
  actualUsd,
  breakdown: [{ item: 'S3', resourceArn: arn, monthlyUsd: estimateUsd }],
  priceTable: { region: 'eu-west-1', asOf: '2025-01-01' },
});

describe('mergeReports', () => {
  it('unites results, metadata, access and costs of disjoint shards', () => {
    const one = shard('1', [result('s3-encryption', A), result('s3-versioning', A, { status: 'pass' })], { access: [cell('read', 'arn:1')], costs: [cost(10.1, 5, A)], calls: { 's3:ListBuckets': 2, 'iam:GetAccountAuthorizationDetails': 1 } });
    const two = shard('2', [result('s3-encryption', B), result('s3-encryption', A)], { access: [cell('full', 'arn:2')], costs: [cost(20.2, 7.5, B)], calls: { 's3:ListBuckets': 3 } });
    const { evaluation: ev, ctx, conflicts } = mergeReports([
      { file: 'one.json', report: one },
      { file: 'two.json', report: two },
    ]);
    expect(conflicts).toEqual([]);
    expect(ev.results.map((r) => `${r.status} ${r.resource.arn}`)).toEqual([`fail ${A}`, `fail ${B}`, `pass ${A}`]);
    expect(ctx.snapshot.metadata.accounts).toEqual(['1', '2']);
    expect(ctx.snapshot.metadata.apiCalls).toEqual({ 'iam:GetAccountAuthorizationDetails': 1, 's3:ListBuckets': 5 });
    expect(ctx.snapshot.errors).toHaveLength(1);
    expect(ctx.generatedAt).toBe('2025-01-01T00:05:00Z');
    expect(ev.accessMatrix).toEqual([expect.objectContaining({ effective: 'full', grants: [expect.objectContaining({ principalArn: 'arn:2' })] })]);
    expect(ev.costs).toEqual([expect.objectContaining({ estimateUsd: 30.3, actualUsd: 12.5 })]);
    expect(ev.costs[0]!.breakdown.map((l) => l.resourceArn)).toEqual([B, A]);
  });

  it('unites the shards\' excluded resources, each ARN once, and reads a report without the field', () => {
    const x = (arn: string, accountId: string) => ({ arn, accountId, region: 'global', type: 'AWS::S3::Bucket', name: arn.slice(13), environment: 'production', exclusion: 0, reason: 'retired' });
    const one = buildJsonReport({ ...evaluation([result('s3-encryption', A)]), excluded: [x(B, '1'), x(A, '1')] }, context());
    const two = buildJsonReport({ ...evaluation([]), excluded: [x(B, '2')] }, context());
    const old = { ...buildJsonReport(evaluation([]), context()) } as Record<string, unknown>;
    delete old.excluded;
    const { evaluation: ev } = mergeReports([
      { file: 'one.json', report: one },
      { file: 'two.json', report: two },
      { file: 'old.json', report: old as unknown as typeof one },
    ]);
    expect(ev.excluded?.map((e) => [e.arn, e.accountId])).toEqual([
      [A, '1'],
      [B, '1'],
    ]);
  });

  it('counts a resource priced by two shards once, and shared-account spend once', () => {
    const one = shard('1', [], { costs: [cost(10, 5, A)] });
    const again = shard('1', [], { costs: [cost(10, 5, A)] });
    const { evaluation: ev } = mergeReports([
      { file: 'r1.json', report: one },
      { file: 'r2.json', report: again },
    ]);
    expect(ev.costs[0]).toMatchObject({ estimateUsd: 10, actualUsd: 5 });
  });

  it('turns checks the shards disagree on into not-evaluated, naming the shards', () => {
    const one = shard('1', [result('parity', A)]);
    const two = shard('2', [result('parity', A, { status: 'pass' })]);
    const { evaluation: ev, conflicts } = mergeReports([
      { file: 'one.json', report: one },
      { file: 'two.json', report: two },
    ]);
    expect(ev.results.map((r) => r.status)).toEqual(['not-evaluated']);
    expect(ev.results[0]!.reason).toContain('one.json: fail');
    expect(conflicts).toEqual([expect.objectContaining({ statuses: { 'one.json': 'fail', 'two.json': 'pass' } })]);
  });

  it('is independent of the order of the shards', () => {
    const one = shard('1', [result('s3-encryption', A)], { access: [cell('read', 'arn:1')] });
    const two = shard('2', [result('s3-encryption', B)], { access: [cell('read', 'arn:2')] });
    const ab = mergeReports([{ file: 'x', report: one }, { file: 'y', report: two }]);
    const ba = mergeReports([{ file: 'y', report: two }, { file: 'x', report: one }]);
    expect(JSON.stringify(ab.evaluation)).toBe(JSON.stringify(ba.evaluation));
    expect(JSON.stringify(ab.ctx)).toBe(JSON.stringify(ba.ctx));
  });

  it('refuses shards of different specs', () => {
    const one = shard('1', []);
    const other = { ...shard('2', []), run: { ...shard('2', []).run, spec: { file: 'x.yaml', sha256: 'b'.repeat(64), system: 'x' } } };
    expect(() => mergeReports([{ file: 'one.json', report: one }, { file: 'two.json', report: other }])).toThrow(InputError);
  });
});
