// Every operator and subject of the rule language (README "Conditions"), each with the
// exact three-valued verdict it must give: true (1), false (0), unknown (2).
import { describe, expect, it } from 'vitest';
import { compileCondition, FALSE, TRUE, UNKNOWN, type Reads, type Scope, type Trace } from '../../src/engine/conditions.js';
import { SpecValues } from '../../src/engine/refs.js';
import type { Condition } from '../../src/engine/rule.js';
import type { Resource } from '../../src/model/snapshot.js';
import { baseSpec, prod } from './helpers.js';

const spec = baseSpec({ tagging: { required: ['Owner', 'CostCentre'] } } as never);
(spec.environments.production as unknown as Record<string, unknown>).limits = { days: 30, classes: { 'AWS::S3::Bucket': 'gold' } };

const bucket: Resource = prod('AWS::S3::Bucket', 'prod-data', {
  tags: { Environment: 'production', 'team.name': 'payments' },
  config: { days: 30, size: 5, name: 'prod-data', enabled: true, empty: null, list: [1, 2, 3], ports: [22, 443], cidrs: ['10.0.1.0/24'], obj: { a: 1, b: 2 } },
  relations: [{ kind: 'kms-key', target: 'arn:aws:kms:us-east-1:111111111111:key/k1' }, { kind: 'vpc', target: 'vpc-1' }, { kind: 'kms-key', target: 'arn:aws:kms:us-east-1:111111111111:key/k2' }],
});

const INBOUND: Record<string, string[]> = { [`monitors ${bucket.arn}`]: ['arn:aws:cloudwatch:us-east-1:111111111111:alarm:a1'] };

function verdict(c: unknown, opts: { env?: string | null; item?: unknown; specUnsetIsFalse?: boolean; resource?: Resource } = {}) {
  const reads: Reads = { env: false, config: false };
  const compiled = compileCondition(c as Condition, { values: new SpecValues(spec), specUnsetIsFalse: opts.specUnsetIsFalse, inbound: (kind, target) => INBOUND[`${kind} ${target}`] ?? [] }, reads);
  const resource = opts.resource ?? bucket;
  const scope: Scope = { resource, env: opts.env === undefined ? 'production' : opts.env, item: opts.item, value: resource, top: true };
  const untraced = compiled(scope, null);
  const trace: Trace = { leaves: [], missing: [] };
  const traced = compiled(scope, trace);
  expect(traced, 'traced and untraced evaluation agree').toBe(untraced);
  return { v: untraced, trace, reads };
}
const v = (c: unknown, opts?: Parameters<typeof verdict>[1]) => verdict(c, opts).v;

describe('comparison operators', () => {
  it('equals and notEquals, also on lists and null', () => {
    expect([v({ path: 'config.days', equals: 30 }), v({ path: 'config.days', equals: 31 })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.days', notEquals: 30 }), v({ path: 'config.days', notEquals: 31 })]).toEqual([FALSE, TRUE]);
    expect([v({ path: 'config.list', equals: [1, 2, 3] }), v({ path: 'config.list', equals: [1, 2] }), v({ path: 'config.list', equals: [1, 2, 4] })]).toEqual([TRUE, FALSE, FALSE]);
    expect([v({ path: 'config.empty', equals: null }), v({ path: 'config.empty', notEquals: null })]).toEqual([TRUE, FALSE]);
    expect(v({ path: 'config.days', equals: '30' })).toBe(FALSE);
  });

  it('in and notIn', () => {
    expect([v({ path: 'config.days', in: [7, 30] }), v({ path: 'config.days', in: [7] }), v({ path: 'config.days', in: [] })]).toEqual([TRUE, FALSE, FALSE]);
    expect([v({ path: 'config.days', notIn: [7, 30] }), v({ path: 'config.days', notIn: [7] }), v({ path: 'config.days', notIn: [] })]).toEqual([FALSE, TRUE, TRUE]);
    expect(v({ path: 'config.list', in: [[1, 2, 3]] })).toBe(TRUE);
  });

  it('gt, gte, lt, lte at, above and below the bound', () => {
    const at = (op: string, bound: number) => v({ path: 'config.days', [op]: bound });
    expect([at('gt', 29), at('gt', 30), at('gt', 31)]).toEqual([TRUE, FALSE, FALSE]);
    expect([at('gte', 29), at('gte', 30), at('gte', 31)]).toEqual([TRUE, TRUE, FALSE]);
    expect([at('lt', 29), at('lt', 30), at('lt', 31)]).toEqual([FALSE, FALSE, TRUE]);
    expect([at('lte', 29), at('lte', 30), at('lte', 31)]).toEqual([FALSE, TRUE, TRUE]);
  });

  it('numeric operators are false on non-numbers on either side', () => {
    expect(v({ path: 'config.name', gt: 1 })).toBe(FALSE);
    expect(v({ path: 'config.name', lte: 1 })).toBe(FALSE);
    expect(v({ path: 'config.days', gte: '1' })).toBe(FALSE);
    expect(v({ path: 'config.empty', lt: 100 })).toBe(FALSE);
  });

  it('exists true and false, and exists on an uncollected config field is a plain answer', () => {
    expect([v({ path: 'config.days', exists: true }), v({ path: 'config.days', exists: false })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.empty', exists: true }), v({ path: 'config.empty', exists: false })]).toEqual([FALSE, TRUE]);
    expect([v({ path: 'config.absent', exists: true }), v({ path: 'config.absent', exists: false })]).toEqual([FALSE, TRUE]);
  });

  it('matches applies its one pattern: globs over the whole value, re: anchored', () => {
    expect([v({ path: 'name', matches: 'prod-*' }), v({ path: 'name', matches: 'stg-*' }), v({ path: 'name', matches: 'prod' })]).toEqual([TRUE, FALSE, FALSE]);
    expect([v({ path: 'name', matches: 'prod-dat?' }), v({ path: 'name', matches: 'prod-da?' })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'name', matches: 're:prod-[a-z]+' }), v({ path: 'name', matches: 're:prod' }), v({ path: 'name', matches: 're:data' })]).toEqual([TRUE, FALSE, FALSE]);
    expect(v({ path: 'config.days', matches: '*' })).toBe(FALSE);
  });

  it('matchesAny takes a list of patterns', () => {
    expect([v({ path: 'name', matchesAny: ['stg-*', 'prod-*'] }), v({ path: 'name', matchesAny: ['stg-*', 'dev-*'] }), v({ path: 'name', matchesAny: [] })]).toEqual([TRUE, FALSE, FALSE]);
  });

  it('contains, hasKeys and cidrWithin', () => {
    expect([v({ path: 'config.ports', contains: 22 }), v({ path: 'config.ports', contains: 80 }), v({ path: 'config.name', contains: 'p' })]).toEqual([TRUE, FALSE, FALSE]);
    expect([v({ path: 'config.obj', hasKeys: ['a', 'b'] }), v({ path: 'config.obj', hasKeys: ['a', 'c'] }), v({ path: 'config.obj', hasKeys: [] })]).toEqual([TRUE, FALSE, TRUE]);
    expect([v({ path: 'config.cidrs.0', cidrWithin: ['10.0.0.0/16'] }), v({ path: 'config.cidrs.0', cidrWithin: ['10.1.0.0/16'] }), v({ path: 'config.cidrs.0', cidrWithin: ['10.0.1.0/25'] })]).toEqual([TRUE, FALSE, FALSE]);
  });

  it('count compares the length of a list or the number of keys, with every bound', () => {
    expect([v({ path: 'config.list', count: { gte: 3 } }), v({ path: 'config.list', count: { gte: 4 } })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.list', count: { gt: 2, lt: 4 } }), v({ path: 'config.list', count: { gt: 2, lt: 3 } })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.obj', count: { equals: 2 } }), v({ path: 'config.name', count: { equals: 0 } })]).toEqual([TRUE, TRUE]);
    expect(v({ path: 'config.list', count: { lte: { env: 'limits.days' } } })).toBe(TRUE);
    expect(v({ path: 'config.list', count: { lte: { env: 'limits.unset' } } })).toBe(UNKNOWN);
    // An unset bound after a false one changes nothing: false.
    expect(v({ path: 'config.list', count: { gt: 5, lte: { env: 'limits.unset' } } })).toBe(FALSE);
  });
});

describe('list quantifiers', () => {
  it('every, some and none over the elements, with the element as the subject-less value', () => {
    expect([v({ path: 'config.ports', every: { gt: 20 } }), v({ path: 'config.ports', every: { gt: 100 } })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.ports', some: { equals: 443 } }), v({ path: 'config.ports', some: { equals: 80 } })]).toEqual([TRUE, FALSE]);
    expect([v({ path: 'config.ports', none: { equals: 80 } }), v({ path: 'config.ports', none: { equals: 22 } })]).toEqual([TRUE, FALSE]);
  });

  it('on an empty list every and none hold and some does not; on a non-list all are false', () => {
    const empty = prod('AWS::S3::Bucket', 'e', { config: { ports: [] } });
    expect([v({ path: 'config.ports', every: { equals: 1 } }, { resource: empty }), v({ path: 'config.ports', none: { equals: 1 } }, { resource: empty }), v({ path: 'config.ports', some: { equals: 1 } }, { resource: empty })]).toEqual([TRUE, TRUE, FALSE]);
    expect([v({ path: 'config.days', every: { equals: 1 } }), v({ path: 'config.days', some: { equals: 1 } }), v({ path: 'config.days', none: { equals: 1 } })]).toEqual([FALSE, FALSE, FALSE]);
  });

  it('an unknown element makes the quantifier unknown unless another element decides it', () => {
    // Elements are objects; `path` inside reads the element, and a missing field there is simply absent.
    const r = prod('AWS::S3::Bucket', 'q', { config: { rules: [{ days: 5 }, { days: 40 }] } });
    const unsetRef = { gte: { env: 'limits.unset' } };
    expect([v({ path: 'config.rules', every: { path: 'days', ...unsetRef } }, { resource: r }), v({ path: 'config.rules', some: { path: 'days', ...unsetRef } }, { resource: r }), v({ path: 'config.rules', none: { path: 'days', ...unsetRef } }, { resource: r })]).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(v({ path: 'config.rules', every: { any: [{ path: 'days', lt: 10 }, { path: 'days', ...unsetRef }] } }, { resource: r })).toBe(UNKNOWN);
    expect(v({ path: 'config.rules', every: { all: [{ path: 'days', gt: 10 }, { path: 'days', ...unsetRef }] } }, { resource: r })).toBe(FALSE);
    expect(v({ path: 'config.rules', some: { any: [{ path: 'days', gt: 10 }, { path: 'days', ...unsetRef }] } }, { resource: r })).toBe(TRUE);
    expect(v({ path: 'config.rules', none: { any: [{ path: 'days', gt: 10 }, { path: 'days', ...unsetRef }] } }, { resource: r })).toBe(FALSE);
    // A path inside an element is never "not collected": absent there is absent.
    expect(v({ path: 'config.rules', every: { path: 'missing', exists: false } }, { resource: r })).toBe(TRUE);
  });

  it('records the deciding elements: failing ones for every, passing ones for none', () => {
    const every = verdict({ path: 'config.ports', every: { lt: 100 } });
    expect(every.trace.leaves.map((l) => [l.op, l.result, l.offending])).toEqual([['every', FALSE, [443]]]);
    expect(every.trace.leaves[0]!.inner).toMatchObject({ subject: '.', op: 'lt', observed: 443, expected: 100, result: FALSE });
    const none = verdict({ path: 'config.ports', none: { equals: 22 } });
    expect(none.trace.leaves.map((l) => [l.op, l.result, l.offending])).toEqual([['none', FALSE, [22]]]);
    const some = verdict({ path: 'config.ports', some: { equals: 80 } });
    expect(some.trace.leaves.map((l) => [l.op, l.result, l.offending])).toEqual([['some', FALSE, [22, 443]]]);
  });
});

describe('logic', () => {
  it('not negates true and false and keeps unknown', () => {
    expect([v({ not: { path: 'config.days', equals: 30 } }), v({ not: { path: 'config.days', equals: 31 } }), v({ not: { path: 'config.nope', equals: 1 } })]).toEqual([FALSE, TRUE, UNKNOWN]);
    expect(v({ not: { not: { path: 'config.days', equals: 30 } } })).toBe(TRUE);
  });

  it('not inverts the traced leaves and marks them negated', () => {
    const { trace } = verdict({ not: { path: 'config.days', equals: 30 } });
    expect(trace.leaves.map((l) => [l.subject, l.op, l.observed, l.expected, l.result, l.negated])).toEqual([['config.days', 'equals', 30, 30, FALSE, true]]);
    const twice = verdict({ not: { not: { path: 'config.days', equals: 30 } } });
    expect(twice.trace.leaves.map((l) => [l.result, l.negated])).toEqual([[TRUE, false]]);
  });

  it('all: false wins over unknown, unknown over true', () => {
    const t = { path: 'config.days', equals: 30 };
    const f = { path: 'config.days', equals: 1 };
    const u = { path: 'config.nope', equals: 1 };
    expect([v({ all: [t, t] }), v({ all: [t, f] }), v({ all: [u, f] }), v({ all: [t, u] }), v({ all: [] })]).toEqual([TRUE, FALSE, FALSE, UNKNOWN, TRUE]);
    expect([v({ any: [f, t] }), v({ any: [f, f] }), v({ any: [u, t] }), v({ any: [f, u] }), v({ any: [] })]).toEqual([TRUE, FALSE, TRUE, UNKNOWN, FALSE]);
  });

  it('a traced all records every leaf past a false; a satisfied any keeps only its true leaves', () => {
    const all = verdict({ all: [{ path: 'config.days', equals: 1 }, { path: 'config.size', equals: 5 }, { path: 'config.nope', equals: 1 }] });
    expect(all.trace.leaves.map((l) => [l.subject, l.result])).toEqual([['config.days', FALSE], ['config.size', TRUE], ['config.nope', UNKNOWN]]);
    expect(all.trace.missing).toEqual(['config.nope not collected']);
    const any = verdict({ any: [{ path: 'config.nope', equals: 1 }, { path: 'config.days', equals: 1 }, { path: 'config.size', equals: 5 }] });
    expect(any.trace.leaves.map((l) => [l.subject, l.result])).toEqual([['config.size', TRUE]]);
    expect(any.trace.missing).toEqual([]);
  });
});

describe('subjects', () => {
  it('path reads the resource: name, type, region, accountId, tags with dotted keys', () => {
    expect(v({ path: 'name', equals: 'prod-data' })).toBe(TRUE);
    expect(v({ path: 'type', equals: 'AWS::S3::Bucket' })).toBe(TRUE);
    expect(v({ path: 'region', equals: 'us-east-1' })).toBe(TRUE);
    expect(v({ path: 'accountId', equals: '111111111111' })).toBe(TRUE);
    expect(v({ path: 'tags.team.name', equals: 'payments' })).toBe(TRUE);
    expect(v({ path: 'tags.Missing', exists: false })).toBe(TRUE);
  });

  it('an uncollected config field is unknown and named; a missing non-config field is just absent', () => {
    const r = verdict({ path: 'config.nope', equals: 1 });
    expect([r.v, r.trace.missing]).toEqual([UNKNOWN, ['config.nope not collected']]);
    expect(v({ path: 'tags.Missing', equals: 'x' })).toBe(FALSE);
    expect(v({ path: 'config.empty.deeper', equals: null })).toBe(TRUE);
  });

  it('env reads the resource environment spec, with key selecting a map entry', () => {
    expect(v({ env: 'limits.days', equals: 30 })).toBe(TRUE);
    expect(v({ env: 'limits.classes', key: 'type', equals: 'gold' })).toBe(TRUE);
    expect(v({ env: 'limits.classes', key: 'name', equals: 'gold' })).toBe(UNKNOWN);
    const unset = verdict({ env: 'limits.unset', equals: 1 });
    expect([unset.v, unset.trace.missing]).toEqual([UNKNOWN, ['spec environments.production.limits.unset not set']]);
    const staging = verdict({ env: 'limits.days', equals: 30 }, { env: 'staging' });
    expect([staging.v, staging.trace.missing]).toEqual([UNKNOWN, ['spec environments.staging.limits.days not set']]);
    const none = verdict({ env: 'limits.days', equals: 30 }, { env: null });
    expect([none.v, none.trace.missing]).toEqual([UNKNOWN, ['resource has no environment']]);
  });

  it('in applicability an unset spec value is false, not unknown', () => {
    expect(v({ env: 'limits.unset', exists: true }, { specUnsetIsFalse: true })).toBe(FALSE);
    expect(v({ env: 'limits.days', equals: 30 }, { env: null, specUnsetIsFalse: true })).toBe(FALSE);
    expect(v({ path: 'config.days', equals: { env: 'limits.unset' } }, { specUnsetIsFalse: true })).toBe(FALSE);
  });

  it('spec reads the spec root', () => {
    expect(v({ spec: 'tagging.required', contains: 'Owner' })).toBe(TRUE);
    expect(v({ spec: 'tagging.required', contains: 'Team' })).toBe(FALSE);
    expect(verdict({ spec: 'tagging.nothing', exists: true }).trace.missing).toEqual([]);
    // key selects an entry of a spec map by a resource field.
    expect(v({ spec: 'environments', key: 'tags.Environment', exists: true })).toBe(TRUE);
    expect(v({ spec: 'environments', key: 'name', exists: true })).toBe(FALSE);
    expect(verdict({ spec: 'environments', key: 'name', equals: 1 }).trace.missing).toEqual(['spec environments[name] not set']);
  });

  it('item reads the current each item', () => {
    expect(v({ item: 'days', equals: 7 }, { item: { days: 7 } })).toBe(TRUE);
    expect(v({ item: 'days', equals: 7 }, { item: { days: 8 } })).toBe(FALSE);
    expect(v({ path: 'config.days', gte: { item: 'days' } }, { item: { days: 31 } })).toBe(FALSE);
  });

  it('relations lists the targets of one kind, in order; inbound the sources pointing at it', () => {
    const keys = verdict({ relations: 'kms-key', equals: ['arn:aws:kms:us-east-1:111111111111:key/k1', 'arn:aws:kms:us-east-1:111111111111:key/k2'] });
    expect(keys.v).toBe(TRUE);
    expect(keys.trace.leaves[0]!.subject).toBe('relations:kms-key');
    expect(v({ relations: 'vpc', count: { equals: 1 } })).toBe(TRUE);
    expect(v({ relations: 'notifies', count: { equals: 0 } })).toBe(TRUE);
    expect(v({ relations: 'kms-key', some: { matches: '*key/k2' } })).toBe(TRUE);
    const inbound = verdict({ inbound: 'monitors', count: { gte: 1 } });
    expect([inbound.v, inbound.reads.inbound]).toEqual([TRUE, ['monitors']]);
    expect(v({ inbound: 'logs-to', count: { gte: 1 } })).toBe(FALSE);
  });

  it('references as expected values: path, env, spec and item', () => {
    expect(v({ path: 'config.name', equals: { path: 'name' } })).toBe(TRUE);
    expect(v({ path: 'config.size', lt: { env: 'limits.days' } })).toBe(TRUE);
    expect(v({ path: 'tags.Environment', in: { spec: 'tagging.required' } })).toBe(FALSE);
    const missing = verdict({ path: 'config.days', lte: { env: 'limits.unset' } });
    expect([missing.v, missing.trace.missing, missing.trace.leaves[0]!.expected]).toEqual([UNKNOWN, ['spec environments.production.limits.unset not set'], { env: 'limits.unset' }]);
  });

  it('a config path referenced as the expected value and not collected is unknown, not an empty value', () => {
    // The list the spec requires, each element looked up in a config list the resource lacks
    // (a describe call that failed): neither a pass nor a failure.
    const uncollected = verdict({ env: 'limits.classes.AWS::S3::Bucket', in: { path: 'config.notCollected' } });
    expect([uncollected.v, uncollected.trace.missing]).toEqual([UNKNOWN, ['config.notCollected not collected']]);
    expect(v({ path: 'config.days', in: { path: 'config.list' } })).toBe(FALSE);
    expect(v({ path: 'config.size', in: { path: 'config.ports' } })).toBe(FALSE);
    expect(v({ path: 'config.days', equals: { path: 'config.days' } })).toBe(TRUE);
    // A resource field outside config (name, tags) is what the resource has: absent reads as absent.
    expect(v({ path: 'config.name', equals: { path: 'tags.Unset' } })).toBe(FALSE);
  });

  it('reports what it reads at compile time', () => {
    expect(verdict({ path: 'config.days', equals: 1 }).reads).toEqual({ env: false, config: true, resource: true });
    expect(verdict({ env: 'limits.days', equals: 1 }).reads).toEqual({ env: true, config: false });
    expect(verdict({ path: 'type', equals: 'x' }).reads).toEqual({ env: false, config: false });
    expect(verdict({ env: 'limits.classes', key: 'type', equals: 'x' }).reads).toEqual({ env: true, config: false });
    expect(verdict({ env: 'limits.classes', key: 'name', equals: 'x' }).reads).toEqual({ env: true, config: false, resource: true });
  });

  it('a comparison without an operator is a compile error naming its subject', () => {
    expect(() => verdict({ path: 'config.days' })).toThrow("condition on 'config.days' has no operator");
    expect(() => verdict({ env: 'limits.days' })).toThrow("condition on 'env:limits.days' has no operator");
  });
});

describe('traces (evidence and not-evaluated reasons)', () => {
  it('each leaf names its subject, operator, observed and expected values', () => {
    const { trace } = verdict({ all: [{ spec: 'tagging.required', exists: true }, { item: 'days', equals: 1 }, { inbound: 'monitors', count: { gte: 1 } }, { path: 'config.ports', every: { gt: 1 } }] }, { item: { days: 1 } });
    expect(trace.leaves.map(({ subject, op, observed, expected, result }) => ({ subject, op, observed, expected, result }))).toEqual([
      { subject: 'spec:tagging.required', op: 'exists', observed: ['Owner', 'CostCentre'], expected: true, result: TRUE },
      { subject: 'item:days', op: 'equals', observed: 1, expected: 1, result: TRUE },
      { subject: 'inbound:monitors', op: 'count', observed: ['arn:aws:cloudwatch:us-east-1:111111111111:alarm:a1'], expected: { gte: 1 }, result: TRUE },
      { subject: 'config.ports', op: 'every', observed: [22, 443], expected: { gt: 1 }, result: TRUE },
    ]);
    expect(trace.leaves[3]!.offending).toEqual([]);
  });

  it('a failing count states every bound, not only the first that failed', () => {
    const { trace } = verdict({ path: 'config.list', count: { gt: 5, lt: 4 } });
    expect(trace.leaves.map((l) => [l.op, l.expected, l.result])).toEqual([['count', { gt: 5, lt: 4 }, FALSE]]);
  });

  it('none records the element that matched and its inner comparison', () => {
    const { trace } = verdict({ path: 'config.ports', none: { equals: 22 } });
    expect(trace.leaves[0]!.inner).toEqual({ subject: '.', op: 'equals', observed: 22, expected: 22, result: TRUE });
  });

  it('an unknown element inside every names what was missing', () => {
    const r = prod('AWS::S3::Bucket', 'q', { config: { rules: [{ days: 5 }] } });
    const { trace } = verdict({ path: 'config.rules', every: { path: 'days', gte: { env: 'limits.unset' } } }, { resource: r });
    expect(trace.missing).toEqual(['spec environments.production.limits.unset not set']);
    expect(trace.leaves.map((l) => [l.op, l.result, l.offending])).toEqual([['every', UNKNOWN, []]]);
  });

  it('a message is carried by every comparison inside the condition that states it', () => {
    const { trace } = verdict({ message: 'retention {observed}', all: [{ path: 'config.days', equals: 1 }, { path: 'config.size', equals: 5 }] });
    expect(trace.leaves.map((l) => l.message?.source)).toEqual(['retention {observed}', 'retention {observed}']);
    const own = verdict({ message: 'outer', all: [{ message: 'inner', path: 'config.days', equals: 1 }, { path: 'config.size', equals: 5 }] });
    expect(own.trace.leaves.map((l) => l.message?.source)).toEqual(['inner', 'outer']);
    expect(verdict({ path: 'config.days', equals: 1 }).trace.leaves[0]!.message).toBeUndefined();
  });
});
