// The built-in cost rule file run through the real loader and engine: results carry the
// rule's metadata, the spec location of the ceiling, and Evaluation.costs is filled.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { loaded } from '../helpers.js';
import { costRecord, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const rule = loadRules().find((r) => r.meta.id === 'cost-ceiling')!;

const ec2 = (name: string, instanceType: string, env: string) =>
  res('AWS::EC2::Instance', name, env, { instanceId: name, instanceType, state: 'running', securityGroupIds: [], volumeIds: [] });

function scan(ceiling: number, resources: Resource[], source: 'estimate' | 'actual' | 'both' = 'estimate') {
  const spec = makeSpec({ production: envSpec({ cost: { monthlyCeilingUsd: ceiling, source } }), staging: envSpec() });
  const snapshot = makeContext({ spec, resources, costs: [costRecord('production', 90)] }).snapshot;
  return evaluate({ spec: loaded(spec.spec), snapshot, rules: [rule], now: new Date('2025-06-01T00:00:00Z') });
}

describe("rule 'cost-ceiling'", () => {
  it('is an analysis rule of category cost', () => {
    expect(rule.analysis?.name).toBe('cost-ceiling');
    expect(rule.meta.category).toBe('cost');
  });

  it('fails an environment over its ceiling, located at the ceiling in the spec', () => {
    const ev = scan(50, [ec2('a', 'm5.large', 'production'), ec2('b', 't3.micro', 'staging')]);
    expect(ev.results.map((r) => [r.ruleId, r.status, r.resource.name, r.resource.environment])).toEqual([['cost-ceiling', 'fail', 'production', 'production']]);
    expect(ev.results[0]!.specLocation?.path).toBe('/environments/production/cost/monthlyCeilingUsd');
    expect(ev.results[0]!.fingerprint).toBe(scan(50, [ec2('a', 'm5.xlarge', 'production')]).results[0]!.fingerprint);
    expect(ev.costs.map((c) => [c.environment, c.estimateUsd, c.ceilingUsd])).toEqual([
      ['production', 70.08, 50],
      ['staging', 7.59, null],
    ]);
  });

  it('passes an environment within its ceiling, by estimate and by actual spend', () => {
    expect(scan(100, [ec2('a', 'm5.large', 'production')]).results.map((r) => r.status)).toEqual(['pass']);
    expect(scan(100, [ec2('a', 'm5.large', 'production')], 'both').results.map((r) => r.status)).toEqual(['pass']);
    expect(scan(80, [], 'actual').results.map((r) => r.status)).toEqual(['fail']);
  });
});
