// Applicability is split into a part read once per type and environment ("fixed": spec,
// environment, resource type) and a part read per resource ("varying"). The split
// evaluation must give exactly the verdict of the whole condition, for every mix of
// true, false and unknown parts, and must read the fixed part once per environment.
import { describe, expect, it } from 'vitest';
import { compileSplit, FALSE, TRUE, UNKNOWN, type Reads, type Scope } from '../../src/engine/conditions.js';
import { applies } from '../../src/engine/declarative.js';
import { EnvMemo } from '../../src/engine/env-memo.js';
import { SpecValues } from '../../src/engine/refs.js';
import type { Condition } from '../../src/engine/rule.js';
import type { Resource } from '../../src/model/snapshot.js';
import { baseSpec, prod } from './helpers.js';

const spec = baseSpec();
// `flag` per environment: true, false, or unset (unknown: spec values that are not set
// are unknown outside applicability's own "unset is false" mode, used here to reach it).
(spec.environments.production as unknown as Record<string, unknown>).flag = true;
(spec.environments.staging as unknown as Record<string, unknown>).flag = false;
spec.environments.dev = { ...spec.environments.staging!, accounts: [] };
delete (spec.environments.dev as unknown as Record<string, unknown>).flag;

const condition: Condition = {
  all: [
    { env: 'flag', equals: true },
    { path: 'type', in: ['AWS::S3::Bucket'] },
    { path: 'config.enabled', equals: true },
  ],
} as unknown as Condition;

const resources: Resource[] = [true, false, undefined].map((enabled, i) => prod('AWS::S3::Bucket', `b${i}`, { config: enabled === undefined ? {} : { enabled } }));

describe('compileSplit', () => {
  it('puts spec, environment and type reads in the fixed part and the rest in the varying part', () => {
    const reads: Reads = { env: false, config: false };
    const split = compileSplit(condition, { values: new SpecValues(spec), inbound: () => [] }, reads);
    expect(reads).toMatchObject({ env: true, config: true });
    // fixed = env flag and type; varying = config.enabled. Each gives its own part's verdict.
    const at = (env: string, r: Resource): Scope => ({ resource: r, env, item: undefined, value: r, top: true });
    const [on, off, uncollected] = resources as [Resource, Resource, Resource];
    const queue = prod('AWS::SQS::Queue', 'q', { config: { enabled: true } });
    expect([split.fixed!(at('production', off), null), split.fixed!(at('staging', on), null), split.fixed!(at('dev', on), null), split.fixed!(at('production', queue), null)]).toEqual([TRUE, FALSE, UNKNOWN, FALSE]);
    expect([split.varying!(at('staging', on), null), split.varying!(at('production', off), null), split.varying!(at('production', uncollected), null)]).toEqual([TRUE, FALSE, UNKNOWN]);
  });

  it('gives the whole condition\'s verdict for every mix of true, false and unknown parts', () => {
    let fixedReads = 0;
    const values = new SpecValues(spec);
    const counting = { env: (env: string, segs: readonly string[], key: string) => (fixedReads++, values.env(env, segs, key)), root: values.root.bind(values) } as unknown as SpecValues;
    const split = compileSplit(condition, { values: counting, inbound: () => [] }, { env: false, config: false });
    const seen = new Set<number>();
    for (const env of ['production', 'staging', 'dev']) {
      const memo = new EnvMemo<0 | 1 | 2>();
      for (const r of resources) {
        const scope: Scope = { resource: r, env, item: undefined, value: r, top: true };
        const whole = split.whole(scope, null);
        expect(applies(split, scope, memo), `${env} ${JSON.stringify(r.config)}`).toBe(whole);
        seen.add(whole);
      }
    }
    expect([...seen].sort()).toEqual([FALSE, TRUE, UNKNOWN]);
    // The fixed part's environment value was read once per environment by the memo (plus
    // the whole condition's own reads, which its getter caches per environment too).
    expect(fixedReads).toBeLessThanOrEqual(6);
  });
});
