// The exemption index on its own: which resources and principals a rule's `exempt` kinds
// leave out (furniture, team principals, inherited resources), with which reason, in the
// order of the kinds asked; and when it cannot be told whether a resource inherits.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import { exemptEvidence, exemptionsOf, exemptPass, teamClaims } from '../../src/engine/exemptions.js';
import type { CollectionError, Principal, Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot } from './helpers.js';

const principal = (kind: Principal['kind'], name: string, over: Partial<Principal> = {}): Principal => ({
  arn: `arn:aws:iam::${PROD_ACCOUNT}:${kind}/${name}`,
  accountId: PROD_ACCOUNT,
  kind,
  name,
  path: '/',
  tags: {},
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
  ...over,
});

function index(resources: Resource[], opts: { principals?: Principal[]; errors?: CollectionError[]; edit?: (s: Spec) => void } = {}) {
  const spec = baseSpec();
  opts.edit?.(spec);
  const snap = snapshot(resources, { principals: opts.principals ?? [], errors: opts.errors ?? [] });
  const ctx = buildContext(loaded(spec), snap, NOW);
  return { x: exemptionsOf(ctx), at: (r: Resource) => snap.resources.indexOf(r) };
}

const DEFAULT_VPC_REASON = 'account furniture: the default VPC AWS creates in every region of an account';

describe('exemptionsOf: furniture', () => {
  const vpc = res('AWS::EC2::VPC', 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true } });
  const bucket = prod('AWS::S3::Bucket', 'data');

  it('leaves furniture out with its code and reason, by position and by ARN', () => {
    const { x, at } = index([vpc, bucket]);
    const want = { kind: 'furniture', code: 'default-vpc', reason: DEFAULT_VPC_REASON };
    expect(x.at(['furniture'], at(vpc))).toEqual(want);
    expect(x.of(['furniture'], vpc.arn)).toEqual(want);
    expect(Object.isFrozen(x.at(['furniture'], at(vpc)))).toBe(true);
    expect(x.at(['furniture'], at(bucket))).toBeUndefined();
    expect(x.of(['furniture'], bucket.arn)).toBeUndefined();
    // Only for the kinds asked.
    expect(x.at(['team-principal', 'inherited'], at(vpc))).toBeUndefined();
    expect(x.of([], vpc.arn)).toBeUndefined();
    expect(x.of(['furniture'], 'arn:aws:s3:::nothing')).toBeUndefined();
  });

  it('leaves no furniture out with furniture: include', () => {
    const { x, at } = index([vpc], { edit: (s) => void (s.furniture = 'include') });
    expect(x.at(['furniture'], at(vpc))).toBeUndefined();
    expect(x.of(['furniture'], vpc.arn)).toBeUndefined();
  });

  it("knows the default VPCs by id for their internet gateways", () => {
    const igw = (name: string, vpcId: string) => res('AWS::EC2::InternetGateway', name, { config: { attachedVpcIds: [vpcId] } });
    const onDefault = igw('igw-d', 'vpc-d');
    const onOther = igw('igw-c', 'vpc-c');
    const custom = res('AWS::EC2::VPC', 'vpc-c', { config: { vpcId: 'vpc-c', isDefault: false } });
    const { x, at } = index([vpc, custom, onDefault, onOther]);
    expect(x.at(['furniture'], at(onDefault))?.code).toBe('default-internet-gateway');
    expect(x.at(['furniture'], at(onOther))).toBeUndefined();
    // A default VPC without its id names no gateway's VPC.
    const noId = res('AWS::EC2::VPC', 'vpc-x', { config: { isDefault: true } });
    const gw = igw('igw-x', 'undefined');
    const second = index([noId, gw]);
    expect(second.x.at(['furniture'], second.at(gw))).toBeUndefined();
    expect(second.x.at(['furniture'], second.at(noId))?.code).toBe('default-vpc');
  });
});

describe('exemptionsOf: team principals', () => {
  const teams = (s: Spec) => {
    s.teams = {
      platform: { principals: [{ name: 'ops-*' }] },
      data: { principals: [{ name: 'ops-admin' }, { name: 'analysts' }] },
      empty: { principals: [] },
    };
  };

  it('leaves out the principals a team claims, naming the teams in order', () => {
    const admin = principal('role', 'ops-admin');
    const other = principal('role', 'app');
    const { x } = index([], { principals: [admin, other], edit: teams });
    expect(x.of(['team-principal'], admin.arn)).toEqual({
      kind: 'team-principal',
      code: 'team-principal',
      reason: 'team principal of data, platform: not an environment resource; the access matrix judges its access',
      teams: ['data', 'platform'],
    });
    expect(x.of(['team-principal'], other.arn)).toBeUndefined();
    expect(x.of(['furniture', 'inherited'], admin.arn)).toBeUndefined();
  });

  it('a principal that is also a resource: at its position, the first kind asked that applies', () => {
    // A service-linked role is furniture; claimed by a team it is a team principal too.
    const path = '/aws-service-role/ops.amazonaws.com/';
    const asResource = res('AWS::IAM::Role', 'ops-linked', { arn: `arn:aws:iam::${PROD_ACCOUNT}:role${path}ops-linked`, region: 'global', config: { path } });
    const p = principal('role', 'ops-linked', { arn: asResource.arn, path });
    const { x, at } = index([asResource], { principals: [p], edit: teams });
    expect(x.at(['team-principal', 'furniture'], at(asResource))?.code).toBe('team-principal');
    expect(x.at(['furniture', 'team-principal'], at(asResource))?.code).toBe('service-linked-role');
    expect(x.of(['team-principal'], asResource.arn)?.teams).toEqual(['platform']);
    expect(x.at(['team-principal'], at(asResource))?.teams).toEqual(['platform']);
  });
});

describe('teamClaims', () => {
  it('claims matched principals, and the users of a matched group, per team', () => {
    const group = principal('group', 'analysts');
    const inGroup = principal('user', 'alice', { groups: [group.arn] });
    const outside = principal('user', 'bob', { groups: [`arn:aws:iam::${PROD_ACCOUNT}:group/other`] });
    const roleInName = principal('role', 'analysts-role', { groups: [group.arn] });
    const claims = teamClaims([group, inGroup, outside, roleInName], {
      zeta: { principals: [{ name: 'analysts' }] },
      alpha: { principals: [{ name: 'alice' }, { name: 'bob' }] },
      none: {},
    });
    expect([...claims]).toEqual([
      [inGroup.arn, ['alpha', 'zeta']],
      [outside.arn, ['alpha']],
      [group.arn, ['zeta']],
    ]);
    // A user in several groups, one of them claimed.
    const twoGroups = principal('user', 'carol', { groups: [`arn:aws:iam::${PROD_ACCOUNT}:group/other`, group.arn] });
    expect([...teamClaims([group, twoGroups], { t: { principals: [{ name: 'analysts' }] } })]).toEqual([
      [group.arn, ['t']],
      [twoGroups.arn, ['t']],
    ]);
    // A matched user claims nobody else.
    expect([...teamClaims([inGroup, outside], { t: { principals: [{ name: 'alice' }] } })]).toEqual([[inGroup.arn, ['t']]]);
  });
});

describe('exemptionsOf: inherited resources', () => {
  const vol = res('AWS::EC2::Volume', 'vol-root');
  const tagged = res('AWS::EC2::Volume', 'vol-data', { tags: { Owner: 'db' } });
  const own = prod('AWS::EC2::Volume', 'vol-own');
  const web = prod('AWS::EC2::Instance', 'web', {
    relations: [
      { kind: 'volume', target: vol.arn },
      { kind: 'volume', target: tagged.arn },
      { kind: 'volume', target: own.arn },
    ],
  });

  it('leaves out an untagged resource whose environment comes only through what it belongs to', () => {
    const { x, at } = index([web, vol, tagged, own]);
    expect(x.at(['inherited'], at(vol))).toEqual({
      kind: 'inherited',
      code: 'inherited',
      reason: 'no tags of its own; it takes its environment from what it belongs to (attached to web), whose tags are judged',
    });
    expect(x.of(['inherited'], vol.arn)?.code).toBe('inherited');
    // Tags of its own (even without the environment key) are judged; so is a resource with its own signal.
    expect(x.at(['inherited'], at(tagged))).toBeUndefined();
    expect(x.at(['inherited'], at(own))).toBeUndefined();
    expect(x.at(['inherited'], at(web))).toBeUndefined();
    expect(x.at(['furniture', 'team-principal'], at(vol))).toBeUndefined();
  });

  it('an untagged resource attributed by its own name, or in conflict through its parents, is judged', () => {
    const named = res('AWS::EC2::Volume', 'prod-vol');
    const stg = res('AWS::EC2::Instance', 'stg-web', { tags: { Environment: 'staging' }, relations: [{ kind: 'volume', target: 'arn:aws:ec2:us-east-1:111111111111:volume/shared' }] });
    const shared = res('AWS::EC2::Volume', 'shared');
    const both = prod('AWS::EC2::Instance', 'prod-web', { relations: [{ kind: 'volume', target: shared.arn }] });
    const { x, at } = index([named, stg, shared, both], { edit: (s) => void (s.environments.production!.attribution.names = ['prod-vol']) });
    expect(x.at(['inherited'], at(named))).toBeUndefined();
    expect(x.at(['inherited'], at(shared))).toBeUndefined();
  });

  it('names every parent it takes its environment from', () => {
    const vpc = prod('AWS::EC2::VPC', 'vpc-a');
    const subnet = prod('AWS::EC2::Subnet', 'subnet-a');
    const eni = res('AWS::EC2::NetworkInterface', 'eni-1', { relations: [{ kind: 'vpc', target: vpc.arn }, { kind: 'subnet', target: subnet.arn }] });
    const { x, at } = index([vpc, subnet, eni]);
    expect(x.at(['inherited'], at(eni))?.reason).toBe('no tags of its own; it takes its environment from what it belongs to (in VPC vpc-a, in subnet subnet-a), whose tags are judged');
  });

  it('an untagged resource inheriting nothing is no exemption', () => {
    const lone = res('AWS::EC2::Volume', 'vol-lone');
    const { x, at } = index([lone]);
    expect(x.at(['inherited'], at(lone))).toBeUndefined();
    expect(x.unknownAt(['inherited'], at(lone))).toBeUndefined();
  });
});

describe('exemptionsOf: unknown inheritance', () => {
  const lone = res('AWS::EC2::Volume', 'vol-lone');
  const tagged = res('AWS::EC2::Volume', 'vol-tagged', { tags: { Owner: 'x' } });
  const attributed = prod('AWS::EC2::Volume', 'vol-prod');
  const listing = (over: Partial<CollectionError>): CollectionError => ({
    accountId: PROD_ACCOUNT,
    region: 'us-east-1',
    service: 'ec2',
    operation: 'DescribeInstances',
    code: 'AccessDenied',
    message: 'denied',
    affects: ['AWS::EC2::Instance'],
    ...over,
  });

  it('says why it cannot be told whether an untagged, unattributed resource inherits', () => {
    const errors = [listing({}), listing({ service: 'elasticloadbalancing', operation: 'DescribeLoadBalancers', affects: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] })];
    const { x, at } = index([lone, tagged, attributed], { errors });
    expect(x.unknownAt(['inherited'], at(lone))).toBe(
      `untagged, and what it could take its environment from could not be listed: collection error ec2:DescribeInstances AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied; collection error elasticloadbalancing:DescribeLoadBalancers AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`,
    );
    expect(x.unknownAt(['furniture', 'team-principal'], at(lone))).toBeUndefined();
    expect(x.at(['inherited'], at(lone))).toBeUndefined();
    expect(x.unknownAt(['inherited'], at(tagged))).toBeUndefined();
    expect(x.unknownAt(['inherited'], at(attributed))).toBeUndefined();
  });

  it('an untagged resource attributed all the same is known', () => {
    const named = res('AWS::EC2::Volume', 'prod-vol');
    const instance = prod('AWS::EC2::Instance', 'web', { relations: [{ kind: 'volume', target: lone.arn }] });
    const { x, at } = index([named, lone, instance], { errors: [listing({ affects: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] })], edit: (s) => void (s.environments.production!.attribution.names = ['prod-vol']) });
    expect(x.unknownAt(['inherited'], at(named))).toBeUndefined();
    expect(x.unknownAt(['inherited'], at(lone))).toBeUndefined();
    expect(x.at(['inherited'], at(lone))?.code).toBe('inherited');
  });

  it('only listing errors that could hide a parent count', () => {
    const { x, at } = index([lone], { errors: [listing({ region: 'eu-west-1' }), listing({ affects: ['AWS::EC2::Volume'] }), listing({ resourceArn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-1' })] });
    expect(x.unknownAt(['inherited'], at(lone))).toBeUndefined();
  });
});

describe('exemptionsOf: duplicated ARNs', () => {
  it('every copy of an ARN reads the exemption of the ARN', () => {
    const vpc = res('AWS::EC2::VPC', 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true } });
    const copy = { ...vpc, config: { vpcId: 'vpc-d', isDefault: false } };
    const spec = baseSpec();
    const snap = snapshot([vpc]);
    snap.resources.push(copy);
    const x = exemptionsOf(buildContext(loaded(spec), snap, NOW));
    expect(x.at(['furniture'], 0)?.code).toBe('default-vpc');
    expect(x.at(['furniture'], 1)?.code).toBe('default-vpc');
  });
});

describe('exemptEvidence and exemptPass', () => {
  const x = { kind: 'furniture' as const, code: 'default-vpc', reason: DEFAULT_VPC_REASON };

  it('the evidence names the code against a resource the team owns, frozen', () => {
    const e = exemptEvidence(x);
    expect(e).toEqual({ observed: 'default-vpc', expected: 'a resource the team owns', exempt: x });
    expect(Object.isFrozen(e)).toBe(true);
    expect(exemptEvidence(x)).toEqual(e);
  });

  it('the pass names the resource, then the reason', () => {
    expect(exemptPass('arn:aws:ec2:::vpc/vpc-d', "AWS::EC2::VPC 'vpc-d'", x)).toEqual({
      status: 'pass',
      arn: 'arn:aws:ec2:::vpc/vpc-d',
      message: `AWS::EC2::VPC 'vpc-d': ${DEFAULT_VPC_REASON}`,
      evidence: { observed: 'default-vpc', expected: 'a resource the team owns', exempt: x },
    });
  });
});
