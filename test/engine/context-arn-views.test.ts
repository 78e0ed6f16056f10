import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { evaluateWithContext } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import type { Principal } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from './helpers.js';

const role = (name: string, tags: Record<string, string>): Principal => ({
  arn: `arn:aws:iam::111111111111:role/${name}`,
  accountId: '111111111111',
  kind: 'role',
  name,
  path: '/',
  tags,
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
});

// byArn and attribution are views over one ARN -> position index: they must read exactly
// like the Maps they replace (last duplicate wins, principals only in attribution, first
// principal of an ARN wins, insertion order).
describe('context ARN lookups', () => {
  it('behave like Maps filled in snapshot order', () => {
    const a = prod('AWS::S3::Bucket', 'a');
    const b1 = res('AWS::S3::Bucket', 'b', { tags: { Environment: 'staging' } });
    const b2 = { ...b1, tags: { Environment: 'production' } };
    const snap = snapshot([a]);
    snap.resources.push(b1, b2);
    const asResource = role('x', {});
    snap.resources.push(res('AWS::IAM::Role', 'x', { arn: asResource.arn, tags: { Environment: 'production' } }));
    snap.principals = [role('p', { Environment: 'staging' }), role('p', { Environment: 'production' }), { ...asResource, tags: { Environment: 'staging' } }];
    const ctx = buildContext(loaded(baseSpec()), snap, NOW);

    expect(ctx.byArn.size).toBe(3);
    expect([...ctx.byArn.keys()]).toEqual([a.arn, b1.arn, asResource.arn]);
    expect(ctx.byArn.get(b1.arn)).toBe(b2);
    expect(ctx.byArn.has(role('p', {}).arn)).toBe(false);
    expect(ctx.byArn.get('arn:aws:s3:::nope')).toBeUndefined();

    expect(ctx.attribution.size).toBe(4);
    expect([...ctx.attribution].map(([k, v]) => [k, v.environment])).toEqual([
      [a.arn, 'production'],
      [b1.arn, 'production'],
      [asResource.arn, 'production'],
      [role('p', {}).arn, 'staging'],
    ]);
    // Every resource position reads its ARN's record, duplicates included.
    expect(ctx.resourceAttribution?.map((r) => r?.environment)).toEqual(['production', 'production', 'production', 'production']);
    const seen: string[] = [];
    ctx.attribution.forEach((_v, k) => seen.push(k));
    expect(seen).toEqual([...ctx.attribution.keys()]);
    expect([...ctx.byArn.values()]).toEqual([a, b2, snap.resources[3]]);
  });

  it('name each of a duplicated ARN\'s resources in its own results, with the ARN\'s environment', () => {
    // A merged or re-collected snapshot can hold one ARN twice: each copy's checks
    // describe that copy (its name), and share the ARN's environment and fingerprint.
    const first = prod('AWS::S3::Bucket', 'data', { tags: { Environment: 'production', Owner: 'a' } });
    const second = { ...first, name: 'data-again', tags: { Environment: 'production' } };
    const snap = snapshot([first]);
    snap.resources.push(prod('AWS::S3::Bucket', 'other'), second);
    const ctx = buildContext(loaded(baseSpec({ tagging: { required: ['Owner'] } })), snap, NOW);
    const ev = evaluateWithContext(ctx, loadRules().filter((r) => r.meta.id === 'required-tags'));
    const about = ev.results.filter((r) => r.resource.arn === first.arn);
    expect(about.map((r) => [r.status, r.resource.name, r.resource.environment])).toEqual([
      ['fail', 'data-again', 'production'],
      ['pass', 'data', 'production'],
    ]);
    expect(about[0]!.fingerprint).toBe(about[1]!.fingerprint);
  });
});
