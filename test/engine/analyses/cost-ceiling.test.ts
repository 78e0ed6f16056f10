// The cost-ceiling analysis: verdicts per environment (estimate, actual, both), top
// contributors, not-evaluated on missing data, and the Evaluation.costs contribution.
import { describe, expect, it } from 'vitest';
import { BREAKDOWN_LINES, costCeiling, environmentArn, estimateCosts } from '../../../src/engine/analyses/cost-ceiling.js';
import type { AnalysisReport, EngineContext, Outcome } from '../../../src/engine/context.js';
import type { CostSpec } from '../../../src/model/spec.js';
import type { CostRecord, Resource } from '../../../src/model/snapshot.js';
import { collectionError, costRecord, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const ec2 = (name: string, instanceType: string, env = 'production', state = 'running') =>
  res('AWS::EC2::Instance', name, env, { instanceId: name, instanceType, state, securityGroupIds: [], volumeIds: [] });
const alb = (name: string, env = 'production') => res('AWS::ElasticLoadBalancingV2::LoadBalancer', name, env, { lbType: 'application' });
const rds = (name: string, env = 'production') =>
  res('AWS::RDS::DBInstance', name, env, { engine: 'postgres', instanceClass: 'db.t3.small', multiAz: true, storageType: 'gp2', allocatedStorageGiB: 20 });

// production: 3 x t3.medium (91.11) + ALB (16.43) + Multi-AZ db.t3.small (52.56 + 4.60) = 164.70
const prodResources = (): Resource[] => [ec2('web-1', 't3.medium'), ec2('web-2', 't3.medium'), ec2('web-3', 't3.medium'), alb('alb'), rds('db')];

function ctxWith(cost: CostSpec | undefined, resources: Resource[], extra: { costs?: CostRecord[]; errors?: ReturnType<typeof collectionError>[]; aliases?: string[] } = {}): EngineContext {
  const spec = makeSpec({
    production: envSpec({ ...(cost ? { cost } : {}), aliases: extra.aliases ?? [] }),
    staging: envSpec({}),
  });
  return makeContext({ spec, resources, costs: extra.costs, errors: extra.errors });
}

function run(ctx: EngineContext, options = {}): AnalysisReport {
  const out = costCeiling.run(ctx, options);
  return Array.isArray(out) ? { outcomes: out } : out;
}

const only = (ctx: EngineContext, options = {}): Outcome => {
  const { outcomes } = run(ctx, options);
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
};

describe('cost-ceiling, estimate', () => {
  it('fails over the ceiling with the breakdown and the five largest contributors', () => {
    const o = only(ctxWith({ monthlyCeilingUsd: 100, source: 'estimate' }, prodResources()));
    expect(o.status).toBe('fail');
    expect(o.arn).toBe(environmentArn('production'));
    expect(o.specPath).toBe('/environments/production/cost/monthlyCeilingUsd');
    expect(o.evidence.observed).toEqual({ estimateUsd: 164.7 });
    expect(o.evidence.expected).toEqual({ monthlyCeilingUsd: 100 });
    expect(o.evidence.overByUsd).toBe(64.7);
    const top = o.evidence.topContributors as { item: string; monthlyUsd: number }[];
    expect(top.map((l) => [l.item, l.monthlyUsd])).toEqual([
      ['RDS db.t3.small postgres Multi-AZ', 52.56],
      ['EC2 t3.medium', 30.37],
      ['EC2 t3.medium', 30.37],
      ['EC2 t3.medium', 30.37],
      ['ALB', 16.43],
    ]);
    expect(o.evidence.byService).toEqual([
      { service: 'EC2', monthlyUsd: 91.11 },
      { service: 'RDS', monthlyUsd: 57.16 },
      { service: 'ELB', monthlyUsd: 16.43 },
    ]);
    expect(o.evidence.priceTable).toEqual({ region: 'us-east-1', asOf: '2025-01-01', hoursPerMonth: 730 });
    expect(o.message).toContain('web-1');
  });

  it('honours topContributors', () => {
    const o = only(ctxWith({ monthlyCeilingUsd: 100, source: 'estimate' }, prodResources()), { topContributors: 2 });
    expect(o.evidence.topContributors).toHaveLength(2);
  });

  it('passes at or under the ceiling', () => {
    expect(only(ctxWith({ monthlyCeilingUsd: 164.7, source: 'estimate' }, prodResources())).status).toBe('pass');
    expect(only(ctxWith({ monthlyCeilingUsd: 400, source: 'estimate' }, prodResources())).status).toBe('pass');
  });

  it('counts only the environment’s own, running instances', () => {
    const rs = [ec2('web-1', 't3.medium'), ec2('off', 'm5.4xlarge', 'production', 'stopped'), ec2('stg', 'm5.4xlarge', 'staging'), ec2('orphan', 'm5.4xlarge', null as unknown as string)];
    const o = only(ctxWith({ monthlyCeilingUsd: 31, source: 'estimate' }, rs));
    expect(o.status).toBe('pass');
    expect(o.evidence.observed).toEqual({ estimateUsd: 30.37 });
  });

  it('gives an environment without a ceiling no result, but a cost entry', () => {
    const ctx = ctxWith({ monthlyCeilingUsd: 400, source: 'estimate' }, [...prodResources(), ec2('s1', 't3.micro', 'staging')]);
    const { outcomes, costs } = run(ctx);
    expect(outcomes.map((o) => o.arn)).toEqual([environmentArn('production')]);
    expect(costs!.map((c) => [c.environment, c.ceilingUsd, c.estimateUsd])).toEqual([
      ['production', 400, 164.7],
      ['staging', null, 7.59],
    ]);
    expect(estimateCosts(ctx)).toEqual(costs);
  });

  it('is not evaluated under the ceiling when an unknown type makes the estimate a lower bound', () => {
    const o = only(ctxWith({ monthlyCeilingUsd: 1000, source: 'estimate' }, [...prodResources(), ec2('big', 'x9.mega')]));
    expect(o.status).toBe('not-evaluated');
    expect(o.evidence.lowerBound).toBe(true);
    expect(o.reason).toMatch(/x9\.mega/);
  });

  it('still fails when the known part of a lower-bound estimate exceeds the ceiling', () => {
    const o = only(ctxWith({ monthlyCeilingUsd: 100, source: 'estimate' }, [...prodResources(), ec2('big', 'x9.mega')]));
    expect(o.status).toBe('fail');
    expect(o.evidence.lowerBound).toBe(true);
    expect(o.message).toContain('lower bound');
  });

  it('is not evaluated when a priced type could not be collected', () => {
    const err = collectionError(['AWS::EC2::Instance']);
    const o = only(ctxWith({ monthlyCeilingUsd: 1000, source: 'estimate' }, prodResources(), { errors: [err] }));
    expect(o.status).toBe('not-evaluated');
    expect(o.reason).toContain('ec2:DescribeInstances');
    const { costs } = run(ctxWith({ monthlyCeilingUsd: 1000, source: 'estimate' }, prodResources(), { errors: [err] }));
    expect(costs![0]!.estimateComplete).toBe(false);
    expect(costs![0]!.caveats!.map((c) => c.code)).toContain('collection-error');
  });

  it('is not evaluated when the account could not be reached at all', () => {
    const err = collectionError(['*'], { service: 'sts', operation: 'AssumeRole', region: 'global' });
    const o = only(ctxWith({ monthlyCeilingUsd: 1000, source: 'estimate' }, prodResources(), { errors: [err] }));
    expect(o.status).toBe('not-evaluated');
    expect(o.reason).toContain('sts:AssumeRole');
  });

  it('sums lines beyond the breakdown limit per item, keeping the total and naming individual top contributors', () => {
    const many = Array.from({ length: BREAKDOWN_LINES + 5 }, (_, i) => ec2(`w${String(i).padStart(4, '0')}`, 't3.micro'));
    const { outcomes, costs } = run(ctxWith({ monthlyCeilingUsd: 10, source: 'estimate' }, [...many, ec2('big', 'm5.large')]));
    const c = costs![0]!;
    expect(c.breakdown).toHaveLength(BREAKDOWN_LINES + 1);
    const cents = c.breakdown.reduce((s, l) => s + Math.round(l.monthlyUsd * 100), 0);
    expect(cents).toBe(Math.round(c.estimateUsd! * 100));
    expect(Math.round(c.estimateUsd! * 100)).toBe(7008 + 759 * (BREAKDOWN_LINES + 5));
    expect(c.breakdown.filter((l) => l.resourceArn === undefined)).toEqual([{ item: 'EC2 t3.micro', monthlyUsd: 45.54, detail: expect.any(String) }]); // 6 smallest summed
    const top = outcomes[0]!.evidence.topContributors as { resourceArn?: string }[];
    expect(top.every((l) => l.resourceArn !== undefined)).toBe(true);
  });

  it('ignores errors for unpriced types and for other accounts', () => {
    const s3 = collectionError(['AWS::S3::Bucket'], { service: 's3', operation: 'ListBuckets' });
    const other = collectionError(['AWS::EC2::Instance'], { accountId: '999999999999' });
    const o = only(ctxWith({ monthlyCeilingUsd: 1000, source: 'estimate' }, prodResources(), { errors: [s3, other] }));
    expect(o.status).toBe('pass');
  });
});

describe('cost table', () => {
  it('names the environment’s regions with no date when no table covers them', () => {
    const spec = makeSpec({ production: envSpec({ regions: ['ap-south-1'], cost: { monthlyCeilingUsd: 10, source: 'estimate' } }) });
    const ctx = makeContext({ spec, resources: [res('AWS::EC2::Instance', 'a', 'production', { instanceType: 't3.micro', state: 'running' }, { region: 'ap-south-1' })] });
    const { outcomes, costs } = run(ctx);
    expect(costs![0]!.priceTable).toEqual({ region: 'ap-south-1', asOf: '' });
    expect(costs![0]!.estimateComplete).toBe(false);
    expect(outcomes[0]!.status).toBe('not-evaluated');
  });
});

describe('cost-ceiling, actual spend', () => {
  it('maps tag values to environments by name and alias, case-insensitive, for the latest period', () => {
    const costs = [
      costRecord('PRODUCTION', 120.004),
      costRecord('prod', 100.5, { accountId: '444455556666' }),
      costRecord('production', 999, { periodStart: '2025-04-01', periodEnd: '2025-05-01' }),
      costRecord('production', 999, { tagKey: 'Team' }),
      costRecord('staging', 5),
    ];
    const o = only(ctxWith({ monthlyCeilingUsd: 200, source: 'actual' }, [], { costs, aliases: ['prod'] }));
    expect(o.status).toBe('fail');
    expect(o.evidence.observed).toEqual({ actualUsd: 220.5 });
    expect(o.evidence.actualPeriod).toEqual({ start: '2025-05-01', end: '2025-06-01' });
    expect(o.evidence.topContributors).toBeUndefined();
  });

  it('uses the first spec tag key that has records, so two groupings are never added', () => {
    const costs = [costRecord('production', 150, { tagKey: 'env' }), costRecord('production', 70, { tagKey: 'Environment' })];
    const o = only(ctxWith({ monthlyCeilingUsd: 100, source: 'actual' }, [], { costs }));
    expect(o.evidence.observed).toEqual({ actualUsd: 70 });
    expect((o.evidence.costExplorer as { tagKey: string }).tagKey).toBe('Environment');
  });

  it('passes when actual spend is under the ceiling', () => {
    const o = only(ctxWith({ monthlyCeilingUsd: 200, source: 'actual' }, [], { costs: [costRecord('production', 150)] }));
    expect(o.status).toBe('pass');
  });

  it('is not evaluated without Cost Explorer data, naming the collection error', () => {
    const noData = only(ctxWith({ monthlyCeilingUsd: 200, source: 'actual' }, prodResources(), { costs: [costRecord('staging', 5)] }));
    expect(noData.status).toBe('not-evaluated');
    expect(noData.reason).toBeTruthy();
    const err = collectionError(['costs'], { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1' });
    const denied = only(ctxWith({ monthlyCeilingUsd: 200, source: 'actual' }, [], { errors: [err] }));
    expect(denied.status).toBe('not-evaluated');
    expect(denied.reason).toContain('ce:GetCostAndUsage');
  });

  it('is not evaluated under the ceiling when Cost Explorer failed in another account: the spend read is a lower bound', () => {
    // Account 1 answered (150 of production's spend); this account's call was denied.
    const err = collectionError(['costs'], { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1' });
    const costs = [costRecord('production', 150, { accountId: '1' })];
    const partial = only(ctxWith({ monthlyCeilingUsd: 200, source: 'actual' }, [], { costs, errors: [err] }));
    expect(partial.status).toBe('not-evaluated');
    expect(partial.reason).toBe(
      'actual $150.00 for 2025-05-01..2025-06-01 is a lower bound: collection error ce:GetCostAndUsage AccessDenied in 111122223333/us-east-1: not authorized',
    );
    // What was read already exceeds the ceiling: a failure whatever the rest.
    const over = only(ctxWith({ monthlyCeilingUsd: 100, source: 'actual' }, [], { costs, errors: [err] }));
    expect(over.status).toBe('fail');
  });

  it('with source both, fails when either figure is over and reports both', () => {
    const ctx = ctxWith({ monthlyCeilingUsd: 200, source: 'both' }, prodResources(), { costs: [costRecord('production', 250)] });
    const o = only(ctx);
    expect(o.status).toBe('fail');
    expect(o.evidence.observed).toEqual({ estimateUsd: 164.7, actualUsd: 250 });
    expect(o.evidence.overByUsd).toBe(50);
    const under = only(ctxWith({ monthlyCeilingUsd: 300, source: 'both' }, prodResources(), { costs: [costRecord('production', 250)] }));
    expect(under.status).toBe('pass');
    const missing = only(ctxWith({ monthlyCeilingUsd: 300, source: 'both' }, prodResources()));
    expect(missing.status).toBe('not-evaluated');
  });

  it('rounds actual spend to cents', () => {
    const { costs } = run(ctxWith({ monthlyCeilingUsd: 300, source: 'actual' }, [], { costs: [costRecord('production', 0.1), costRecord('production', 0.2, { accountId: '1' }), costRecord('production', 10.005, { accountId: '2' })] }));
    expect(costs![0]!.actualUsd).toBe(10.31);
    expect(costs![0]!.actualPeriod).toEqual({ start: '2025-05-01', end: '2025-06-01' });
  });
});

describe('determinism', () => {
  it('gives byte-identical output whatever the resource order', () => {
    const a = JSON.stringify(run(ctxWith({ monthlyCeilingUsd: 100, source: 'both' }, prodResources(), { costs: [costRecord('production', 1)] })));
    const b = JSON.stringify(run(ctxWith({ monthlyCeilingUsd: 100, source: 'both' }, [...prodResources()].reverse(), { costs: [costRecord('production', 1)] })));
    expect(a).toBe(b);
  });
});
