// environmentErrors: the collection errors that leave an environment's priced types
// incomplete: its accounts (the spec's, else its resources'), its regions (the spec's
// and its resources', 'global' for global types), its own resources' errors only, once
// each, in a stable order.
import { describe, expect, it } from 'vitest';
import { environmentErrors } from '../../../src/engine/analyses/cost-ceiling.js';
import { collectionError, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const EC2 = 'AWS::EC2::Instance';
const ZONE = 'AWS::Route53::HostedZone';

describe('environmentErrors', () => {
  it('is empty without errors', () => {
    const ctx = makeContext({ spec: makeSpec({ production: envSpec({}) }), resources: [res(EC2, 'a', 'production')] });
    expect(environmentErrors(ctx, 'production', [EC2])).toEqual([]);
  });

  it('takes the accounts and regions of the environment\'s resources when the spec names none', () => {
    const spec = makeSpec({ production: envSpec({ accounts: [], regions: [] }), staging: envSpec({ accounts: [], regions: [] }) });
    const mine = res(EC2, 'mine', 'production', {}, { accountId: 'A', region: 'us-west-2' });
    const theirs = res(EC2, 'theirs', 'staging', {}, { accountId: 'A', region: 'us-west-2' });
    const e = (over: Parameters<typeof collectionError>[1], affects = [EC2]) => collectionError(affects, { accountId: 'A', region: 'us-west-2', ...over });
    const inRegion = e({});
    const otherAccount = e({ accountId: 'B' });
    const otherRegion = e({ region: 'eu-west-1' });
    const zones = e({ region: 'global', service: 'route53', operation: 'ListHostedZones' }, [ZONE]);
    const ofMine = e({ operation: 'DescribeInstanceAttribute', resourceArn: mine.arn });
    const ofTheirs = e({ operation: 'DescribeInstanceAttribute', resourceArn: theirs.arn });
    const unreachable = e({ service: 'sts', operation: 'AssumeRole' }, ['*']);
    const ctx = makeContext({ spec, resources: [mine, theirs], errors: [ofTheirs, unreachable, zones, otherRegion, inRegion, otherAccount, ofMine, { ...inRegion }] });
    expect(environmentErrors(ctx, 'production', [EC2, ZONE])).toEqual([zones, ofMine, inRegion, unreachable]);
  });

  it('looks in every account and region for an environment with none known', () => {
    const spec = makeSpec({ production: envSpec({ accounts: [], regions: [] }) });
    const anywhere = collectionError([EC2], { accountId: 'Z', region: 'eu-west-1' });
    const ctx = makeContext({ spec, resources: [], errors: [anywhere] });
    expect(environmentErrors(ctx, 'production', [EC2])).toEqual([anywhere]);
  });

  it('takes the spec\'s accounts over its resources\' and adds the spec\'s regions to theirs', () => {
    const spec = makeSpec({ production: envSpec({ accounts: [{ id: 'S' }], regions: ['eu-west-1'] }) });
    const r = res(EC2, 'r', 'production', {}, { accountId: 'R', region: 'us-west-2' });
    const specRegion = collectionError([EC2], { accountId: 'S', region: 'eu-west-1' });
    const resourceRegion = collectionError([EC2], { accountId: 'S', region: 'us-west-2' });
    const resourceAccount = collectionError([EC2], { accountId: 'R', region: 'us-west-2' });
    const ctx = makeContext({ spec, resources: [r], errors: [resourceAccount, resourceRegion, specRegion] });
    expect(environmentErrors(ctx, 'production', [EC2])).toEqual([specRegion, resourceRegion]);
  });
});
