// matchExclusions on its own: which resources and principals each exclusion takes out
// (ARNs, snapshot positions, the listed entries) and the notices about the exclusions.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { exclusionExpired, matchExclusions } from '../../src/engine/exclusions.js';
import { SpecLocator } from '../../src/engine/spec-location.js';
import type { Principal, Resource } from '../../src/model/snapshot.js';
import type { Exclusion, LoadedSpec } from '../../src/model/spec.js';
import { baseSpec, loaded, NOW, prod, res, snapshot, STAGING_ACCOUNT } from './helpers.js';

const role = (name: string, tags: Record<string, string> = {}): Principal => ({
  arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/${name}`,
  accountId: STAGING_ACCOUNT,
  kind: 'role',
  name,
  path: '/',
  tags,
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
});

/** The spec with `exclude`, each exclusion i written at line 10 + i (or nowhere: `positions: false`). */
function specWith(exclude: Exclusion[], positions = true): LoadedSpec {
  const l = loaded(baseSpec({ exclude }), 'specs/envgate.yaml');
  l.positions = {};
  if (positions) exclude.forEach((_x, i) => (l.positions[`/exclude/${i}`] = { line: 10 + i, column: 5 }));
  return l;
}

const loc = (i: number) => ({ file: 'specs/envgate.yaml', line: 10 + i, column: 5, path: `/exclude/${i}` });

function match(exclude: Exclusion[], resources: Resource[], principals: Principal[] = [], opts: { positions?: boolean; now?: Date; duplicates?: Resource[] } = {}) {
  const spec = specWith(exclude, opts.positions ?? true);
  const snap = snapshot(resources, { principals });
  // Duplicates go after the sorted list, as a merged snapshot can hold them.
  snap.resources.push(...(opts.duplicates ?? []));
  const ctx = buildContext(spec, snap, opts.now ?? NOW);
  return { x: matchExclusions(ctx, new SpecLocator(spec)), resources: snap.resources };
}

describe('exclusionExpired', () => {
  it('lapses from the UTC day of expires on, never without expires', () => {
    const x = (expires?: string): Exclusion => ({ reason: 'r', ...(expires ? { expires } : {}) });
    expect(exclusionExpired(x('2025-01-02'), new Date('2025-01-01T23:59:59Z'))).toBe(false);
    expect(exclusionExpired(x('2025-01-02'), new Date('2025-01-02T00:00:00Z'))).toBe(true);
    expect(exclusionExpired(x('2025-01-02'), new Date('2025-03-01T00:00:00Z'))).toBe(true);
    expect(exclusionExpired(x(), new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('matchExclusions', () => {
  const bucket = prod('AWS::S3::Bucket', 'legacy-logs');
  const orders = prod('AWS::S3::Bucket', 'orders');
  const queue = res('AWS::SQS::Queue', 'legacy-queue');

  it('takes out nothing and says nothing without exclusions', () => {
    const { x } = match([], [bucket, orders]);
    expect(x.excluded).toEqual([]);
    expect([...x.arns]).toEqual([]);
    expect([...x.positions]).toEqual([]);
    expect(x.notices).toEqual([]);
    const l = loaded(baseSpec());
    delete l.spec.exclude;
    const none = matchExclusions(buildContext(l, snapshot([bucket, orders]), NOW), new SpecLocator(l));
    expect([none.excluded, [...none.arns], [...none.positions], none.notices]).toEqual([[], [], [], []]);
  });

  it('lists an excluded resource with its exclusion, owner, expiry and location', () => {
    const { x, resources } = match([{ type: 'AWS::S3::Bucket', name: 'legacy-*', reason: 'retired', owner: 'platform', expires: '2025-06-30' }], [bucket, orders, queue]);
    expect(x.excluded).toStrictEqual([
      {
        arn: bucket.arn,
        accountId: '111111111111',
        region: 'us-east-1',
        type: 'AWS::S3::Bucket',
        name: 'legacy-logs',
        environment: 'production',
        exclusion: 0,
        reason: 'retired',
        owner: 'platform',
        expires: '2025-06-30',
        specLocation: loc(0),
      },
    ]);
    expect([...x.arns]).toEqual([bucket.arn]);
    expect([...x.positions]).toEqual([resources.indexOf(bucket)]);
    expect(x.notices).toEqual([]);
  });

  it('leaves out owner, expiry and location when there are none', () => {
    const { x } = match([{ arn: queue.arn, reason: 'old' }], [bucket, queue], [], { positions: false });
    expect(x.excluded).toStrictEqual([
      { arn: queue.arn, accountId: '111111111111', region: 'us-east-1', type: 'AWS::SQS::Queue', name: 'legacy-queue', environment: null, exclusion: 0, reason: 'old' },
    ]);
  });

  it('needs every pattern given to match: type, name and arn', () => {
    const names = (exclude: Exclusion[]) => match(exclude, [bucket, orders, queue]).x.excluded.map((e) => e.name);
    expect(names([{ name: 'legacy-*', reason: 'r' }])).toEqual(['legacy-logs', 'legacy-queue']);
    expect(names([{ type: 'AWS::SQS::Queue', name: 'legacy-*', reason: 'r' }])).toEqual(['legacy-queue']);
    expect(names([{ arn: 'arn:aws:s3:*', reason: 'r' }])).toEqual(['legacy-logs', 'orders']);
    expect(names([{ name: 'orders', arn: 'arn:aws:sqs:*', reason: 'r' }])).toEqual([]);
    expect(names([{ name: 'legacy-*', arn: 'arn:aws:sqs:*', reason: 'r' }])).toEqual(['legacy-queue']);
    expect(names([{ type: 'AWS::SNS::Topic', reason: 'r' }])).toEqual([]);
  });

  it('takes the positions of the excluded resources only', () => {
    const { x, resources } = match([{ type: 'AWS::S3::Bucket', name: 'legacy-*', reason: 'r' }], [bucket, orders, queue]);
    expect([...x.positions]).toEqual([resources.indexOf(bucket)]);
  });

  it('excludes every copy of a duplicated ARN, also a copy whose own name matches no exclusion', () => {
    // Position 0: 'keep-me' (no match), 1: 'legacy-logs' (match), 2: 'keep-me-too' (no match).
    const first = prod('AWS::S3::Bucket', 'keep-me');
    const { x, resources } = match([{ name: 'legacy-*', reason: 'r' }], [first, orders], [], { duplicates: [{ ...first, name: 'legacy-logs' }, { ...first, name: 'keep-me-too' }] });
    expect(resources.map((r) => r.name)).toEqual(['keep-me', 'orders', 'legacy-logs', 'keep-me-too']);
    expect([...x.positions].sort()).toEqual([0, 2, 3]);
    expect(x.excluded.map((e) => [e.name, e.exclusion])).toEqual([['legacy-logs', 0]]);
    expect([...x.arns]).toEqual([first.arn]);
  });

  it('excludes every copy when each matches, listing the first', () => {
    const first = prod('AWS::S3::Bucket', 'legacy-a');
    const { x } = match([{ name: 'legacy-*', reason: 'r' }], [first], [], { duplicates: [{ ...first, name: 'legacy-b' }, { ...first, name: 'legacy-c' }] });
    expect([...x.positions].sort()).toEqual([0, 1, 2]);
    expect(x.excluded.map((e) => e.name)).toEqual(['legacy-a']);
  });

  it('takes out principals that are no resource, by their IAM type, with region global', () => {
    const app = role('legacy-app', { Environment: 'staging' });
    const { x } = match([{ type: 'AWS::IAM::Role', name: 'legacy-*', reason: 'r' }], [bucket], [app, role('current')]);
    expect(x.excluded).toStrictEqual([
      { arn: app.arn, accountId: STAGING_ACCOUNT, region: 'global', type: 'AWS::IAM::Role', name: 'legacy-app', environment: 'staging', exclusion: 0, reason: 'r', specLocation: loc(0) },
    ]);
    expect([...x.arns]).toEqual([app.arn]);
    expect([...x.positions]).toEqual([]);
    const user: Principal = { ...role('old'), kind: 'user', arn: `arn:aws:iam::${STAGING_ACCOUNT}:user/old` };
    const group: Principal = { ...role('old'), kind: 'group', arn: `arn:aws:iam::${STAGING_ACCOUNT}:group/old` };
    expect(match([{ type: 'AWS::IAM::User', reason: 'r' }], [], [user, group]).x.excluded.map((e) => [e.arn, e.type])).toEqual([[user.arn, 'AWS::IAM::User']]);
    expect(match([{ type: 'AWS::IAM::Group', reason: 'r' }], [], [user, group]).x.excluded.map((e) => [e.arn, e.type])).toEqual([[group.arn, 'AWS::IAM::Group']]);
  });

  it('judges a principal that is also a resource as the resource, once', () => {
    const app = role('legacy-app');
    const asResource = res('AWS::IAM::Role', 'legacy-app', { arn: app.arn, accountId: STAGING_ACCOUNT, region: 'us-east-1' });
    const { x, resources } = match([{ name: 'legacy-*', reason: 'r' }], [asResource], [app]);
    expect(x.excluded.map((e) => [e.arn, e.region])).toEqual([[app.arn, 'us-east-1']]);
    expect([...x.positions]).toEqual([resources.indexOf(asResource)]);
    // Matched once: an expired exclusion counts it as one resource.
    const lapsed = match([{ name: 'legacy-*', reason: 'r', expires: '2024-01-01' }], [asResource], [app]).x;
    expect(lapsed.notices.map((n) => n.message)).toEqual(['exclusion specs/envgate.yaml:10 expired on 2024-01-01: its 1 resource(s) are checked again']);
  });

  it('lists the excluded sorted by ARN, whatever the order of types and principals', () => {
    const app = role('legacy-app');
    const zqueue = res('AWS::SQS::Queue', 'legacy-z', { arn: 'arn:aws:sqs:us-east-1:111111111111:legacy-z' });
    const abucket = prod('AWS::S3::Bucket', 'legacy-a', { arn: 'arn:aws:s3:::legacy-a' });
    // Principals are taken after the resources, though their ARNs sort first.
    const { x } = match([{ name: 'legacy-*', reason: 'r' }], [zqueue, abucket], [app]);
    expect(x.excluded.map((e) => e.arn)).toEqual([app.arn, abucket.arn, zqueue.arn]);
    // Types in the order a snapshot gives them: here the queue's first.
    const { x: y } = match([{ type: 'AWS::SQS::Queue', reason: 'r' }, { type: 'AWS::S3::Bucket', reason: 'r' }], [], [], {
      duplicates: [zqueue, abucket],
    });
    expect(y.excluded.map((e) => e.arn)).toEqual([abucket.arn, zqueue.arn]);
  });

  it('lists the first active matching exclusion and counts every match', () => {
    const { x } = match(
      [
        { name: 'legacy-logs', reason: 'lapsed', expires: '2024-12-31' },
        { type: 'AWS::S3::Bucket', reason: 'buckets' },
        { name: 'legacy-*', reason: 'legacy' },
      ],
      [bucket, orders, queue],
    );
    expect(x.excluded.map((e) => [e.name, e.exclusion, e.reason])).toEqual([
      ['legacy-logs', 1, 'buckets'],
      ['orders', 1, 'buckets'],
      ['legacy-queue', 2, 'legacy'],
    ]);
    expect(x.notices).toStrictEqual([
      { exclusion: 0, specLocation: loc(0), level: 'warn', code: 'exclusion-expired', message: 'exclusion specs/envgate.yaml:10 expired on 2024-12-31: its 1 resource(s) are checked again' },
    ]);
  });

  it('an expired exclusion takes nothing out, and says how many it matched', () => {
    const { x } = match([{ name: 'legacy-*', reason: 'r', expires: '2025-01-01' }], [bucket, orders, queue]);
    expect(x.excluded).toEqual([]);
    expect([...x.positions]).toEqual([]);
    expect([...x.arns]).toEqual([]);
    expect(x.notices).toStrictEqual([
      { exclusion: 0, specLocation: loc(0), level: 'warn', code: 'exclusion-expired', message: 'exclusion specs/envgate.yaml:10 expired on 2025-01-01: its 2 resource(s) are checked again' },
    ]);
  });

  it('words an expired exclusion that matches nothing, and an unused one, at their lines', () => {
    const { x } = match(
      [
        { name: 'legacy-*', reason: 'r' },
        { name: 'gone-*', reason: 'r', expires: '2024-06-01' },
        { name: 'nothing-*', reason: 'r' },
      ],
      [bucket],
    );
    expect(x.notices).toStrictEqual([
      { exclusion: 1, specLocation: loc(1), level: 'warn', code: 'exclusion-expired', message: 'exclusion specs/envgate.yaml:11 expired on 2024-06-01' },
      { exclusion: 2, specLocation: loc(2), level: 'info', code: 'exclusion-unused', message: 'exclusion specs/envgate.yaml:12 matches no resource: remove it if the resources are gone' },
    ]);
  });

  it('names an exclusion by its pointer when the spec has no position for it', () => {
    const { x } = match([{ name: 'a-*', reason: 'r' }, { name: 'b-*', reason: 'r', expires: '2024-06-01' }], [bucket], [], { positions: false });
    expect(x.notices).toStrictEqual([
      { exclusion: 0, level: 'info', code: 'exclusion-unused', message: 'exclusion /exclude/0 matches no resource: remove it if the resources are gone' },
      { exclusion: 1, level: 'warn', code: 'exclusion-expired', message: 'exclusion /exclude/1 expired on 2024-06-01' },
    ]);
  });
});
