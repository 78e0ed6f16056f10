import { describe, expect, it } from 'vitest';
import { isolationAnalysis, runIsolation, type IsolationOptions } from '../../../src/engine/analyses/isolation.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { context, inline, managed, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';

function run(input: ContextInput, options: IsolationOptions = {}): Outcome[] {
  return runIsolation(context(input), options);
}

function fails(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter((o) => o.status === 'fail');
}

function statusOf(outcomes: Outcome[], arn: string): string | undefined {
  return outcomes.find((o) => o.arn === arn)?.status;
}

const vpc = (account: string, id: string, env: string): Resource =>
  resource(`arn:aws:ec2:eu-west-1:${account}:vpc/${id}`, 'AWS::EC2::VPC', { tags: { env } });
const subnet = (account: string, id: string, env: string, vpcArn: string): Resource =>
  resource(`arn:aws:ec2:eu-west-1:${account}:subnet/${id}`, 'AWS::EC2::Subnet', { tags: { env }, relations: [{ kind: 'vpc', target: vpcArn }] });
const sg = (account: string, id: string, env: string, ingress: { cidrs?: string[]; groupIds?: string[] }[]): Resource =>
  resource(`arn:aws:ec2:eu-west-1:${account}:security-group/${id}`, 'AWS::EC2::SecurityGroup', {
    id,
    tags: { env },
    config: { groupId: id, vpcId: 'vpc-x', ingress: ingress.map((i) => ({ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: i.cidrs ?? [], groupIds: i.groupIds ?? [] })), egress: [] },
  });

describe('isolation: tags', () => {
  it('an environment tag saying shared, or naming two environments, is a finding', () => {
    const a = resource(`arn:aws:sqs:eu-west-1:${STG}:jobs`, 'AWS::SQS::Queue', { tags: { env: 'shared' } });
    const b = resource(`arn:aws:sns:eu-west-1:${STG}:alerts`, 'AWS::SNS::Topic', { tags: { Env: 'staging,production' } });
    const c = resource(`arn:aws:sns:eu-west-1:${STG}:ok`, 'AWS::SNS::Topic', { tags: { env: 'staging' } });
    const out = run({ resources: [a, b, c], envs: { [a.arn]: null, [b.arn]: null } });
    expect(fails(out).map((o) => o.arn)).toEqual([b.arn, a.arn]);
    expect(fails(out).find((o) => o.arn === b.arn)?.evidence.observed).toEqual({ environments: ['production', 'staging'] });
    expect(fails(out)[0]?.evidence.paths).toEqual(['tag']);
    expect(statusOf(out, c.arn)).toBe('pass');
  });
});

describe('isolation: shared targets', () => {
  it('a subnet of one environment inside another environment VPC', () => {
    const v = vpc(STG, 'vpc-1', 'staging');
    const ok = subnet(STG, 'subnet-1', 'staging', v.arn);
    const bad = subnet(STG, 'subnet-2', 'production', v.arn);
    const out = run({ resources: [v, ok] });
    expect(fails(out)).toEqual([]);
    const out2 = run({ resources: [v, ok, bad] });
    expect(fails(out2).map((o) => o.arn)).toEqual([v.arn]);
    const link = (fails(out2)[0]?.evidence.links as { environment: string; peer: string; via: string }[])[0];
    expect(link).toMatchObject({ environment: 'production', peer: bad.arn, via: 'vpc' });
  });

  it('a KMS key, log bucket or topic used by resources of two environments', () => {
    const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
    const logs = resource('arn:aws:s3:::logs', 'AWS::S3::Bucket', { accountId: STG });
    const topic = resource(`arn:aws:sns:eu-west-1:${STG}:alarms`, 'AWS::SNS::Topic', { tags: { env: 'production' } });
    const users = [
      resource('arn:aws:s3:::stg-a', 'AWS::S3::Bucket', { tags: { env: 'staging' }, relations: [{ kind: 'kms-key', target: key.arn }, { kind: 'logs-to', target: logs.arn }] }),
      resource('arn:aws:s3:::prd-a', 'AWS::S3::Bucket', { tags: { env: 'production' }, relations: [{ kind: 'kms-key', target: key.arn }, { kind: 'logs-to', target: logs.arn }] }),
      resource(`arn:aws:cloudwatch:eu-west-1:${STG}:alarm:a`, 'AWS::CloudWatch::Alarm', { tags: { env: 'production' }, relations: [{ kind: 'notifies', target: topic.arn }] }),
    ];
    const out = run({ resources: [key, logs, topic, ...users] });
    expect(fails(out).map((o) => o.arn).sort()).toEqual([logs.arn, key.arn].sort());
    expect(statusOf(out, topic.arn)).toBe('pass');
    expect(fails(out).find((o) => o.arn === logs.arn)?.evidence.observed).toEqual({ environments: ['production', 'staging'] });
  });

  it('an instance in another environment subnet', () => {
    const v = vpc(PRD, 'vpc-9', 'production');
    const s = subnet(PRD, 'subnet-9', 'production', v.arn);
    const i = resource(`arn:aws:ec2:eu-west-1:${PRD}:instance/i-1`, 'AWS::EC2::Instance', { tags: { env: 'staging' }, relations: [{ kind: 'subnet', target: s.arn }] });
    const out = run({ resources: [v, s, i] });
    expect(fails(out).map((o) => o.arn)).toEqual([s.arn]);
    expect(fails(out)[0]?.evidence.links).toEqual([expect.objectContaining({ path: 'shared-target', environment: 'staging', peer: i.arn, via: 'subnet' })]);
  });

  it('a role that instances of two environments run as (through their instance profiles)', () => {
    const role = resource(`arn:aws:iam::${PRD}:role/app`, 'AWS::IAM::Role', { region: 'global', tags: { env: 'production' } });
    const runsAs = [{ kind: 'instance-profile-role' as const, target: role.arn }];
    const prd = resource(`arn:aws:ec2:eu-west-1:${PRD}:instance/i-p`, 'AWS::EC2::Instance', { tags: { env: 'production' }, relations: runsAs });
    const stg = resource(`arn:aws:ec2:eu-west-1:${STG}:instance/i-s`, 'AWS::EC2::Instance', { tags: { env: 'staging' }, relations: runsAs });
    const out = run({ resources: [role, prd, stg] });
    expect(fails(out).map((o) => o.arn)).toEqual([role.arn]);
    expect(fails(out)[0]?.evidence.links).toEqual([expect.objectContaining({ path: 'shared-target', environment: 'staging', peer: stg.arn, via: 'instance-profile-role' })]);
    expect(fails(run({ resources: [role, prd] }))).toEqual([]);
  });

  it('monitoring relations do not count as sharing', () => {
    const t = resource(`arn:aws:sqs:eu-west-1:${STG}:q`, 'AWS::SQS::Queue', { tags: { env: 'staging' } });
    const alarm = resource(`arn:aws:cloudwatch:eu-west-1:${STG}:alarm:x`, 'AWS::CloudWatch::Alarm', { tags: { env: 'production' }, relations: [{ kind: 'monitors', target: t.arn }] });
    expect(fails(run({ resources: [t, alarm] }))).toEqual([]);
  });
});

describe('isolation: security groups', () => {
  it('a rule admitting another environment CIDR is a finding; its own CIDR and the internet are not', () => {
    const bad = sg(STG, 'sg-1', 'staging', [{ cidrs: ['10.2.4.0/24'] }]);
    const own = sg(STG, 'sg-2', 'staging', [{ cidrs: ['10.1.0.0/16', '0.0.0.0/0'] }]);
    const wide = sg(STG, 'sg-3', 'staging', [{ cidrs: ['10.0.0.0/8'] }]);
    const out = run({ resources: [bad, own, wide] });
    expect(fails(out).map((o) => o.arn)).toEqual([bad.arn, wide.arn]);
    expect(fails(out)[0]?.evidence.links).toEqual([expect.objectContaining({ path: 'ingress-cidr', environment: 'production', via: '10.2.4.0/24', peer: '10.2.0.0/16' })]);
  });

  it('ingress-cidr relations are read as well as the config', () => {
    const g = resource(`arn:aws:ec2:eu-west-1:${STG}:security-group/sg-7`, 'AWS::EC2::SecurityGroup', { tags: { env: 'staging' }, relations: [{ kind: 'ingress-cidr', target: 'cidr:10.2.0.5/32' }] });
    expect(fails(run({ resources: [g] })).map((o) => o.arn)).toEqual([g.arn]);
  });

  it('a rule admitting another environment security group is a finding', () => {
    const prod = sg(PRD, 'sg-p', 'production', []);
    const bad = sg(STG, 'sg-s', 'staging', [{ groupIds: ['sg-p'] }]);
    const good = sg(STG, 'sg-t', 'staging', [{ groupIds: ['sg-s'] }]);
    const out = run({ resources: [prod, bad, good] });
    expect(fails(out).map((o) => o.arn)).toEqual([bad.arn]);
    expect(fails(out)[0]?.evidence.links).toEqual([expect.objectContaining({ path: 'ingress-security-group', environment: 'production', peer: prod.arn })]);
  });
});

describe('isolation: IAM grants', () => {
  const prodBucket = resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } });
  const stgBucket = resource('arn:aws:s3:::stg-data', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'staging' } });

  it('a staging principal whose policy names production resources', () => {
    const bad = principal(`arn:aws:iam::${STG}:role/stg-app`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-*/*' }])] });
    const good = principal(`arn:aws:iam::${STG}:role/stg-ok`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::stg-*/*' }])] });
    const out = run({ resources: [prodBucket, stgBucket], principals: [bad, good] });
    expect(fails(out).map((o) => o.arn)).toEqual([bad.arn]);
    const f = fails(out)[0]!;
    expect(f.resource).toMatchObject({ type: 'AWS::IAM::Role', accountId: STG });
    expect(f.evidence.links).toEqual([expect.objectContaining({ path: 'grants', environment: 'production', via: 'arn:aws:s3:::prod-*/*', samples: [prodBucket.arn] })]);
    expect(statusOf(out, good.arn)).toBe('pass');
  });

  it('grants relations of policy resources, and attached managed policies', () => {
    const pol = resource(`arn:aws:iam::${STG}:policy/stg-policy`, 'AWS::IAM::ManagedPolicy', { tags: { env: 'staging' }, relations: [{ kind: 'grants', target: 'arn:aws:s3:::prod-data' }] });
    const awsPolicy = managed('arn:aws:iam::aws:policy/ProdReader', { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::prod-data'] }] });
    const role = principal(`arn:aws:iam::${STG}:role/stg-x`, { tags: { env: 'staging' }, attachedPolicies: [pol.arn, awsPolicy.arn] });
    const out = run({ resources: [prodBucket, stgBucket, pol], principals: [role], policies: [awsPolicy] });
    expect(fails(out).map((o) => o.arn).sort()).toEqual([pol.arn, role.arn].sort());
    expect(fails(out).find((o) => o.arn === role.arn)?.evidence.links).toEqual([expect.objectContaining({ policy: awsPolicy.arn })]);
  });

  it('Resource * reaches every environment of a shared account; separate accounts keep it in place', () => {
    const shared: Spec = spec({
      environments: { ...spec().environments, production: { ...spec().environments.production!, accounts: [{ id: STG }] } },
    });
    const admin = principal(`arn:aws:iam::${STG}:role/stg-admin`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: '*', Resource: '*' }])] });
    const separate = run({ resources: [prodBucket, stgBucket], principals: [admin] });
    expect(fails(separate)).toEqual([]);
    const together = run({ spec: shared, resources: [prodBucket, stgBucket], principals: [admin] });
    expect(fails(together).map((o) => o.arn)).toEqual([admin.arn]);
    expect(fails(together)[0]?.evidence.links).toEqual([expect.objectContaining({ accountWide: true, environment: 'production' })]);
  });
});

describe('isolation: allowances and options', () => {
  const zone = resource('arn:aws:route53:::hostedzone/Z1', 'AWS::Route53::HostedZone', { accountId: STG, name: 'example.com', tags: { env: 'shared' } });
  const recordWriter = (env: string, account: string): ReturnType<typeof principal> =>
    principal(`arn:aws:iam::${account}:role/${env}-dns`, { tags: { env }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: zone.arn }])] });
  const allowZone: Spec = spec({ shared: [{ type: 'AWS::Route53::HostedZone', name: 'example.com', reason: 'one public zone serves every environment' }] });

  it('a hosted zone the spec lists as shared passes, and policies reaching it are not findings', () => {
    const input: ContextInput = { resources: [zone], principals: [recordWriter('staging', STG), recordWriter('production', PRD)], envs: { [zone.arn]: 'production' } };
    const without = run(input);
    expect(fails(without).map((o) => o.arn).sort()).toEqual([zone.arn, `arn:aws:iam::${STG}:role/staging-dns`].sort());
    const withAllowance = run({ ...input, spec: allowZone });
    expect(fails(withAllowance)).toEqual([]);
    expect(withAllowance.find((o) => o.arn === zone.arn)).toMatchObject({ status: 'pass', specPath: '/shared/0' });
  });

  it('an allowance names a type and patterns: another zone is still a finding', () => {
    const other = resource('arn:aws:route53:::hostedzone/Z2', 'AWS::Route53::HostedZone', { accountId: STG, name: 'internal.example', tags: { env: 'shared' } });
    expect(fails(run({ spec: allowZone, resources: [zone, other] })).map((o) => o.arn)).toEqual([other.arn]);
  });

  it('paths select what a rule checks; evidence is capped while the count stays complete', () => {
    const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
    const users = Array.from({ length: 30 }, (_, i) =>
      resource(`arn:aws:sqs:eu-west-1:${STG}:q${String(i).padStart(2, '0')}`, 'AWS::SQS::Queue', { tags: { env: i % 2 ? 'production' : 'staging' }, relations: [{ kind: 'kms-key', target: key.arn }], config: {} }),
    );
    const tagged = resource(`arn:aws:sqs:eu-west-1:${STG}:t`, 'AWS::SQS::Queue', { tags: { env: 'shared' } });
    const onlyTags = run({ resources: [key, tagged, ...users] }, { paths: ['tag'] });
    expect(fails(onlyTags).map((o) => o.arn)).toEqual([tagged.arn]);
    const capped = fails(run({ resources: [key, ...users] }, { paths: ['shared-target'], maxLinks: 2 }));
    expect((capped[0]?.evidence.links as unknown[]).length).toBe(2);
    expect(capped[0]?.evidence.linkCount).toBe(3);
    expect(capped[0]?.evidence.links).toEqual([expect.objectContaining({ environment: 'production', users: 15 }), expect.anything()]);
  });

  it('declares its options schema and is deterministic', () => {
    expect(isolationAnalysis.name).toBe('isolation');
    expect(isolationAnalysis.optionsSchema).toMatchObject({ additionalProperties: false });
    const input: ContextInput = { resources: [zone], principals: [recordWriter('staging', STG)] };
    expect(JSON.stringify(run(input))).toBe(JSON.stringify(run(input)));
  });
});
