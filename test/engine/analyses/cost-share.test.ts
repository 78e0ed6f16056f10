// Rule cost-share through the real loader and engine: each environment's share of the
// total of every environment, from the estimate or from Cost Explorer's actual spend.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CostRecord, Resource } from '../../../src/model/snapshot.js';
import type { CostShareSpec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { loaded } from '../helpers.js';
import { costRecord, envSpec, makeContext, makeSpec, res } from './cost-context.js';

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
