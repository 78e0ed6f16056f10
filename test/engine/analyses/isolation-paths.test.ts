// Each isolation path with its negative cases, asserting the exact links: a Deny is no
// grant, a CIDR outside every environment reaches none, host bits denote their network,
// and what the spec lists as shared (the allowlist) is no finding.
import { describe, expect, it } from 'vitest';
import { runIsolation, type IsolationOptions } from '../../../src/engine/analyses/isolation.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { context, inline, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

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
