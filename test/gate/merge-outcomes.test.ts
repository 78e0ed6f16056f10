// mergeReports: which shard's result counts, what a disagreement becomes, and how run
// metadata, access cells and costs of shards combine, with exact expected values.
import { describe, expect, it } from 'vitest';
import { mergeReports, type Shard } from '../../src/gate/merge.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { AccessCell, EnvironmentCost, Evaluation, Result, RuleMeta } from '../../src/model/result.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import type { ReportContext } from '../../src/report/context.js';
import { buildJsonReport } from '../../src/report/json.js';
import { context, evaluation, result } from './fixtures.js';

const A = 'arn:aws:s3:::a-bucket';
const B = 'arn:aws:s3:::b-bucket';

interface ShardOpts {
  accounts?: string[];
  regions?: string[];
  collectedAt?: string;
  generatedAt?: string;
  apiCalls?: Record<string, number>;
  errors?: CollectionError[];
  source?: 'file' | 'live';
  environments?: string[];
  failOn?: ReportContext['failOn'];
  toolVersion?: string;
  sha?: string;
  ev?: Partial<Evaluation>;
}
function shard(file: string, results: Result[], o: ShardOpts = {}): Shard {
  const base = context();
  const ctx = context({
    toolVersion: o.toolVersion ?? '0.1.0',
    spec: { file: 'envgate.yaml', sha256: o.sha ?? 'a'.repeat(64), system: 'shop' },
    snapshot: {
      metadata: { ...base.snapshot.metadata, accounts: o.accounts ?? ['111111111111'], regions: o.regions ?? ['eu-west-1'], collectedAt: o.collectedAt ?? '2025-01-01T00:00:00Z', apiCalls: o.apiCalls ?? {} },
      errors: o.errors ?? [],
      source: o.source ?? 'file',
    },
    generatedAt: o.generatedAt ?? '2025-01-01T00:00:00Z',
    scope: { environments: o.environments ?? [] },
    failOn: o.failOn ?? 'high',
  });
  return { file, report: buildJsonReport({ ...evaluation(results), ...o.ev }, ctx) };
}
const inAccount = (r: Result, accountId: string): Result => ({ ...r, resource: { ...r.resource, accountId } });
const rule = (id: string, title = id): RuleMeta => ({ id, title, category: 'encryption', severity: 'high', resourceTypes: [], description: '', remediation: '', requirement: '', docs: '', origin: 'builtin' });
const err = (over: Partial<CollectionError>): CollectionError => ({ accountId: '1', region: 'eu-west-1', service: 's3', operation: 'ListBuckets', code: 'AccessDenied', message: 'no', affects: ['*'], ...over });

function refused(f: () => unknown): { message: string; diagnostics: unknown[] } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return { message: (e as InputError).message, diagnostics: (e as InputError).diagnostics };
  }
  throw new Error('expected an InputError');
}

describe('mergeReports: which shards can be merged', () => {
  it('needs at least one report', () => {
    expect(refused(() => mergeReports([])).message).toBe('merge needs at least one report');
  });

  it('names each shard scanned with another spec or written by another envgate', () => {
    const { message, diagnostics } = refused(() => mergeReports([shard('one.json', []), shard('two.json', [], { sha: 'b'.repeat(64) }), shard('three.json', [], { toolVersion: '0.2.0' })]));
    expect(message).toBe('the reports are not shards of one scan');
    expect(diagnostics).toEqual([
      { file: 'two.json', line: 1, column: 1, path: '/run/spec/sha256', code: 'spec-mismatch', message: 'scanned with another spec than one.json', expected: 'a'.repeat(64) },
      { file: 'three.json', line: 1, column: 1, path: '/tool/version', code: 'version-mismatch', message: 'written by envgate 0.2.0, one.json by 0.1.0', expected: '0.1.0' },
    ]);
  });

  it('wants one --fail-on, the shards\' common one or the one given', () => {
    const shards = [shard('one.json', [], { failOn: 'low' }), shard('two.json', [], { failOn: 'high' })];
    expect(refused(() => mergeReports(shards)).message).toBe('the shards were scanned with different --fail-on values (high, low): pass --fail-on to merge');
    expect(mergeReports(shards, { failOn: 'critical' }).ctx.failOn).toBe('critical');
    expect(mergeReports([shard('one.json', [], { failOn: 'low' }), shard('two.json', [], { failOn: 'low' })]).ctx.failOn).toBe('low');
  });
});

describe('mergeReports: results', () => {
  it('takes the result of the shard that scanned its account over what another shard saw from outside', () => {
    const mine = inAccount(result('parity', A), '1');
    const outside = inAccount(result('parity', A, { status: 'pass' }), '1');
    const { evaluation: ev, conflicts } = mergeReports([shard('two.json', [outside], { accounts: ['2'] }), shard('one.json', [mine], { accounts: ['1'] })]);
    expect(conflicts).toEqual([]);
    expect(ev.results.map((r) => r.status)).toEqual(['fail']);
  });

  it('turns a disagreement into not-evaluated, based on the failing result, naming every shard\'s statuses', () => {
    const fail = inAccount(result('parity', A), '1');
    const pass = inAccount(result('parity', A, { status: 'pass' }), '1');
    const ne = inAccount(result('parity', A, { status: 'not-evaluated' }), '1');
    const { evaluation: ev, conflicts } = mergeReports([shard('b.json', [pass], { accounts: ['1'] }), shard('a.json', [ne, { ...fail, message: 'other wording' }], { accounts: ['1'] }), shard('c.json', [fail], { accounts: ['1'] })]);
    expect(conflicts).toEqual([{ fingerprint: fail.fingerprint, ruleId: 'parity', arn: A, statuses: { 'a.json': 'fail,not-evaluated', 'b.json': 'pass', 'c.json': 'fail' } }]);
    expect(ev.results).toEqual([
      {
        ...fail,
        message: `Shards disagree on parity for ${A}; the check needs data from more than one shard.`,
        status: 'not-evaluated',
        reason: 'shards disagree (a.json: fail,not-evaluated; b.json: pass; c.json: fail): merge the shards\' snapshots and evaluate once for this rule',
      },
    ]);
  });

  it('bases a disagreement on the failing result even when another shard\'s result sorts first', () => {
    const fail = inAccount(result('parity', A, { environment: 'production' }), '1');
    const passElsewhere = inAccount(result('parity', A, { status: 'pass', environment: 'dev' }), '1');
    const { evaluation: ev } = mergeReports([shard('one.json', [fail], { accounts: ['1'] }), shard('two.json', [passElsewhere], { accounts: ['1'] })]);
    expect(ev.results.map((r) => [r.status, r.resource.environment])).toEqual([['not-evaluated', 'production']]);
    const noFail = mergeReports([shard('one.json', [{ ...fail, status: 'not-evaluated' }], { accounts: ['1'] }), shard('two.json', [passElsewhere], { accounts: ['1'] })]);
    expect(noFail.evaluation.results.map((r) => [r.status, r.resource.environment])).toEqual([['not-evaluated', 'dev']]);
  });

  it('compares the whole set of results a shard has for a fingerprint, whatever their order', () => {
    const r1 = inAccount(result('parity', A), '1');
    const r2 = { ...r1, message: 'second' };
    const { conflicts, evaluation: ev } = mergeReports([shard('x.json', [r1, r2], { accounts: ['1'] }), shard('y.json', [r2, r1], { accounts: ['1'] })]);
    expect(conflicts).toEqual([]);
    expect(ev.results.map((r) => r.message).sort()).toEqual([r1.message, 'second'].sort());
  });

  it('lists conflicts by rule, then ARN', () => {
    const pair = (ruleId: string, arn: string) => [inAccount(result(ruleId, arn), '1'), inAccount(result(ruleId, arn, { status: 'pass' }), '1')] as const;
    const [f1, p1] = pair('z-rule', A);
    const [f2, p2] = pair('a-rule', B);
    const [f3, p3] = pair('a-rule', A);
    // z-rule is critical: the reports list it first, the conflicts by rule all the same.
    const { conflicts } = mergeReports([shard('one.json', [{ ...f1, severity: 'critical' }, f2, f3], { accounts: ['1'] }), shard('two.json', [{ ...p1, severity: 'critical' }, p2, p3], { accounts: ['1'] })]);
    expect(conflicts.map((c) => `${c.ruleId} ${c.arn}`)).toEqual([`a-rule ${A}`, `a-rule ${B}`, `z-rule ${A}`]);
  });

  it('drops what the report and the gate add to a result, and gives an old result its subject\'s environments', () => {
    const r = inAccount(result('s3-encryption', A), '1');
    const one = shard('one.json', [r], { accounts: ['1'] });
    const raw = one.report.results[0] as unknown as Record<string, unknown>;
    raw.waived = true;
    raw.waiver = { id: 'w' };
    raw.baseline = 'new';
    delete raw.environments;
    const [merged] = mergeReports([one]).evaluation.results;
    expect(merged).toStrictEqual({ ...r, environments: ['production'] });
  });
});

describe('mergeReports: excluded resources', () => {
  it('lists them by ARN across shards', () => {
    const x = (arn: string) => ({ arn, accountId: '1', region: 'global', type: 'AWS::S3::Bucket', name: arn.slice(13), environment: 'production', exclusion: 0, reason: 'retired' });
    const { evaluation: ev } = mergeReports([shard('one.json', [], { ev: { excluded: [x(B)] } }), shard('two.json', [], { ev: { excluded: [x(A)] } })]);
    expect(ev.excluded?.map((e) => e.arn)).toEqual([A, B]);
  });
});

describe('mergeReports: run metadata', () => {
  it('unites accounts, regions, calls, errors and rules; takes the latest times; keeps the first shard\'s spec and tool', () => {
    const e1 = err({ accountId: '2', region: 'ap-south-1' });
    const e2 = err({ accountId: '1', service: 'sqs' });
    const e3 = err({ accountId: '1', service: 'iam', resourceArn: 'arn:z' });
    const e4 = err({ accountId: '1', service: 'iam', resourceArn: 'arn:a' });
    const e5 = err({ accountId: '1', service: 'iam' });
    const one = shard('one.json', [], { accounts: ['2'], regions: ['us-east-1', 'eu-west-1'], collectedAt: '2025-01-03T00:00:00Z', generatedAt: '2025-01-01T00:00:00Z', apiCalls: { 'sqs:ListQueues': 1, 's3:ListBuckets': 2 }, errors: [e1, e2], ev: { rules: [rule('r2', 'first title'), rule('r1')] } });
    const two = shard('two.json', [], { accounts: ['1'], regions: ['eu-west-1'], collectedAt: '2025-01-02T00:00:00Z', generatedAt: '2025-01-04T00:00:00Z', apiCalls: { 'ec2:DescribeVpcs': 3, 's3:ListBuckets': 1 }, errors: [e2, e3, e4, e5], ev: { rules: [rule('r2', 'second title'), rule('r3'), rule('r0')] } });
    const three = shard('three.json', [], { accounts: ['1'], collectedAt: '2025-01-01T00:00:00Z', generatedAt: '2025-01-02T00:00:00Z' });
    const { ctx, evaluation: ev } = mergeReports([one, two, three]);
    expect(ctx.snapshot.metadata).toEqual({
      tool: { name: 'envgate', version: '0.1.0' },
      collectedAt: '2025-01-03T00:00:00Z',
      accounts: ['1', '2'],
      regions: ['eu-west-1', 'us-east-1'],
      apiCalls: { 'ec2:DescribeVpcs': 3, 's3:ListBuckets': 3, 'sqs:ListQueues': 1 },
      coverage: [],
    });
    expect(Object.keys(ctx.snapshot.metadata.apiCalls)).toEqual(['ec2:DescribeVpcs', 's3:ListBuckets', 'sqs:ListQueues']);
    expect(ctx.snapshot.errors).toEqual([e5, e4, e3, e2, e1]);
    expect(ctx.generatedAt).toBe('2025-01-04T00:00:00Z');
    expect(ctx.spec).toEqual({ file: 'envgate.yaml', sha256: 'a'.repeat(64), system: 'shop' });
    expect(ctx.toolVersion).toBe('0.1.0');
    expect(ev.rules.map((r) => [r.id, r.title])).toEqual([
      ['r0', 'r0'],
      ['r1', 'r1'],
      ['r2', 'first title'],
      ['r3', 'r3'],
    ]);
  });

  it('is from files only when every shard was', () => {
    expect(mergeReports([shard('a', []), shard('b', [])]).ctx.snapshot.source).toBe('file');
    expect(mergeReports([shard('a', []), shard('b', [], { source: 'live' })]).ctx.snapshot.source).toBe('live');
    expect(mergeReports([shard('a', [], { source: 'live' }), shard('b', [])]).ctx.snapshot.source).toBe('live');
  });

  it('covers every environment when any shard did, else the union of the shards\' environments', () => {
    expect(mergeReports([shard('a', [], { environments: ['staging'] }), shard('b', [], { environments: ['dev', 'staging'] })]).ctx.scope).toEqual({ environments: ['dev', 'staging'] });
    expect(mergeReports([shard('a', [], { environments: ['staging'] }), shard('b', [])]).ctx.scope).toEqual({ environments: [] });
  });
});

describe('mergeReports: access cells', () => {
  const cell = (team: string, environment: string, effective: string, grants: AccessCell['grants'], caveats: string[] = []): AccessCell => ({ team, environment, declared: 'read', effective, grants, caveats });
  const g = (principalArn: string, policy = 'p', sid?: string) => ({ principalArn, policy, ...(sid ? { sid } : {}), actions: ['s3:GetObject'] });

  it('keeps the highest level with its grants; at the same level unites grants (once each) and caveats', () => {
    const one = shard('one.json', [], { ev: { accessMatrix: [cell('dev', 'prod', 'read', [g('arn:b'), g('arn:a', 'q')], ['c2']), cell('ops', 'prod', 'full', [g('arn:o')])] } });
    const two = shard('two.json', [], { ev: { accessMatrix: [cell('dev', 'prod', 'read', [g('arn:a', 'q'), g('arn:a', 'p', 's2'), g('arn:a', 'p', 's1'), g('arn:a', 'p')], ['c1', 'c2']), cell('ops', 'prod', 'view', [g('arn:v')], ['cv']), cell('dev', 'dev', 'deploy', [g('arn:d')])] } });
    const { evaluation: ev } = mergeReports([one, two]);
    expect(ev.accessMatrix).toEqual([
      cell('dev', 'dev', 'deploy', [g('arn:d')]),
      cell('dev', 'prod', 'read', [g('arn:a', 'p'), g('arn:a', 'p', 's1'), g('arn:a', 'p', 's2'), g('arn:a', 'q'), g('arn:b')], ['c1', 'c2']),
      cell('ops', 'prod', 'full', [g('arn:o')], ['cv']),
    ]);
    const up = mergeReports([two, one]).evaluation.accessMatrix.find((c) => c.team === 'ops');
    expect(up).toEqual(cell('ops', 'prod', 'full', [g('arn:o')], ['cv']));
  });

  it('does not change a shard\'s own cell while merging', () => {
    const one = shard('one.json', [], { ev: { accessMatrix: [cell('dev', 'prod', 'read', [g('arn:a')], ['c1'])] } });
    const two = shard('two.json', [], { ev: { accessMatrix: [cell('dev', 'prod', 'read', [g('arn:b')], ['c2'])] } });
    mergeReports([one, two]);
    expect(one.report.accessMatrix[0]!.grants).toEqual([g('arn:a')]);
    expect(one.report.accessMatrix[0]!.caveats).toEqual(['c1']);
  });
});

describe('mergeReports: costs', () => {
  const cost = (environment: string, over: Partial<EnvironmentCost> = {}): EnvironmentCost => ({
    environment,
    ceilingUsd: 100,
    estimateUsd: 10,
    actualUsd: null,
    breakdown: [{ item: 'S3', resourceArn: A, monthlyUsd: 10 }],
    priceTable: { region: 'eu-west-1', asOf: '2025-01-01' },
    ...over,
  });

  it('adds estimates of different resources, counts a line two shards priced once, and tells lines apart by detail', () => {
    const one = shard('one.json', [], { accounts: ['1'], ev: { costs: [cost('prod', { estimateUsd: 15, breakdown: [{ item: 'EBS', resourceArn: A, monthlyUsd: 5, detail: 'gp3' } as never, { item: 'S3', resourceArn: A, monthlyUsd: 10 }] })] } });
    const two = shard('two.json', [], { accounts: ['2'], ev: { costs: [cost('prod', { estimateUsd: 18, breakdown: [{ item: 'EBS', resourceArn: A, monthlyUsd: 3, detail: 'gp2' } as never, { item: 'S3', resourceArn: A, monthlyUsd: 10 }, { item: 'S3', resourceArn: B, monthlyUsd: 5 }] })] } });
    const [c] = mergeReports([one, two]).evaluation.costs;
    expect(c!.estimateUsd).toBe(23);
    expect(c!.breakdown.map((l) => `${l.item} ${l.resourceArn} ${l.monthlyUsd}`)).toEqual([`S3 ${A} 10`, `EBS ${A} 5`, `S3 ${B} 5`, `EBS ${A} 3`]);
  });

  it('leaves out a shard without an estimate, and has none when no shard has one', () => {
    const one = shard('one.json', [], { accounts: ['1'], ev: { costs: [cost('prod', { estimateUsd: null, breakdown: [{ item: 'S3', resourceArn: B, monthlyUsd: 99 }] })] } });
    const two = shard('two.json', [], { accounts: ['2'], ev: { costs: [cost('prod')] } });
    expect(mergeReports([one, two]).evaluation.costs[0]).toMatchObject({ estimateUsd: 10, breakdown: [{ item: 'S3', resourceArn: A, monthlyUsd: 10 }] });
    expect(mergeReports([one]).evaluation.costs[0]!.estimateUsd).toBeNull();
  });

  it('adds actual spend of disjoint accounts, takes the largest when shards share an account, and has none without any', () => {
    const disjoint = [shard('one.json', [], { accounts: ['1'], ev: { costs: [cost('prod', { actualUsd: 4.1 })] } }), shard('two.json', [], { accounts: ['2'], ev: { costs: [cost('prod', { actualUsd: 2.2 })] } }), shard('three.json', [], { accounts: ['3'], ev: { costs: [cost('prod')] } })];
    expect(mergeReports(disjoint).evaluation.costs[0]!.actualUsd).toBe(6.3);
    const shared = [shard('one.json', [], { accounts: ['1'], regions: ['eu-west-1'], ev: { costs: [cost('prod', { actualUsd: 4 })] } }), shard('two.json', [], { accounts: ['1', '2'], regions: ['us-east-1'], ev: { costs: [cost('prod', { actualUsd: 7 })] } }), shard('three.json', [], { accounts: ['3'], ev: { costs: [cost('prod', { actualUsd: 5 })] } })];
    expect(mergeReports(shared).evaluation.costs[0]!.actualUsd).toBe(7);
    expect(mergeReports([disjoint[2]!]).evaluation.costs[0]!.actualUsd).toBeNull();
  });

  it('unites caveats and price tables, and carries completeness, period and the figure checked', () => {
    const one = shard('one.json', [], {
      accounts: ['1'],
      ev: { costs: [cost('prod', { estimateComplete: true, caveats: [{ code: 'usage-based', message: 'S3 requests', count: 1, lowerBound: false }], checkedAgainst: 'estimate', priceTable: { region: 'us-east-1', asOf: '2025-01-01' } })] },
    });
    const two = shard('two.json', [], {
      accounts: ['2'],
      ev: {
        costs: [
          cost('prod', {
            estimateComplete: false,
            caveats: [{ code: 'usage-based', message: 'S3 requests', count: 3, lowerBound: false }, { code: 'unknown-instance-type', message: 'x1', count: 1, lowerBound: false }, { code: 'usage-based', message: 'Lambda', count: 1, lowerBound: false }],
            priceTable: { region: 'eu-west-1', asOf: '2025-02-01' },
            actualPeriod: { start: '2025-01-01', end: '2025-02-01' },
            checkedAgainst: 'actual',
          }),
          cost('dev'),
        ],
      },
    });
    const three = shard('three.json', [], { accounts: ['3'], ev: { costs: [cost('prod', { priceTable: { region: '', asOf: '2025-01-01' } })] } });
    const costs = mergeReports([one, two, three]).evaluation.costs;
    expect(costs.map((c) => c.environment)).toEqual(['dev', 'prod']);
    const prod = costs[1]!;
    expect(prod.estimateComplete).toBe(false);
    expect(prod.estimateUsd).toBe(10);
    expect(prod.caveats).toEqual([
      { code: 'unknown-instance-type', message: 'x1', count: 1, lowerBound: false },
      { code: 'usage-based', message: 'Lambda', count: 1, lowerBound: false },
      { code: 'usage-based', message: 'S3 requests', count: 1, lowerBound: false },
    ]);
    expect(prod.priceTable).toEqual({ region: 'eu-west-1,us-east-1', asOf: '2025-01-01,2025-02-01' });
    expect(prod.actualPeriod).toEqual({ start: '2025-01-01', end: '2025-02-01' });
    expect(prod.checkedAgainst).toBe('estimate');
    expect(costs[0]).toStrictEqual({ environment: 'dev', ceilingUsd: 100, estimateUsd: 10, actualUsd: null, breakdown: [{ item: 'S3', resourceArn: A, monthlyUsd: 10 }], priceTable: { region: 'eu-west-1', asOf: '2025-01-01' } });
    const complete = mergeReports([shard('one.json', [], { accounts: ['1'], ev: { costs: [cost('prod', { estimateComplete: true })] } }), shard('two.json', [], { accounts: ['2'], ev: { costs: [cost('prod')] } })]).evaluation.costs[0]!;
    expect(complete.estimateComplete).toBe(true);
  });
});
