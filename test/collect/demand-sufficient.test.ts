// The demand is enough: every fixture evaluated on its snapshot reduced to what the
// demand collects (the fields and relations of the calls it makes, the types it lists)
// gives byte-identical results to the full snapshot. An analysis or rule that reads a
// field the demand does not ask for changes some result here.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/collect/catalogue/index.js';
import { demandOf, needsCall, needsType, type Demand } from '../../src/collect/demand.js';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Rule } from '../../src/engine/rule.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';

const SYSTEMS = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'];
const NOW = new Date('2026-11-01T00:00:00Z');
const rules = loadRules();

/** The snapshot as collection under `demand` would have left it. */
function reduced(snap: Snapshot, demand: Demand): Snapshot {
  const drop = new Map<string, { fields: Set<string>; relations: Set<string> }>();
  for (const d of CATALOGUE) {
    const made = d.calls.filter((c) => needsCall(demand, d, c));
    const skipped = d.calls.filter((c) => !needsCall(demand, d, c));
    const kept = new Set(made.flatMap((c) => c.feeds));
    const keptRelations = new Set(made.slice(1).flatMap((c) => c.relations ?? []));
    drop.set(d.type, {
      fields: new Set(skipped.flatMap((c) => c.feeds).filter((f) => !kept.has(f))),
      relations: new Set(skipped.flatMap((c) => c.relations ?? []).filter((k) => !keptRelations.has(k))),
    });
  }
  const resources = snap.resources
    .filter((r) => needsType(demand, r.type))
    .map((r) => {
      const gone = drop.get(r.type);
      if (!gone) return r;
      return {
        ...r,
        config: Object.fromEntries(Object.entries(r.config).filter(([k]) => !gone.fields.has(k))),
        relations: r.relations.filter((x) => !gone.relations.has(x.kind)),
      };
    });
  return { ...snap, resources };
}

const run = (spec: ReturnType<typeof loadSpec>, s: Snapshot, only: readonly Rule[]) =>
  JSON.stringify(evaluate({ spec, snapshot: s, rules: only, now: NOW, passes: 'all' }));

// Every built-in rule alone (beside the attribution rules every rule set loads), so one
// rule's demand is tested on what that rule reads, not hidden by a broader neighbour's.
const BASE = rules.filter((r) => r.meta.id === 'attribution-missing' || r.meta.id === 'attribution-conflict');

describe.each(SYSTEMS)('the demand of fixture %s', (system) => {
  const spec = loadSpec(`fixtures/${system}/envgate.yaml`);
  const snapshot = readSnapshot(`fixtures/${system}/snapshot.json`);

  it('with every built-in rule collects what they read: the results are identical', () => {
    const demand = demandOf(rules, spec.spec);
    expect(demand.full).toBe(false);
    expect(run(spec, reduced(snapshot, demand), rules)).toBe(run(spec, snapshot, rules));
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('of rule %s alone collects what it reads', (_id, rule) => {
    const demand = demandOf([...BASE, rule], spec.spec);
    expect(demand.full).toBe(false);
    expect(run(spec, reduced(snapshot, demand), [rule])).toBe(run(spec, snapshot, [rule]));
  });
});

describe('isolation and parity ask only for what their paths and properties read', () => {
  it('makes per-resource calls by path and by property (fixture mht-api)', () => {
    const spec = loadSpec('fixtures/mht-api/envgate.yaml').spec;
    const perResource = (id: string): string[] => {
      const d = demandOf([...BASE, rules.find((r) => r.meta.id === id)!], spec);
      return CATALOGUE.flatMap((x) => x.calls.filter((c) => c.per === 'resource' && needsCall(d, x, c)).map((c) => c.operation));
    };
    // DescribeKey always: whether a key is AWS managed is account furniture (demand.ts ENGINE_READS).
    expect(perResource('isolation-network-paths')).toEqual(['DescribeKey']);
    expect(perResource('isolation-iam-grants')).toEqual(['DescribeKey']);
    expect(perResource('isolation-resource-policies')).toEqual(['GetBucketPolicy', 'GetQueueAttributes', 'GetTopicAttributes', 'DescribeKey', 'GetKeyPolicy', 'GetResourcePolicy']); // secrets' policies too
    // Shared targets: the calls that yield usage relations (kms-key, logs-to, load-balancer-target;
    // an EKS cluster's key comes with DescribeCluster, a distribution's log bucket with GetDistributionConfig, an ECS service's subnets and groups with DescribeServices).
    expect(perResource('isolation-shared-resources')).toEqual([
      'GetBucketEncryption', 'GetBucketLogging', 'GetQueueAttributes', 'GetTopicAttributes', 'DescribeTable', 'DescribeLoadBalancerAttributes', 'DescribeTargetHealth', 'DescribeKey', 'DescribeCluster', 'DescribeServices', 'GetDistributionConfig',
    ]);
    // mht-api's parity lists encryption, versioning, accessLogging, lifecyclePolicy (and architecture views).
    expect(perResource('parity-protections')).toEqual([
      'GetBucketEncryption', 'GetBucketVersioning', 'GetBucketLifecycleConfiguration', 'GetBucketLogging', 'GetQueueAttributes', 'GetTopicAttributes', 'DescribeTable', 'DescribeLoadBalancerAttributes', 'DescribeKey',
    ]);
    expect(perResource('parity-capacity')).toEqual(['DescribeKey']);
    expect(perResource('parity-architecture')).toEqual(['DescribeKey']);
  });
});
