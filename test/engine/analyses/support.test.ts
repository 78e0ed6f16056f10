// The helpers the analyses share: a resource's environment, the per-position attribution,
// relation and type indexes (the context's own or computed for a hand-made context), the
// not-evaluated outcome of a collection gap, and environment ARNs and pointers.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/engine/build-context.js';
import type { EngineContext } from '../../../src/engine/context.js';
import {
  addRelationSources,
  collectionGap,
  environmentArn,
  environmentOf,
  environmentRef,
  envSpec,
  escapePointer,
  recordsOfResources,
  relationSourcesOf,
  resourcesOf,
  typePositionsOf,
} from '../../../src/engine/analyses/support.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot } from '../helpers.js';

const VOL = 'AWS::EC2::Volume';
const SNAP = 'AWS::EC2::Snapshot';
const vol = (name: string) => prod(VOL, name);
const snapOf = (name: string, ...targets: string[]) => prod(SNAP, name, { relations: targets.map((target) => ({ kind: 'snapshot-of' as const, target })) });

function contexts(resources: Resource[], errors: CollectionError[] = []): { built: EngineContext; bare: EngineContext } {
  const built = buildContext(loaded(baseSpec()), snapshot(resources, { errors }), NOW);
  // A hand-made context: no precomputed indexes, so the helpers compute them.
  const bare: EngineContext = { ...built, resourceAttribution: undefined, typePositions: undefined, relationSources: undefined };
  return { built, bare };
}

describe('indexes of a context', () => {
  // Sorted by ARN: [0] instance/i-1, [1] snapshot/s-a, [2] snapshot/s-b, [3] volume/v-1, [4] volume/v-2
  const resources = [
    vol('v-1'),
    vol('v-2'),
    snapOf('s-a', 'arn:aws:ec2:us-east-1:111111111111:volume/v-1', 'arn:aws:ec2:us-east-1:111111111111:volume/v-2'),
    prod(SNAP, 's-b', { relations: [{ kind: 'kms-key', target: 'arn:aws:kms:us-east-1:111111111111:key/k' }, { kind: 'snapshot-of', target: 'arn:aws:ec2:us-east-1:111111111111:volume/v-2' }] }),
    res('AWS::EC2::Instance', 'i-1'),
  ];

  it('type positions, computed for a hand-made context as the engine indexes them', () => {
    const { built, bare } = contexts(resources);
    const want = new Map([['AWS::EC2::Instance', [0]], [SNAP, [1, 2]], [VOL, [3, 4]]]);
    expect(new Map(typePositionsOf(bare))).toEqual(want);
    expect(new Map(typePositionsOf(built))).toEqual(want);
    // Asked again, the same answer.
    expect(new Map(typePositionsOf(bare))).toEqual(want);
  });

  it('relation sources: each resource once per kind, ascending', () => {
    const { built, bare } = contexts(resources);
    const want = new Map([['snapshot-of', [1, 2]], ['kms-key', [2]]]);
    expect(new Map(relationSourcesOf(bare))).toEqual(want);
    expect(new Map(relationSourcesOf(built))).toEqual(want);
    expect(new Map(relationSourcesOf(bare))).toEqual(want);
  });

  it('addRelationSources adds a position once per kind, whatever the number of relations', () => {
    const sources = new Map<string, number[]>();
    addRelationSources(sources, snapOf('x', 'a', 'b', 'c'), 4);
    addRelationSources(sources, snapOf('y', 'a'), 7);
    addRelationSources(sources, vol('none'), 8);
    expect(sources).toEqual(new Map([['snapshot-of', [4, 7]]]));
  });

  it('attribution per position, computed for a hand-made context', () => {
    const { built, bare } = contexts(resources);
    const envs = (ctx: EngineContext) => recordsOfResources(ctx).map((r) => r?.environment ?? null);
    expect(envs(bare)).toEqual([null, 'production', 'production', 'production', 'production']);
    expect(envs(built)).toEqual([null, 'production', 'production', 'production', 'production']);
    expect(envs(bare)).toEqual([null, 'production', 'production', 'production', 'production']);
  });

  it("a context's own indexes are used as given (a sharded scan's context brings its own)", () => {
    const { built } = contexts(resources);
    const own: EngineContext = {
      ...built,
      typePositions: new Map([[VOL, [4]]]),
      relationSources: new Map([['kms-key', [2]]]),
      resourceAttribution: [undefined, undefined, undefined, undefined, undefined],
    };
    expect(new Map(typePositionsOf(own))).toEqual(new Map([[VOL, [4]]]));
    expect(new Map(relationSourcesOf(own))).toEqual(new Map([['kms-key', [2]]]));
    expect(recordsOfResources(own)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('envSpec of no environment is none, even beside an environment named "null"', () => {
    const spec = baseSpec();
    spec.environments.null = spec.environments.staging!;
    const ctx = buildContext(loaded(spec), snapshot([]), NOW);
    expect(envSpec(ctx, null)).toBeUndefined();
    expect(envSpec(ctx, 'null')).toBe(spec.environments.null);
  });

  it('environmentOf, resourcesOf and envSpec', () => {
    const { built } = contexts(resources);
    expect(environmentOf(built, 'arn:aws:ec2:us-east-1:111111111111:volume/v-1')).toBe('production');
    expect(environmentOf(built, 'arn:aws:ec2:us-east-1:111111111111:instance/i-1')).toBe(null);
    expect(environmentOf(built, 'arn:aws:ec2:us-east-1:111111111111:volume/none')).toBe(null);
    expect(resourcesOf(built, VOL).map((r) => r.name)).toEqual(['v-1', 'v-2']);
    expect(resourcesOf(built, 'AWS::S3::Bucket')).toEqual([]);
    expect(envSpec(built, 'production')?.accounts).toEqual([{ id: PROD_ACCOUNT }]);
    expect(envSpec(built, null)).toBeUndefined();
  });
});

describe('collectionGap', () => {
  const err = (over: Partial<CollectionError> = {}): CollectionError => ({ accountId: PROD_ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeVolumes', code: 'AccessDenied', message: 'denied', affects: [VOL], ...over });
  const v = vol('v-1');

  it('errors of the type in the resource\'s account and region, or about the resource itself, make it not evaluated', () => {
    const { built } = contexts([v], [err(), err({ code: 'Throttling', message: 'slow', resourceArn: v.arn })]);
    expect(collectionGap(built, v, 'volume size')).toEqual({
      status: 'not-evaluated',
      arn: v.arn,
      message: "AWS::EC2::Volume 'v-1': volume size not evaluated",
      evidence: {},
      reason: 'collection error ec2:DescribeVolumes AccessDenied in 111111111111/us-east-1: denied; collection error ec2:DescribeVolumes Throttling in 111111111111/us-east-1: slow',
    });
  });

  it('an error about another resource, or elsewhere, leaves it known', () => {
    const { built } = contexts([v], [err({ resourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/other' }), err({ region: 'eu-west-1' }), err({ affects: ['AWS::S3::Bucket'] })]);
    expect(collectionGap(built, v, 'volume size')).toBeUndefined();
  });
});

describe('environment references', () => {
  it('an environment has its own ARN and reference; pointers escape ~ and /', () => {
    expect(environmentArn('prod/eu')).toBe('arn:aws:envgate:::environment/prod/eu');
    expect(environmentRef('production')).toEqual({ accountId: '', region: 'global', type: 'envgate::Environment', name: 'production', environment: 'production' });
    expect(escapePointer('a~b/c~/d')).toBe('a~0b~1c~0~1d');
    expect(escapePointer('plain')).toBe('plain');
  });
});
