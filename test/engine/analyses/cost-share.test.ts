// Rule cost-share through the real loader and engine: each environment's share of the
// total of every environment, from the estimate or from Cost Explorer's actual spend.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, CostRecord, Resource } from '../../../src/model/snapshot.js';
import type { CostShareSpec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { loaded } from '../helpers.js';
import { ACCOUNT, collectionError, costRecord, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const rule = loadRules().find((r) => r.meta.id === 'cost-share')!;
const ec2 = (name: string, instanceType: string, env: string) =>
  res('AWS::EC2::Instance', name, env, { instanceId: name, instanceType, state: 'running', securityGroupIds: [], volumeIds: [] });

function scan(shares: Record<string, CostShareSpec | undefined>, input: { resources?: Resource[]; costs?: CostRecord[] }) {
  const spec = makeSpec(Object.fromEntries(Object.entries(shares).map(([env, costShare]) => [env, envSpec(costShare ? { costShare } : {})])));
  const snapshot = makeContext({ spec, resources: input.resources ?? [], costs: input.costs ?? [] }).snapshot;
  const ev = evaluate({ spec: loaded(spec.spec), snapshot, rules: [rule], now: new Date('2025-06-01T00:00:00Z') });
  return ev.results.map((r) => [r.resource.name, r.status, r.message]);
}

const spend = (dev: number, stg: number, prod: number) => [costRecord('development', dev), costRecord('staging', stg), costRecord('production', prod)];

describe("rule 'cost-share'", () => {
  it('judges each share of the actual total against its plan, the tolerance inclusive', () => {
    const plan = (percent: number): CostShareSpec => ({ percent, tolerancePoints: 5, source: 'actual' });
    expect(scan({ development: plan(10), staging: plan(20), production: plan(70) }, { costs: spend(60, 260, 680) })).toEqual([
      ['development', 'pass', 'Environment development: 6.0% of the actual total ($60.00 of $1,000.00/month), as planned 10% (within 5 points)'],
      ['production', 'pass', 'Environment production: 68.0% of the actual total ($680.00 of $1,000.00/month), as planned 70% (within 5 points)'],
      ['staging', 'fail', 'Environment staging: 26.0% of the actual total ($260.00 of $1,000.00/month); the spec plans 20% (within 5 points)'],
    ]);
    // Exactly 5 points off passes; 5.1 fails.
    expect(scan({ development: plan(10), staging: undefined, production: undefined }, { costs: spend(150, 250, 600) }).map((r) => r[1])).toEqual(['pass']);
    expect(scan({ development: plan(10), staging: undefined, production: undefined }, { costs: spend(151, 250, 599) }).map((r) => r[1])).toEqual(['fail']);
  });

  it('counts every environment of the spec in the total, planned or not; the default tolerance is 5 points', () => {
    // m5.large 70.08 + t3.micro 7.59 per month (bundled us-east-1 prices): production 90.2%.
    const r = scan({ production: { percent: 80 }, staging: undefined }, { resources: [ec2('a', 'm5.large', 'production'), ec2('b', 't3.micro', 'staging')] });
    expect(r).toEqual([['production', 'fail', 'Environment production: 90.2% of the estimated total ($70.08 of $77.67/month); the spec plans 80% (within 5 points)']]);
  });

  it('a missing figure anywhere makes every share not evaluated, and a zero total too', () => {
    const actual = (percent: number): CostShareSpec => ({ percent, source: 'actual' });
    const missing = scan({ development: actual(10), production: actual(90) }, { costs: [costRecord('production', 100)] });
    expect(missing.map((r) => r[1])).toEqual(['not-evaluated', 'not-evaluated']);
    expect(missing[0]![2]).toBe('Environment development: share of the total cost not evaluated against the planned 10% (within 5 points)');
    expect(scan({ development: { percent: 10 }, production: undefined }, {}).map((r) => r[1])).toEqual(['not-evaluated']);
  });
});

describe('cost-share results in detail', () => {
  type Input = { resources?: Resource[]; costs?: CostRecord[]; errors?: CollectionError[] };
  function results(shares: Record<string, CostShareSpec | undefined>, input: Input) {
    const spec = makeSpec(Object.fromEntries(Object.entries(shares).map(([env, costShare]) => [env, envSpec(costShare ? { costShare } : {})])));
    const snapshot = makeContext({ spec, resources: input.resources ?? [], costs: input.costs ?? [], errors: input.errors ?? [] }).snapshot;
    const ev = evaluate({ spec: loaded(spec.spec), snapshot, rules: [rule], now: new Date('2025-06-01T00:00:00Z') });
    return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, resource: r.resource, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
  }

  it('a result names its environment, its figures and the plan', () => {
    const got = results({ development: { percent: 10, tolerancePoints: 2, source: 'actual' }, production: undefined }, { costs: [costRecord('development', 25.5), costRecord('production', 229.5)] });
    expect(got.development).toEqual({
      status: 'pass',
      resource: { arn: 'arn:aws:envgate:::environment/development', accountId: ACCOUNT, region: 'us-east-1', type: 'envgate::Environment', name: 'development', environment: 'development' },
      message: 'Environment development: 10.0% of the actual total ($25.50 of $255.00/month), as planned 10% (within 2 points)',
      evidence: { observed: { percent: 10, usd: 25.5, totalUsd: 255, byEnvironment: { development: 25.5, production: 229.5 } }, expected: { percent: 10, tolerancePoints: 2, source: 'actual' } },
      reason: undefined,
      path: '/environments/development/costShare',
    });
    // The observed percent keeps one decimal: 1/3 is 33.3.
    const third = results({ development: { percent: 30, source: 'actual' }, production: undefined }, { costs: [costRecord('development', 1), costRecord('production', 2)] });
    expect(third.development!.evidence.observed).toEqual({ percent: 33.3, usd: 1, totalUsd: 3, byEnvironment: { development: 1, production: 2 } });
    expect(third.development!.message).toBe('Environment development: 33.3% of the actual total ($1.00 of $3.00/month), as planned 30% (within 5 points)');
  });

  it('not evaluated: every unknown figure named, the plan kept as the expected evidence', () => {
    const actual = (percent: number): CostShareSpec => ({ percent, source: 'actual' });
    const missing = results({ development: actual(10), staging: undefined, production: actual(90) }, { costs: [costRecord('production', 100)] });
    expect(missing.development).toMatchObject({
      status: 'not-evaluated',
      evidence: { expected: { percent: 10, tolerancePoints: 5, source: 'actual' } },
      reason: 'no Cost Explorer spend for development in the snapshot; no Cost Explorer spend for staging in the snapshot',
      path: '/environments/development/costShare',
    });
    expect(Object.keys(missing.development!.evidence)).toEqual(['expected']);
    // Cost Explorer errors make every environment's spend a lower bound.
    const costsFailed = collectionError(['costs'], { service: 'ce', operation: 'GetCostAndUsage' });
    const errored = results({ development: actual(10), production: undefined }, { costs: [costRecord('development', 10), costRecord('production', 90)], errors: [costsFailed] });
    expect([errored.development!.status, errored.development!.reason]).toEqual([
      'not-evaluated',
      'Cost Explorer spend of development is a lower bound (collection errors); Cost Explorer spend of production is a lower bound (collection errors)',
    ]);
    // The same error says nothing of the estimate.
    expect(results({ development: { percent: 50 }, production: undefined }, { resources: [ec2('a', 'm5.large', 'development'), ec2('b', 'm5.large', 'production')], errors: [costsFailed] }).development!.status).toBe('pass');
  });

  it('an estimate that is only a lower bound names its lower-bound caveats once each', () => {
    // Two fields missing (one caveat code), an unpriced instance type and a stopped instance
    // (a caveat that is no lower bound).
    const resources = [
      ec2('odd', 'zz9.huge', 'staging'),
      res('AWS::EC2::Instance', 'no-type', 'staging', { instanceId: 'no-type', state: 'running', securityGroupIds: [], volumeIds: [] }),
      res('AWS::EC2::Volume', 'no-size', 'staging', { volumeId: 'no-size', volumeType: 'gp3' }),
      res('AWS::EC2::Instance', 'stopped', 'staging', { instanceId: 'stopped', instanceType: 't3.micro', state: 'stopped', securityGroupIds: [], volumeIds: [] }),
      ec2('p', 'm5.large', 'production'),
    ];
    const got = results({ production: { percent: 90 }, staging: undefined }, { resources });
    expect(got.production!.status).toBe('not-evaluated');
    expect(got.production!.reason).toBe('the estimate of staging is a lower bound (missing-field, unknown-price)');
    expect(got.production!.message).toBe('Environment production: share of the total cost not evaluated against the planned 90% (within 5 points)');
  });

  it('a zero total is not evaluated, naming the source', () => {
    const got = results({ development: { percent: 10 }, production: undefined }, {});
    expect(got.development).toMatchObject({
      status: 'not-evaluated',
      message: 'Environment development: share of the total cost not evaluated against the planned 10% (within 5 points)',
      evidence: { expected: { percent: 10, tolerancePoints: 5, source: 'estimate' } },
      reason: "every environment's estimate is $0.00",
    });
    const spendZero = results({ development: { percent: 10, source: 'actual' }, production: undefined }, { costs: [costRecord('development', 0), costRecord('production', 0)] });
    expect(spendZero.development!.reason).toBe("every environment's actual is $0.00");
  });
});
