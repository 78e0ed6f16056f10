// Account furniture and team principals: what the classifier recognises (from the shapes
// collection records, including AWS responses moto cannot produce, such as an AWS
// managed key's DescribeKey), and how the rules with `exempt` leave them out: a pass
// naming the reason, in full and summary pass modes, and back to judged with
// `furniture: include`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { furnitureOf, FURNITURE, type FurnitureCode } from '../../src/engine/furniture.js';
import { teamClaims } from '../../src/engine/exemptions.js';
import type { Result } from '../../src/model/result.js';
import type { Principal, Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import { loadRules, parseRule } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, PROD_ACCOUNT, prod, res, snapshot } from './helpers.js';

const RULES = new Map(loadRules().map((r) => [r.meta.id, r]));
const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';
const SG = 'AWS::EC2::SecurityGroup';
const ROLE = 'AWS::IAM::Role';
const KEY = 'AWS::KMS::Key';

const role = (name: string, path: string, over: Partial<Resource> = {}): Resource =>
  res(ROLE, name, { arn: `arn:aws:iam::${PROD_ACCOUNT}:role${path}${name}`, region: 'global', config: { path }, ...over });
const principal = (r: Resource, kind: Principal['kind'] = 'role', over: Partial<Principal> = {}): Principal => ({
  arn: r.arn,
  accountId: r.accountId,
  kind,
  name: r.name,
  path: String(r.config.path ?? '/'),
  tags: r.tags,
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [],
  ...over,
});

function run(ruleIds: string[], resources: Resource[], edit?: (s: Spec) => void, opts: { principals?: Principal[]; passes?: 'all' | 'summary' } = {}) {
  const spec = baseSpec();
  edit?.(spec);
  return evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { principals: opts.principals }), rules: ruleIds.map((id) => RULES.get(id)!), now: NOW, passes: opts.passes });
}
const byName = (results: readonly Result[], name: string) => results.filter((r) => r.resource.name === name);
const one = (results: readonly Result[], name: string) => {
  const found = byName(results, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

describe('furnitureOf', () => {
  const cases: [string, Resource, FurnitureCode | undefined][] = [
    ['default VPC', res(VPC, 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true } }), 'default-vpc'],
    ['custom VPC', res(VPC, 'vpc-c', { config: { vpcId: 'vpc-c', isDefault: false } }), undefined],
    ['default subnet', res(SUBNET, 'subnet-d', { config: { defaultForAz: true } }), 'default-subnet'],
    ['custom subnet', res(SUBNET, 'subnet-c', { config: { defaultForAz: false } }), undefined],
    // The Name tag renames the resource; the group name still says 'default'.
    ['default group renamed by its Name tag', res(SG, 'my-name', { config: { groupName: 'default' } }), 'default-security-group'],
    ['a group named default-ish', res(SG, 'default-web', { config: { groupName: 'default-web' } }), undefined],
    ['default network ACL', res('AWS::EC2::NetworkAcl', 'acl-1', { config: { isDefault: true } }), 'default-network-acl'],
    ['main route table', res('AWS::EC2::RouteTable', 'rtb-1', { config: { main: true } }), 'main-route-table'],
    // DescribeKey of aws/s3 answers KeyManager AWS (recorded shape; moto makes no such keys).
    ['AWS managed key', res(KEY, 'Default key that protects my S3 objects when no other key is defined', { config: { keyManager: 'AWS', keyState: 'Enabled' } }), 'aws-managed-key'],
    ['AWS managed key known by alias only', res(KEY, 'k1', { config: { aliases: ['alias/aws/ebs'] } }), 'aws-managed-key'],
    ['customer managed key with an aws-looking alias name', res(KEY, 'k2', { config: { keyManager: 'CUSTOMER', aliases: ['alias/aws/ebs'] } }), undefined],
    ['customer managed key', res(KEY, 'k3', { config: { keyManager: 'CUSTOMER', keyState: 'Enabled' } }), undefined],
    ['service-linked role', role('AWSServiceRoleForRDS', '/aws-service-role/rds.amazonaws.com/'), 'service-linked-role'],
    ['Identity Center role', role('AWSReservedSSO_Developers_0123456789abcdef', '/aws-reserved/sso.amazonaws.com/eu-west-1/'), 'identity-center-role'],
    ['role with the path only in its ARN', role('AWSServiceRoleForECS', '/aws-service-role/ecs.amazonaws.com/', { config: {} }), 'service-linked-role'],
    ['a role of the team under /service-role/', role('lambda-exec', '/service-role/'), undefined],
    ['AWS managed policy', res('AWS::IAM::ManagedPolicy', 'ReadOnlyAccess', { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }), 'aws-managed-policy'],
    ['customer managed policy', res('AWS::IAM::ManagedPolicy', 'app', { arn: `arn:aws:iam::${PROD_ACCOUNT}:policy/app` }), undefined],
    ['default event bus', res('AWS::Events::EventBus', 'default', { arn: `arn:aws:events:us-east-1:${PROD_ACCOUNT}:event-bus/default` }), 'default-event-bus'],
    ['primary Athena workgroup', res('AWS::Athena::WorkGroup', 'primary'), 'primary-athena-workgroup'],
    ['a bucket', res('AWS::S3::Bucket', 'default'), undefined],
  ];
  for (const [what, r, code] of cases) {
    it(`${what}: ${code ?? 'not furniture'}`, () => {
      expect(furnitureOf(r)?.code).toBe(code);
      if (code) expect(furnitureOf(r)?.reason).toBe(FURNITURE[code]);
    });
  }

  it('the README table lists every code with its own row', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| [^|]+ \| [^|]+ \|$/gm)].map((m) => m[1]);
    expect(rows.filter((c) => c! in FURNITURE).sort()).toEqual(Object.keys(FURNITURE).sort());
  });

  it('an internet gateway is furniture only when attached to a default VPC', () => {
    const igw = (vpcs: string[]) => res('AWS::EC2::InternetGateway', 'igw', { config: { attachedVpcIds: vpcs } });
    const isDefault = (id: string) => id === 'vpc-d';
    expect(furnitureOf(igw(['vpc-d']), isDefault)?.code).toBe('default-internet-gateway');
    expect(furnitureOf(igw(['vpc-c']), isDefault)).toBeUndefined();
    expect(furnitureOf(igw([]), isDefault)).toBeUndefined();
  });
});

describe('rules leave account furniture out, with the reason', () => {
  const defaultVpc = prod(VPC, 'default-vpc', { config: { vpcId: 'vpc-d', isDefault: true, cidrBlocks: ['172.31.0.0/16'] } });
  const customVpc = prod(VPC, 'custom-vpc', { config: { vpcId: 'vpc-c', isDefault: false, cidrBlocks: ['172.31.0.0/16'] } });
  const defaultSubnet = prod(SUBNET, 'default-subnet', { config: { vpcId: 'vpc-d', cidrBlock: '172.31.0.0/20', availabilityZone: 'us-east-1f', defaultForAz: true } });
  const customSubnet = prod(SUBNET, 'custom-subnet', { config: { vpcId: 'vpc-c', cidrBlock: '172.31.16.0/20', availabilityZone: 'us-east-1f', defaultForAz: false } });
  const network = (s: Spec) => {
    s.environments.production!.network = { vpcCidrs: ['10.2.0.0/16'], subnetCidrs: ['10.2.1.0/24'], availabilityZones: ['us-east-1a'] };
  };

  for (const [rule, furniture, custom] of [
    ['vpc-cidr', defaultVpc, customVpc],
    ['subnet-cidr', defaultSubnet, customSubnet],
    ['subnet-availability-zone', defaultSubnet, customSubnet],
  ] as const) {
    it(`${rule}: the default one passes naming the reason, the custom one fails; furniture: include judges both`, () => {
      const results = run([rule], [furniture, custom], network).results;
      const left = one(results, furniture.name);
      expect(left.status).toBe('pass');
      expect(left.evidence).toEqual({ observed: furniture.type === VPC ? 'default-vpc' : 'default-subnet', expected: 'a resource the team owns', exempt: expect.objectContaining({ kind: 'furniture' }) });
      expect(left.message).toContain('account furniture: ');
      expect(one(results, custom.name).status).toBe('fail');

      const included = run([rule], [furniture, custom], (s) => (network(s), (s.furniture = 'include'))).results;
      expect(one(included, furniture.name).status).toBe('fail');
    });
  }

  it('vpc-cidr-overlap: a default VPC is on neither side of an overlap', () => {
    const staging = res(VPC, 'staging-default', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { vpcId: 'vpc-s', isDefault: true, cidrBlocks: ['172.31.0.0/16'] } });
    const results = run(['vpc-cidr-overlap'], [defaultVpc, staging, customVpc]).results;
    // customVpc (production) shares 172.31.0.0/16 with staging's default VPC only: no finding.
    expect(results.map((r) => [r.resource.name, r.status, r.evidence.observed])).toEqual([
      ['custom-vpc', 'pass', []],
      ['default-vpc', 'pass', 'default-vpc'],
      ['staging-default', 'pass', 'default-vpc'],
    ]);
    const included = run(['vpc-cidr-overlap'], [defaultVpc, staging, customVpc], (s) => void (s.furniture = 'include')).results;
    expect(included.filter((r) => r.status === 'fail').map((r) => r.resource.name).sort()).toEqual(['custom-vpc', 'default-vpc', 'staging-default']);
  });

  it('attribution-missing: furniture no signal attributes passes; a team resource with none fails', () => {
    const resources = [
      res(VPC, 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true } }),
      res(SG, 'sg-d', { config: { groupName: 'default' } }),
      res(KEY, 'aws-s3-key', { config: { keyManager: 'AWS' } }),
      role('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/'),
      res(SG, 'sg-app', { config: { groupName: 'app' } }),
    ];
    const results = run(['attribution-missing'], resources).results;
    expect(Object.fromEntries(results.map((r) => [r.resource.name, [r.status, r.evidence.observed]]))).toEqual({
      'vpc-d': ['pass', 'default-vpc'],
      'sg-d': ['pass', 'default-security-group'],
      'aws-s3-key': ['pass', 'aws-managed-key'],
      AWSServiceRoleForSupport: ['pass', 'service-linked-role'],
      'sg-app': ['fail', []],
    });
    expect(one(results, 'vpc-d').message).toBe("AWS::EC2::VPC 'vpc-d' needs no environment: account furniture: the default VPC AWS creates in every region of an account");
    const included = run(['attribution-missing'], resources, (s) => void (s.furniture = 'include')).results;
    expect(included.filter((r) => r.status === 'fail')).toHaveLength(5);
  });

  it('required-tags and naming-convention: the default security group of a production VPC passes', () => {
    const edit = (s: Spec) => {
      s.tagging.required = ['Owner'];
      s.environments.production!.naming = { [SG]: ['prod-*'] };
    };
    const defaultSg = prod(SG, 'sg-0abc', { config: { groupName: 'default' } });
    const appSg = prod(SG, 'sg-app', { config: { groupName: 'sg-app' } });
    const results = run(['required-tags', 'naming-convention'], [defaultSg, appSg], edit).results;
    const status = (rule: string, name: string) => results.filter((r) => r.ruleId === rule && r.resource.name === name).map((r) => [r.status, r.evidence.observed]);
    expect(status('required-tags', 'sg-0abc')).toEqual([['pass', 'default-security-group']]);
    expect(status('naming-convention', 'sg-0abc')).toEqual([['pass', 'default-security-group']]);
    expect(status('required-tags', 'sg-app')).toEqual([['fail', { Environment: 'production' }]]);
    expect(status('naming-convention', 'sg-app')).toEqual([['fail', 'sg-app']]);
  });

  it('--passes summary counts the left-out passes apart (exempt), the rest as before', () => {
    const resources = [res(VPC, 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true } }), prod(SG, 'sg-d', { config: { groupName: 'default' } }), prod(SG, 'sg-app', { tags: { Environment: 'production', Owner: 'x' } })];
    const ev = run(['attribution-missing', 'required-tags'], resources, (s) => void (s.tagging.required = ['Owner']), { passes: 'summary' });
    expect(ev.results.map((r) => [r.ruleId, r.resource.name, r.status])).toEqual([]);
    expect(ev.passCounts).toEqual([
      { ruleId: 'attribution-missing', environment: 'production', passes: 2 },
      { ruleId: 'attribution-missing', environment: null, passes: 1, exempt: 1 },
      { ruleId: 'required-tags', environment: 'production', passes: 2, exempt: 1 },
      { ruleId: 'required-tags', environment: null, passes: 1, exempt: 1 },
    ]);
  });
});

describe('AWS managed keys and isolation', () => {
  const key = res(KEY, 'aws-s3', { arn: `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:key/aws-s3`, config: { keyManager: 'AWS' } });
  const cmk = res(KEY, 'app-key', { arn: `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:key/app-key`, config: { keyManager: 'CUSTOMER' } });
  const bucket = (name: string, env: string, k: Resource) =>
    res('AWS::S3::Bucket', name, { tags: { Environment: env }, config: { encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: k.arn, customerManagedKey: k === cmk } }, relations: [{ kind: 'kms-key', target: k.arn }] });
  // Both environments in one account, told apart by name.
  const oneAccount = (s: Spec) => {
    s.environments.staging!.accounts = [{ id: PROD_ACCOUNT }];
    s.environments.production!.encryption = { atRest: ['AWS::S3::Bucket'], customerManagedKey: ['AWS::S3::Bucket'], inTransit: { s3TlsOnly: false, httpsListeners: false } };
  };

  it('an AWS managed key used by two environments is not a shared resource; a customer key is', () => {
    const resources = [key, cmk, bucket('prod-a', 'production', key), bucket('stg-a', 'staging', key), bucket('prod-b', 'production', cmk), bucket('stg-b', 'staging', cmk)];
    const results = run(['isolation-shared-resources'], resources, oneAccount).results;
    expect(results.filter((r) => r.status === 'fail').map((r) => r.resource.name)).toEqual(['app-key']);
    expect(byName(results, 'aws-s3')).toEqual([]); // unattributed, and no link makes it a subject
  });

  it('a key known only by its aws/* alias is AWS managed too', () => {
    const alias = `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:alias/aws/sqs`;
    const queue = (name: string, env: string) => res('AWS::SQS::Queue', name, { tags: { Environment: env }, relations: [{ kind: 'kms-key', target: alias }] });
    const results = run(['isolation-shared-resources'], [queue('prod-q', 'production'), queue('stg-q', 'staging')], oneAccount).results;
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['prod-q', 'pass'],
      ['stg-q', 'pass'],
    ]);
  });

  it('encryption-customer-managed-key still fails a resource on an AWS managed key', () => {
    const results = run(['encryption-customer-managed-key'], [key, cmk, bucket('prod-a', 'production', key), bucket('prod-b', 'production', cmk)], oneAccount).results;
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['prod-a', 'fail'],
      ['prod-b', 'pass'],
    ]);
  });
});

describe('default-VPC use stays a finding', () => {
  it('an instance in the default VPC fails where forbidDefaultVpc says so', () => {
    const vpc = prod(VPC, 'vpc-d', { config: { vpcId: 'vpc-d', isDefault: true, cidrBlocks: ['172.31.0.0/16'] } });
    const instance = prod('AWS::EC2::Instance', 'i-1', { relations: [{ kind: 'vpc', target: vpc.arn }] });
    const results = run(['default-vpc-use'], [vpc, instance], (s) => void (s.environments.production!.network = { vpcCidrs: [], subnetCidrs: [], availabilityZones: [], forbidDefaultVpc: true })).results;
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([['vpc-d', 'fail']]);
  });
});

describe('team principals belong to teams', () => {
  const sso = role('AWSReservedSSO_Developers_0123456789abcdef', '/aws-reserved/sso.amazonaws.com/');
  const ci = role('ci-deployer', '/');
  const stray = role('stray-role', '/');
  const group = res('AWS::IAM::Group', 'ops', { arn: `arn:aws:iam::${PROD_ACCOUNT}:group/ops`, region: 'global' });
  const user = res('AWS::IAM::User', 'alice', { arn: `arn:aws:iam::${PROD_ACCOUNT}:user/alice`, region: 'global' });
  const principals = [principal(sso), principal(ci), principal(stray), principal(group, 'group'), principal(user, 'user', { groups: [group.arn] })];
  const teams = (s: Spec) => {
    s.teams = { Developers: { principals: [{ name: 'AWSReservedSSO_Developers_*' }] }, Ops: { principals: [{ name: 'ops' }, { name: 'ci-*' }] } };
    s.tagging.required = ['Owner'];
    // Left as furniture alone, the SSO role would pass too: include shows the team claim at work.
    s.furniture = 'include';
  };

  it('teamClaims: a matcher claims the principal, a claimed group brings its users', () => {
    const claims = teamClaims(principals, { Developers: { principals: [{ name: 'AWSReservedSSO_Developers_*' }] }, Ops: { principals: [{ name: 'ops' }, { name: 'ci-*' }] } });
    expect(Object.fromEntries(claims)).toEqual({ [sso.arn]: ['Developers'], [ci.arn]: ['Ops'], [group.arn]: ['Ops'], [user.arn]: ['Ops'] });
  });

  it('no attribution-missing or required-tags for them; the evidence names the team', () => {
    const results = run(['attribution-missing', 'required-tags'], [sso, ci, stray, group, user], teams, { principals }).results;
    const got = (rule: string) => Object.fromEntries(results.filter((r) => r.ruleId === rule).map((r) => [r.resource.name, r.status]));
    expect(got('attribution-missing')).toEqual({ [sso.name]: 'pass', 'ci-deployer': 'pass', ops: 'pass', alice: 'pass', 'stray-role': 'fail' });
    // IAM groups are outside required-tags already (they cannot be tagged).
    expect(got('required-tags')).toEqual({ [sso.name]: 'pass', 'ci-deployer': 'pass', alice: 'pass', 'stray-role': 'fail' });
    const ev = one(results.filter((r) => r.ruleId === 'required-tags'), 'ci-deployer').evidence;
    expect(ev).toEqual({ observed: 'team-principal', expected: 'a resource the team owns', exempt: { kind: 'team-principal', code: 'team-principal', reason: 'team principal of Ops: not an environment resource; the access matrix judges its access', teams: ['Ops'] } });
  });
});

describe('inherited resources', () => {
  it('an untagged root volume passes required-tags through its instance; a volume with tags of its own is judged', () => {
    const instance = prod('AWS::EC2::Instance', 'api', { tags: { Environment: 'production', Owner: 'team' } });
    const root = res('AWS::EC2::Volume', 'vol-root');
    const data = res('AWS::EC2::Volume', 'vol-data', { tags: { Name: 'data' } });
    instance.relations = [{ kind: 'volume', target: root.arn }, { kind: 'volume', target: data.arn }];
    const results = run(['required-tags'], [instance, root, data], (s) => void (s.tagging.required = ['Owner'])).results;
    expect(Object.fromEntries(results.map((r) => [r.resource.name, [r.status, r.evidence.observed]]))).toEqual({
      api: ['pass', { Environment: 'production', Owner: 'team' }],
      'vol-root': ['pass', 'inherited'],
      'vol-data': ['fail', { Name: 'data' }],
    });
    expect(one(results, 'vol-root').message).toBe(
      "AWS::EC2::Volume 'vol-root': left out of \"Resources carry the required tags\": no tags of its own; it takes its environment from what it belongs to (attached to api), whose tags are judged",
    );
  });
});

describe('rule files', () => {
  it('exempt on an analysis that does not read it is a load error naming the field', () => {
    const text = ['id: x', 'title: X', 'category: network', 'severity: low', "resourceTypes: ['AWS::EC2::VPC']", 'description: d', 'remediation: r', 'requirement: /environments', 'docs: https://example.com', 'exempt: [furniture]', 'analysis:', '  name: default-vpc-use', ''].join('\n');
    const out = parseRule(text, 'x.yaml', 'test');
    expect('diagnostics' in out && out.diagnostics.map((d) => [d.line, d.code, d.path])).toEqual([[10, 'exempt-unsupported', '/exempt']]);
  });

  it('an unknown exemption kind is a schema error', () => {
    const text = ['id: x', 'title: X', 'category: network', 'severity: low', "resourceTypes: ['AWS::EC2::VPC']", 'description: d', 'remediation: r', 'requirement: /environments', 'docs: https://example.com', 'exempt: [defaults]', 'check: { path: name, exists: true }', ''].join('\n');
    const out = parseRule(text, 'x.yaml', 'test');
    expect('diagnostics' in out && out.diagnostics.map((d) => [d.line, d.code])).toEqual([[10, 'enum']]);
  });

  it('the built-in rules that leave furniture and team principals out', () => {
    const exempt = [...RULES.values()].filter((r) => r.exempt).map((r) => [r.meta.id, r.exempt]);
    expect(exempt).toEqual([
      ['attribution-missing', ['team-principal', 'furniture']],
      ['naming-convention', ['furniture']],
      ['required-tags', ['team-principal', 'furniture', 'inherited']],
      ['subnet-availability-zone', ['furniture']],
      ['subnet-cidr', ['furniture']],
      ['vpc-cidr', ['furniture']],
      ['vpc-cidr-overlap', ['furniture']],
    ]);
  });
});
