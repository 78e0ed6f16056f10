// Evaluation.attribution is built on first read: it must still be an enumerable property
// in its place (JSON and deep equality see it), sorted by ARN with principals merged in.
import { describe, expect, it } from 'vitest';
import { lazyAttributionTable } from '../../src/engine/attribution-table.js';
import type { AttributionRecord } from '../../src/engine/context.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Evaluation } from '../../src/model/result.js';
import type { Principal } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

describe('Evaluation.attribution', () => {
  it('is an enumerable, ARN-sorted record of resources and principals', () => {
    const role: Principal = { arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/app`, accountId: STAGING_ACCOUNT, kind: 'role', name: 'app', path: '/', tags: { Environment: 'staging' }, groups: [], attachedPolicies: [], inlinePolicies: [] };
    const a = prod('AWS::S3::Bucket', 'a', { arn: 'arn:aws:s3:::a' });
    const z = res('AWS::SQS::Queue', 'z', { accountId: '999999999999' });
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([z, a], { principals: [role] }), rules: [], now: NOW });
    expect(Object.keys(ev)).toEqual(['results', 'rules', 'accessMatrix', 'costs', 'attribution']);
    const parsed = JSON.parse(JSON.stringify(ev)) as { attribution: Record<string, string | null> };
    expect(Object.entries(parsed.attribution)).toEqual([
      [role.arn, 'staging'],
      [a.arn, 'production'],
      [z.arn, null],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
    expect(ev.attribution).toBe(ev.attribution);
  });
});

describe('lazyAttributionTable', () => {
  const rec = (environment: string | null): AttributionRecord => ({ environment, evidence: [], conflict: false });
  const tableOf = (entries: [string, string | null][]): Record<string, string | null> => {
    const ev = { results: [] } as unknown as Evaluation;
    lazyAttributionTable(ev, new Map(entries.map(([k, env]) => [k, rec(env)])));
    return ev.attribution!;
  };

  it('keeps a sorted map in its order, environments and nulls as they are', () => {
    expect(Object.entries(tableOf([['a', 'production'], ['b', null], ['c', 'staging']]))).toEqual([['a', 'production'], ['b', null], ['c', 'staging']]);
    expect(Object.entries(tableOf([['only', 'staging']]))).toEqual([['only', 'staging']]);
    expect(tableOf([])).toEqual({});
  });

  it('merges two ascending runs (resources, then principals) into ARN order', () => {
    // The second run ends first, then the first run's tail is copied.
    expect(Object.keys(tableOf([['b', 'x'], ['d', 'x'], ['e', 'x'], ['a', 'y'], ['c', 'y']]))).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The first run ends first, then the second run's tail is copied.
    expect(Object.keys(tableOf([['a', 'x'], ['c', 'x'], ['b', 'y'], ['d', 'y'], ['e', 'y']]))).toEqual(['a', 'b', 'c', 'd', 'e']);
    // A second run of one entry.
    expect(Object.entries(tableOf([['b', 'x'], ['c', null], ['a', 'y']]))).toEqual([['a', 'y'], ['b', 'x'], ['c', null]]);
    // A first run of one entry.
    expect(Object.entries(tableOf([['c', 'x'], ['a', 'y'], ['b', null]]))).toEqual([['a', 'y'], ['b', null], ['c', 'x']]);
  });

  it('sorts any other order', () => {
    expect(Object.entries(tableOf([['b', 'x'], ['a', 'y'], ['d', null], ['c', 'z']]))).toEqual([['a', 'y'], ['b', 'x'], ['c', 'z'], ['d', null]]);
    expect(Object.keys(tableOf([['e', 'x'], ['d', 'x'], ['c', 'x'], ['b', 'x'], ['a', 'x']]))).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Code-unit order: upper case before lower case, whatever the locale.
    expect(Object.keys(tableOf([['b', 'x'], ['a', 'x'], ['B', 'x'], ['A', 'x']]))).toEqual(['A', 'B', 'a', 'b']);
  });

  it('is an enumerable property, built on first read and then kept, that a write replaces', () => {
    let reads = 0;
    const attribution = new Map([['arn:b', rec('staging')], ['arn:a', rec(null)]]);
    const counting = { [Symbol.iterator]: () => (reads++, attribution[Symbol.iterator]()) } as unknown as Map<string, AttributionRecord>;
    const ev = { results: [] } as unknown as Evaluation;
    lazyAttributionTable(ev, counting);
    expect(reads).toBe(0);
    expect(Object.getOwnPropertyDescriptor(ev, 'attribution')).toMatchObject({ enumerable: true, configurable: true });
    const first = ev.attribution;
    expect(first).toEqual({ 'arn:a': null, 'arn:b': 'staging' });
    expect(ev.attribution).toBe(first);
    expect(reads).toBe(1);
    expect(JSON.stringify(ev)).toBe('{"results":[],"attribution":{"arn:a":null,"arn:b":"staging"}}');
    ev.attribution = { 'arn:z': 'production' };
    expect(ev.attribution).toEqual({ 'arn:z': 'production' });
    expect(reads).toBe(1);
    delete (ev as { attribution?: unknown }).attribution;
    expect('attribution' in ev).toBe(false);
  });
});
