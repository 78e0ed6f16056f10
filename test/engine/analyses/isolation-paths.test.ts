// Each isolation path with its negative cases, asserting the exact links: a Deny is no
// grant, a CIDR outside every environment reaches none, host bits denote their network,
// and what the spec lists as shared (the allowlist) is no finding.
import { describe, expect, it } from 'vitest';
import { runIsolation, type IsolationOptions } from '../../../src/engine/analyses/isolation.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { context, inline, managed, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';
const run = (input: ContextInput, options: IsolationOptions = {}): Outcome[] => runIsolation(context(input), options);
const failing = (out: Outcome[]) => out.filter((o) => o.status === 'fail').map((o) => ({ arn: o.arn, links: o.evidence.links }));
const statuses = (out: Outcome[]) => Object.fromEntries(out.map((o) => [o.arn, o.status]));

const sg = (id: string, env: string, cidrs: string[], groupIds: string[] = [], account = STG): Resource =>
  resource(`arn:aws:ec2:eu-west-1:${account}:security-group/${id}`, 'AWS::EC2::SecurityGroup', {
    id,
    tags: { env },
    config: { groupId: id, vpcId: 'vpc-x', ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs, groupIds }], egress: [] },
  });

describe('ingress-cidr', () => {
  it('links a group to each other environment whose range its CIDR overlaps, naming the range', () => {
    const g = sg('sg-1', 'staging', ['10.2.8.0/24']);
    expect(failing(run({ resources: [g] }))).toEqual([{ arn: g.arn, links: [{ path: 'ingress-cidr', environment: 'production', via: '10.2.8.0/24', peer: '10.2.0.0/16', summary: "admits 10.2.8.0/24, inside production's 10.2.0.0/16" }] }]);
  });

  it('a CIDR outside every environment range reaches no environment', () => {
    const g = sg('sg-2', 'staging', ['172.16.0.0/24', '10.3.0.0/16', '192.168.1.7/32']);
    expect(statuses(run({ resources: [g] }))).toEqual({ [g.arn]: 'pass' });
  });

  it('a CIDR inside its own range is its own network, even when wider than a peer range inside it', () => {
    const s = spec();
    s.environments.production!.network!.vpcCidrs = ['10.1.128.0/20'];
    const own = sg('sg-3', 'staging', ['10.1.0.0/16']);
    expect(statuses(run({ spec: s, resources: [own] }))).toEqual({ [own.arn]: 'pass' });
  });

  it('a block wider than the own range that also covers another environment is a finding', () => {
    const g = sg('sg-4', 'staging', ['10.0.0.0/14']);
    expect(failing(run({ resources: [g] }))).toEqual([{ arn: g.arn, links: [{ path: 'ingress-cidr', environment: 'production', via: '10.0.0.0/14', peer: '10.2.0.0/16', summary: "admits 10.0.0.0/14, inside production's 10.2.0.0/16" }] }]);
  });

  it('host bits are ignored by the network they denote: 10.2.3.4/16 is 10.2.0.0/16', () => {
    const g = sg('sg-5', 'staging', ['10.2.3.4/16']);
    expect(failing(run({ resources: [g] }))).toEqual([{ arn: g.arn, links: [{ path: 'ingress-cidr', environment: 'production', via: '10.2.3.4/16', peer: '10.2.0.0/16', summary: "admits 10.2.3.4/16, inside production's 10.2.0.0/16" }] }]);
    // With host bits, a block of the group's own range stays its own.
    const own = sg('sg-6', 'staging', ['10.1.200.9/16']);
    expect(statuses(run({ resources: [own] }))).toEqual({ [own.arn]: 'pass' });
  });

  it('an environment range written with host bits is matched as its network too', () => {
    const s = spec();
    s.environments.production!.network!.vpcCidrs = ['10.2.77.1/16'];
    const g = sg('sg-7', 'staging', ['10.2.5.0/24']);
    expect(failing(run({ spec: s, resources: [g] }))).toEqual([{ arn: g.arn, links: [{ path: 'ingress-cidr', environment: 'production', via: '10.2.5.0/24', peer: '10.2.77.1/16', summary: "admits 10.2.5.0/24, inside production's 10.2.77.1/16" }] }]);
  });

  it('blocks shorter than minPrefixLength are left to the public-ingress rules; malformed ones are skipped', () => {
    const g = sg('sg-8', 'staging', ['10.0.0.0/8', '10.2.0.0/33', '10.2.300.0/24', 'not-a-cidr']);
    expect(failing(run({ resources: [g] }))).toEqual([{ arn: g.arn, links: [{ path: 'ingress-cidr', environment: 'production', via: '10.0.0.0/8', peer: '10.2.0.0/16', summary: "admits 10.0.0.0/8, inside production's 10.2.0.0/16" }] }]);
    expect(statuses(run({ resources: [g] }, { minPrefixLength: 9 }))).toEqual({ [g.arn]: 'pass' });
  });
});

describe('ingress-security-group', () => {
  it('a group admitting a group of another environment, by id; its own environment and unknown groups are not', () => {
    const prod = sg('sg-p', 'production', [], [], PRD);
    const bad = sg('sg-s', 'staging', [], ['sg-p']);
    const good = sg('sg-t', 'staging', [], ['sg-s', 'sg-unknown']);
    expect(failing(run({ resources: [prod, bad, good] }))).toEqual([{ arn: bad.arn, links: [{ path: 'ingress-security-group', environment: 'production', via: prod.arn, peer: prod.arn, summary: `admits production's security group ${prod.arn}` }] }]);
  });

  it('a peer group the spec lists as shared is no finding', () => {
    const prod = sg('sg-p', 'production', [], [], PRD);
    const bad = sg('sg-s', 'staging', [], ['sg-p']);
    const s = spec({ shared: [{ type: 'AWS::EC2::SecurityGroup', name: 'sg-p', reason: 'bastion' }] });
    expect(failing(run({ spec: s, resources: [prod, bad] }))).toEqual([]);
  });
});

describe('grants', () => {
  const prodBucket = resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } });
  const role = (name: string, ...statements: object[]) =>
    principal(`arn:aws:iam::${STG}:role/${name}`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', statements as never)] });

  it('an Allow naming another environment resource links with policy, Sid and samples', () => {
    const r = role('reader', { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::prod-*'] });
    expect(failing(run({ resources: [prodBucket], principals: [r] }))).toEqual([
      { arn: r.arn, links: [{ path: 'grants', environment: 'production', via: 'arn:aws:s3:::prod-*', policy: `inline:${r.arn}:p (Sid Read)`, samples: [prodBucket.arn], summary: `inline:${r.arn}:p (Sid Read) grants on arn:aws:s3:::prod-*, reaching production` }] },
    ]);
  });

  it('a Deny naming another environment resource is no grant', () => {
    const r = role('denier', { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::prod-*' });
    expect(statuses(run({ resources: [prodBucket], principals: [r] }))).toEqual({ [prodBucket.arn]: 'pass', [r.arn]: 'pass' });
  });

  it('a statement without Effect is no grant either', () => {
    const r = role('vague', { Action: 's3:*', Resource: 'arn:aws:s3:::prod-*' });
    expect(statuses(run({ resources: [prodBucket], principals: [r] }))[r.arn]).toBe('pass');
  });

  it('a grant on a resource the spec lists as shared is no finding', () => {
    const r = role('reader', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data' });
    const s = spec({ shared: [{ type: 'AWS::S3::Bucket', name: 'prod-data', reason: 'public assets' }] });
    expect(failing(run({ spec: s, resources: [prodBucket], principals: [r] }))).toEqual([]);
  });
});

describe('shared targets and tags', () => {
  it("a bucket fronted by another environment's distribution links the bucket to that environment", () => {
    const bucket = resource('arn:aws:s3:::stg-assets', 'AWS::S3::Bucket', { tags: { env: 'staging' } });
    const cdn = resource(`arn:aws:cloudfront::${STG}:distribution/E1PROD`, 'AWS::CloudFront::Distribution', { region: 'global', tags: { env: 'production' }, relations: [{ kind: 'origin', target: bucket.arn }] });
    const out = run({ resources: [bucket, cdn] });
    expect(failing(out)).toEqual([{ arn: bucket.arn, links: [{ path: 'shared-target', environment: 'production', via: 'origin', peer: cdn.arn, users: 1, summary: `used (origin) by ${cdn.arn} of production` }] }]);
  });

  it('a key used from two environments links the key to the other environment users', () => {
    const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
    const q = (name: string, env: string) => resource(`arn:aws:sqs:eu-west-1:${STG}:${name}`, 'AWS::SQS::Queue', { tags: { env }, relations: [{ kind: 'kms-key', target: key.arn }] });
    const out = run({ resources: [key, q('a', 'staging'), q('b', 'production')] });
    expect(failing(out)).toEqual([{ arn: key.arn, links: [{ path: 'shared-target', environment: 'production', via: 'kms-key', peer: `arn:aws:sqs:eu-west-1:${STG}:b`, users: 1, summary: `used (kms-key) by arn:aws:sqs:eu-west-1:${STG}:b of production` }] }]);
  });

  it('a target the spec lists as shared is no finding, and says so', () => {
    const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { name: 'shared-key', tags: { env: 'staging' } });
    const q = resource(`arn:aws:sqs:eu-west-1:${STG}:b`, 'AWS::SQS::Queue', { tags: { env: 'production' }, relations: [{ kind: 'kms-key', target: key.arn }] });
    const s = spec({ shared: [{ type: 'AWS::KMS::Key', name: 'shared-key', reason: 'one key for CI' }] });
    const out = run({ spec: s, resources: [key, q] });
    expect(failing(out)).toEqual([]);
    expect(out.find((o) => o.arn === key.arn)).toMatchObject({ status: 'pass', message: "'shared-key' may be shared: one key for CI", specPath: '/shared/0' });
  });

  it('a tag naming two environments links to both; one naming a single environment is none', () => {
    const t = resource(`arn:aws:sns:eu-west-1:${STG}:multi`, 'AWS::SNS::Topic', { tags: { env: 'staging/production' } });
    const one = resource(`arn:aws:sns:eu-west-1:${STG}:one`, 'AWS::SNS::Topic', { tags: { env: 'staging' } });
    const out = run({ resources: [t, one], envs: { [t.arn]: null } });
    expect(failing(out)).toEqual([{ arn: t.arn, links: [
      { path: 'tag', environment: 'production', via: 'env=staging/production', summary: 'tagged env=staging/production' },
      { path: 'tag', environment: 'staging', via: 'env=staging/production', summary: 'tagged env=staging/production' },
    ] }]);
    expect(statuses(out)[one.arn]).toBe('pass');
  });
});

describe('outcomes', () => {
  const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
  const q = (name: string, env?: string) => resource(`arn:aws:sqs:eu-west-1:${STG}:${name}`, 'AWS::SQS::Queue', { tags: env ? { env } : {}, relations: [{ kind: 'kms-key', target: key.arn }] });

  it('a failure states the first link, how many more, and which environments the spec keeps apart', () => {
    const out = run({ resources: [key, q('a', 'staging'), q('b', 'production'), q('c', 'production')] });
    const f = out.find((o) => o.status === 'fail')!;
    expect(f.message).toBe(`AWS::KMS::Key 'k1' (staging): used (kms-key) by arn:aws:sqs:eu-west-1:${STG}:b of production (and 1 more link(s)); the spec keeps production apart from staging`);
    expect({ ...f.evidence, links: undefined }).toEqual({ observed: { environments: ['production', 'staging'] }, expected: { environments: ['staging'] }, environment: 'staging', paths: ['shared-target'], links: undefined, linkCount: 2 });
    expect(f.environments).toEqual(['production', 'staging']);
  });

  it('an attributed subject without links passes, naming its environment; an unattributed one has no outcome', () => {
    const out = run({ resources: [q('a', 'staging'), q('lone')] });
    expect(out).toEqual([{ arn: `arn:aws:sqs:eu-west-1:${STG}:a`, status: 'pass', message: "'a' is used by staging only", evidence: { observed: { environments: ['staging'] }, expected: { environments: ['staging'] } } }]);
  });

  it('a resource whose type could not be collected is not evaluated, with the collection error as reason', () => {
    const errors = [{ accountId: STG, region: 'eu-west-1', service: 'sqs', operation: 'ListQueues', code: 'AccessDenied', message: 'denied', affects: ['AWS::SQS::Queue'] }];
    expect(run({ resources: [q('a', 'staging')], errors })).toEqual([
      { status: 'not-evaluated', arn: `arn:aws:sqs:eu-west-1:${STG}:a`, message: "AWS::SQS::Queue 'a': isolation not evaluated", evidence: {}, reason: `collection error sqs:ListQueues AccessDenied in ${STG}/eu-west-1: denied` },
    ]);
  });

  it('a subject without an environment of its own is kept apart from "other environments"; shared reaches its account only', () => {
    const t = resource(`arn:aws:sns:eu-west-1:${STG}:multi`, 'AWS::SNS::Topic', { tags: { env: 'shared' } });
    const f = run({ resources: [t], envs: { [t.arn]: null } }).find((o) => o.status === 'fail')!;
    expect(f.message).toBe("AWS::SNS::Topic 'multi': tagged env=shared; the spec keeps staging apart from other environments");
    expect(f.evidence.expected).toEqual({ environments: ['one environment'] });
  });
});

describe('path details', () => {
  const queue = (name: string, env: string | undefined, relations: Resource['relations']) => resource(`arn:aws:sqs:eu-west-1:${STG}:${name}`, 'AWS::SQS::Queue', { tags: env ? { env } : {}, relations });
  const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
  const linksOf = (out: Outcome[], arn: string) => out.find((o) => o.arn === arn && o.status === 'fail')?.evidence.links as Record<string, unknown>[] | undefined;

  it('tag values naming several environments, by name or alias, with any separator; the default shared words', () => {
    const s = spec();
    s.environments.production!.aliases = ['prod'];
    const values = ['staging, production', 'staging+prod', 'staging;production', 'Staging|Production', 'staging&production', ' staging production '];
    const topics = values.map((v, i) => resource(`arn:aws:sns:eu-west-1:${STG}:t${i}`, 'AWS::SNS::Topic', { tags: { env: v } }));
    const shared = ['SHARED', 'common', 'global', 'all'].map((v, i) => resource(`arn:aws:sns:eu-west-1:${STG}:s${i}`, 'AWS::SNS::Topic', { tags: { env: v } }));
    const other = resource(`arn:aws:sns:eu-west-1:${STG}:o`, 'AWS::SNS::Topic', { tags: { Owner: 'shared', env: 'staging-production' } });
    const all = [...topics, ...shared, other];
    const out = run({ spec: s, resources: all, envs: Object.fromEntries(all.map((r) => [r.arn, null])) }, { paths: ['tag'] });
    expect(topics.map((t) => linksOf(out, t.arn)?.map((l) => l.environment))).toEqual(values.map(() => ['production', 'staging']));
    expect(shared.map((t) => linksOf(out, t.arn)?.map((l) => l.environment))).toEqual(shared.map(() => ['staging']));
    expect(linksOf(out, other.arn)).toBeUndefined();
    // Other shared words replace the defaults.
    const custom = run({ spec: s, resources: shared, envs: Object.fromEntries(shared.map((r) => [r.arn, null])) }, { paths: ['tag'], sharedTagValues: ['common'] });
    expect(custom.filter((o) => o.status === 'fail').map((o) => o.arn)).toEqual([shared[1]!.arn]);
  });

  it('a shared tag in an account of no environment reaches every environment', () => {
    const t = resource('arn:aws:sns:eu-west-1:999999999999:x', 'AWS::SNS::Topic', { tags: { env: 'shared' } });
    expect(linksOf(run({ resources: [t], envs: { [t.arn]: null } }), t.arn)?.map((l) => l.environment)).toEqual(['production', 'staging']);
  });

  it('shared target: up to 3 sample users per environment, the full count, every kind of use', () => {
    const users = ['a', 'b', 'c', 'd'].map((n) => queue(n, 'production', [{ kind: 'kms-key', target: key.arn }, { kind: 'logs-to', target: key.arn }]));
    const links = linksOf(run({ resources: [key, ...users] }), key.arn)!;
    expect(links.map((l) => [l.peer, l.via, l.users])).toEqual(['a', 'b', 'c'].map((n) => [`arn:aws:sqs:eu-west-1:${STG}:${n}`, 'kms-key,logs-to', 4]));
  });

  it('shared target: the kinds of use are named in alphabetical order, whatever order the relations come in', () => {
    const user = queue('a', 'production', [{ kind: 'logs-to', target: key.arn }, { kind: 'kms-key', target: key.arn }]);
    expect(linksOf(run({ resources: [key, user] }), key.arn)?.map((l) => l.via)).toEqual(['kms-key,logs-to']);
  });

  it('a target of one environment used only by another is shared; used only by its own, or unattributed and used by one, is not', () => {
    const prodOnly = run({ resources: [key, queue('p', 'production', [{ kind: 'kms-key', target: key.arn }])] });
    expect(linksOf(prodOnly, key.arn)?.map((l) => l.environment)).toEqual(['production']);
    expect(linksOf(run({ resources: [key, queue('s', 'staging', [{ kind: 'kms-key', target: key.arn }])] }), key.arn)).toBeUndefined();
    const loose = resource(`arn:aws:kms:eu-west-1:${STG}:key/k2`, 'AWS::KMS::Key');
    expect(linksOf(run({ resources: [loose, queue('p', 'production', [{ kind: 'kms-key', target: loose.arn }])] }), loose.arn)).toBeUndefined();
  });

  it('relations to itself, monitoring relations, unattributed or allowed users do not share a target', () => {
    const selfish = queue('self', 'production', [{ kind: 'kms-key', target: `arn:aws:sqs:eu-west-1:${STG}:self` }]);
    const alarm = resource(`arn:aws:cloudwatch:eu-west-1:${STG}:alarm:a`, 'AWS::CloudWatch::Alarm', { tags: { env: 'production' }, relations: [{ kind: 'monitors', target: key.arn }] });
    const nobody = queue('nobody', undefined, [{ kind: 'kms-key', target: key.arn }]);
    const listed = queue('listed', 'production', [{ kind: 'kms-key', target: key.arn }]);
    const s = spec({ shared: [{ type: 'AWS::SQS::Queue', name: 'listed', reason: 'fan-out' }] });
    expect(run({ spec: s, resources: [key, selfish, alarm, nobody, listed] }).filter((o) => o.status === 'fail')).toEqual([]);
  });

  it('an AWS managed key used from two environments is no finding, and passes saying why', () => {
    const managed = resource(`arn:aws:kms:eu-west-1:${STG}:key/aws1`, 'AWS::KMS::Key', { tags: { env: 'staging' }, config: { keyManager: 'AWS' } });
    const out = run({ resources: [managed, queue('a', 'staging', [{ kind: 'kms-key', target: managed.arn }]), queue('b', 'production', [{ kind: 'kms-key', target: managed.arn }])] });
    expect(out.find((o) => o.arn === managed.arn)).toEqual({ arn: managed.arn, status: 'pass', message: "AWS managed key 'aws1' is not an isolation boundary: IAM decides who may use it", evidence: { observed: 'aws-managed-key', expected: 'used by one environment unless AWS managed or listed as shared' } });
    // A key outside the snapshot named by an aws/ alias is AWS managed too.
    const alias = `arn:aws:kms:eu-west-1:${STG}:alias/aws/sqs`;
    expect(run({ resources: [queue('a', 'staging', [{ kind: 'kms-key', target: alias }]), queue('b', 'production', [{ kind: 'kms-key', target: alias }])] }).filter((o) => o.status === 'fail')).toEqual([]);
  });

  it('ingress-security-group and ingress-cidr relations count as the config does', () => {
    const prod = sg('sg-p', 'production', [], [], PRD);
    const g = resource(`arn:aws:ec2:eu-west-1:${STG}:security-group/sg-r`, 'AWS::EC2::SecurityGroup', { tags: { env: 'staging' }, relations: [{ kind: 'ingress-security-group', target: prod.arn }, { kind: 'ingress-cidr', target: '10.2.1.0/24' }] });
    expect(linksOf(run({ resources: [prod, g] }), g.arn)?.map((l) => [l.path, l.via])).toEqual([['ingress-cidr', '10.2.1.0/24'], ['ingress-security-group', prod.arn]]);
    // The path option selects one of the two.
    expect(linksOf(run({ resources: [prod, g] }, { paths: ['ingress-security-group'] }), g.arn)?.map((l) => l.path)).toEqual(['ingress-security-group']);
  });

  it('a group\'s other relations (its VPC, subnets) are no ingress, even to another environment\'s VPC', () => {
    const prodVpc = resource(`arn:aws:ec2:eu-west-1:${PRD}:vpc/vpc-p`, 'AWS::EC2::VPC', { tags: { env: 'production' } });
    const g = resource(`arn:aws:ec2:eu-west-1:${STG}:security-group/sg-v`, 'AWS::EC2::SecurityGroup', { tags: { env: 'staging' }, relations: [{ kind: 'vpc', target: prodVpc.arn }] });
    expect(linksOf(run({ resources: [prodVpc, g] }, { paths: ['ingress-cidr', 'ingress-security-group'] }), g.arn)).toBeUndefined();
  });

  it('grants: a statement without Sid names its policy alone; an attached managed policy names its ARN', () => {
    const prodBucket = resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } });
    const r = principal(`arn:aws:iam::${STG}:role/app`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data' }])] });
    expect(linksOf(run({ resources: [prodBucket], principals: [r] }), r.arn)?.map((l) => l.policy)).toEqual([`inline:${r.arn}:p`]);
    const unattributed = principal(`arn:aws:iam::${STG}:role/loose`, { inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data' }])] });
    expect(run({ resources: [prodBucket], principals: [unattributed] }).map((o) => o.arn)).toEqual([prodBucket.arn]);
  });
});

describe('edge cases of each path', () => {
  const linksOf = (out: Outcome[], arn: string) => out.find((o) => o.arn === arn && o.status === 'fail')?.evidence.links as Record<string, unknown>[] | undefined;
  const failures = (out: Outcome[]) => out.filter((o) => o.status === 'fail').map((o) => o.arn);

  it('host bits in any octet and prefix; a malformed or out-of-range block is skipped', () => {
    const s = spec();
    s.environments.production!.network!.vpcCidrs = ['10.20.0.0/16'];
    const g = sg('sg-h', 'staging', ['10.20.30.40/16', '10.20.5.7/24', 'x10.20.0.5/16', '10.20.0.5/16x', '10.1.256.0/24', '10.1.0.300/24']);
    expect(linksOf(run({ spec: s, resources: [g] }), g.arn)?.map((l) => l.via)).toEqual(['10.20.30.40/16', '10.20.5.7/24']);
  });

  it('minPrefixLength is inclusive: a block of exactly that length is examined', () => {
    const g = sg('sg-m', 'staging', ['10.0.0.0/8']);
    expect(failures(run({ resources: [g] }, { minPrefixLength: 8 }))).toEqual([g.arn]);
  });

  it('an environment without network ranges is reached by no CIDR', () => {
    const s = spec();
    s.environments.dev = { ...s.environments.staging!, accounts: [{ id: '333333333333' }], network: undefined };
    const g = sg('sg-n', 'staging', ['10.2.0.0/24']);
    expect(linksOf(run({ spec: s, resources: [g] }), g.arn)?.map((l) => l.environment)).toEqual(['production']);
  });

  it('peer groups are found by their groupId, not the resource id', () => {
    const prod = resource(`arn:aws:ec2:eu-west-1:${PRD}:security-group/sg-res`, 'AWS::EC2::SecurityGroup', { id: 'sg-res', tags: { env: 'production' }, config: { groupId: 'sg-0prod', ingress: [], egress: [] } });
    const g = sg('sg-s', 'staging', [], ['sg-0prod']);
    expect(linksOf(run({ resources: [prod, g] }), g.arn)?.map((l) => l.peer)).toEqual([prod.arn]);
  });

  it('an unattributed or allowed group is not judged', () => {
    const loose = sg('sg-l', 'staging', ['10.2.0.0/24']);
    const listed = sg('sg-a', 'staging', ['10.2.0.0/24']);
    const s = spec({ shared: [{ type: 'AWS::EC2::SecurityGroup', name: 'sg-a', reason: 'bastion' }] });
    expect(failures(run({ spec: s, resources: [loose, listed], envs: { [loose.arn]: null } }))).toEqual([]);
  });

  it('tag values: surrounding spaces and case do not matter; an unknown word names no environment', () => {
    const a = resource(`arn:aws:sns:eu-west-1:${STG}:a`, 'AWS::SNS::Topic', { tags: { env: ' Shared ' } });
    const b = resource(`arn:aws:sns:eu-west-1:${STG}:b`, 'AWS::SNS::Topic', { tags: { env: 'staging qa' } });
    const out = run({ resources: [a, b], envs: { [a.arn]: null, [b.arn]: null } }, { paths: ['tag'] });
    expect(failures(out)).toEqual([a.arn]);
  });

  describe('grants', () => {
    const prodBucket = resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } });
    const prodKey = resource(`arn:aws:kms:eu-west-1:${PRD}:key/pk`, 'AWS::KMS::Key', { accountId: PRD, tags: { env: 'production' } });
    const policyResource = (name: string, env: string | undefined, relations: Resource['relations']) =>
      resource(`arn:aws:iam::${STG}:policy/${name}`, 'AWS::IAM::ManagedPolicy', { tags: env ? { env } : {}, relations });

    it('a policy resource: only its grants relations count; unattributed or allowed ones are not judged', () => {
      const other = policyResource('other-kinds', 'staging', [{ kind: 'grants', target: `arn:aws:sqs:eu-west-1:${STG}:own-queue` }, { kind: 'monitors', target: prodKey.arn }]);
      const loose = policyResource('loose', undefined, [{ kind: 'grants', target: prodBucket.arn }]);
      const listed = policyResource('listed', 'staging', [{ kind: 'grants', target: prodBucket.arn }]);
      const s = spec({ shared: [{ type: 'AWS::IAM::ManagedPolicy', name: 'listed', reason: 'break-glass' }] });
      expect(failures(run({ spec: s, resources: [prodBucket, prodKey, other, loose, listed] }))).toEqual([]);
    });

    it('a principal: a Statement object counts as a list of one; an allowed principal is not judged', () => {
      const single = principal(`arn:aws:iam::${STG}:role/single`, { tags: { env: 'staging' }, inlinePolicies: [{ name: 'p', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: prodBucket.arn } } }] });
      const listed = principal(`arn:aws:iam::${STG}:role/listed`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:*', Resource: prodBucket.arn }])] });
      const s = spec({ shared: [{ type: 'AWS::IAM::Role', name: 'listed', reason: 'audit' }] });
      expect(failures(run({ spec: s, resources: [prodBucket], principals: [single, listed] }))).toEqual([single.arn]);
    });

    it('a policy document without Statement, or with an empty statement, grants nothing', () => {
      const bare = principal(`arn:aws:iam::${STG}:role/bare`, { tags: { env: 'staging' }, inlinePolicies: [{ name: 'p', document: { Version: '2012-10-17' } as never }] });
      const hole = principal(`arn:aws:iam::${STG}:role/hole`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [null, { Effect: 'Allow', Action: 's3:*', Resource: prodBucket.arn }] as never)] });
      expect(failures(run({ resources: [prodBucket], principals: [bare, hole] }))).toEqual([hole.arn]);
    });

    it('an attached policy missing from the snapshot grants nothing; one that is a resource speaks for itself', () => {
      const pol = policyResource('res', 'staging', [{ kind: 'grants', target: prodBucket.arn }]);
      const doc = { Statement: [{ Effect: 'Allow' as const, Action: 's3:*', Resource: prodBucket.arn }] };
      const role = principal(`arn:aws:iam::${STG}:role/r`, { tags: { env: 'staging' }, attachedPolicies: [pol.arn, `arn:aws:iam::${STG}:policy/gone`] });
      const out = run({ resources: [prodBucket, pol], principals: [role], policies: [managed(pol.arn, doc)] });
      expect(failures(out)).toEqual([pol.arn]);
    });
  });
});
