// What the isolation analysis reports, whole: the order of subjects, links, paths and
// environments; the resource reference of subjects that are principals or outside the
// snapshot; the allowances (by type, name, ARN); which subjects each choice of paths
// judges and passes; and passes under collection errors and in summary mode.
import { describe, expect, it } from 'vitest';
import { runIsolation, type IsolationOptions } from '../../../src/engine/analyses/isolation.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { context, env, inline, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';
const DEV = '333333333333';
const run = (input: ContextInput, options: IsolationOptions = {}): Outcome[] => runIsolation(context(input), options);
const queue = (name: string, envName: string | undefined, relations: Resource['relations'] = []) => resource(`arn:aws:sqs:eu-west-1:${STG}:${name}`, 'AWS::SQS::Queue', { tags: envName ? { env: envName } : {}, relations });
const threeEnvs = () => {
  const s = spec();
  s.environments.dev = env({ accounts: [{ id: DEV }], network: { vpcCidrs: ['10.3.0.0/16'], subnetCidrs: [], availabilityZones: [] } });
  return s;
};

const fails = (out: Outcome[]) => out.filter((o) => o.status === 'fail');

describe('isolation outcomes: order and wording', () => {
  const k1 = resource(`arn:aws:kms:eu-west-1:${STG}:key/k1`, 'AWS::KMS::Key', { tags: { env: 'production,staging' } });
  const k2 = resource(`arn:aws:kms:eu-west-1:${STG}:key/k2`, 'AWS::KMS::Key', { tags: { env: 'staging' } });
  const tagged = queue('tagged', 'dev staging');
  const users = [queue('dq', 'dev', [{ kind: 'kms-key', target: k1.arn }]), queue('p1', 'production', [{ kind: 'kms-key', target: k1.arn }, { kind: 'kms-key', target: k2.arn }]), queue('p2', 'production', [{ kind: 'kms-key', target: k1.arn }])];
  // k1 is tagged and shared, k2 only shared, `tagged` only tagged: the tag path meets k1 and
  // `tagged` before the shared-target path meets k2.
  const out = () => run({ spec: threeEnvs(), resources: [k1, k2, tagged, ...users], envs: { [k1.arn]: 'staging', [tagged.arn]: null } });
  const link = (path: string, environment: string, extra: Record<string, unknown>, summary: string) => ({ path, environment, ...extra, summary });

  it('subjects by ARN; links by environment, then path, then what links; paths and environments sorted', () => {
    const f = fails(out());
    expect(f.map((o) => o.arn)).toEqual([k1.arn, k2.arn, tagged.arn]);
    expect(f[0]).toEqual({
      status: 'fail',
      arn: k1.arn,
      message: `AWS::KMS::Key 'k1' (staging): used (kms-key) by ${users[0]!.arn} of dev (and 4 more link(s)); the spec keeps dev, production apart from staging`,
      evidence: {
        observed: { environments: ['dev', 'production', 'staging'] },
        expected: { environments: ['staging'] },
        environment: 'staging',
        paths: ['shared-target', 'tag'],
        links: [
          link('shared-target', 'dev', { via: 'kms-key', peer: users[0]!.arn, users: 1 }, `used (kms-key) by ${users[0]!.arn} of dev`),
          link('shared-target', 'production', { via: 'kms-key', peer: users[1]!.arn, users: 2 }, `used (kms-key) by ${users[1]!.arn} of production`),
          link('shared-target', 'production', { via: 'kms-key', peer: users[2]!.arn, users: 2 }, `used (kms-key) by ${users[2]!.arn} of production`),
          link('tag', 'production', { via: 'env=production,staging' }, 'tagged env=production,staging'),
          link('tag', 'staging', { via: 'env=production,staging' }, 'tagged env=production,staging'),
        ],
        linkCount: 5,
      },
      environments: ['dev', 'production', 'staging'],
    });
  });

  it('a subject first met by the tag path keeps its own environment; an unattributed one is kept apart from "other environments"', () => {
    const f = fails(out());
    expect(f.map((o) => [o.evidence.environment, o.evidence.expected])).toEqual([
      ['staging', { environments: ['staging'] }],
      ['staging', { environments: ['staging'] }],
      [null, { environments: ['one environment'] }],
    ]);
    expect(f[2]!.message).toBe("AWS::SQS::Queue 'tagged': tagged env=dev staging (and 1 more link(s)); the spec keeps dev, staging apart from other environments");
  });

  it("a finding's paths are sorted, also when an earlier environment's link has the later path", () => {
    const key = resource(`arn:aws:kms:eu-west-1:${STG}:key/k3`, 'AWS::KMS::Key', { tags: { env: 'dev,staging' } });
    const user = queue('pq', 'production', [{ kind: 'kms-key', target: key.arn }]);
    const f = fails(run({ spec: threeEnvs(), resources: [key, user], envs: { [key.arn]: 'staging' } }))[0]!;
    expect([(f.evidence.links as { environment: string; path: string }[]).map((l) => `${l.environment}/${l.path}`), f.evidence.paths]).toEqual([
      ['dev/tag', 'production/shared-target', 'staging/tag'],
      ['shared-target', 'tag'],
    ]);
  });

  it('maxLinks caps the listed links, not their count', () => {
    const f = fails(runIsolation(context({ spec: threeEnvs(), resources: [k1, k2, tagged, ...users], envs: { [k1.arn]: 'staging', [tagged.arn]: null } }), { maxLinks: 2 }))[0]!;
    expect([(f.evidence.links as unknown[]).length, f.evidence.linkCount]).toEqual([2, 5]);
  });
});

describe('isolation outcomes: subjects that are no resource of the snapshot', () => {
  const user = principal(`arn:aws:iam::${STG}:user/ann`, { tags: { env: 'staging,production' } });
  const group = principal(`arn:aws:iam::${STG}:group/ops`, { tags: { env: 'staging,production' } });
  const role = principal(`arn:aws:iam::${STG}:role/app`, { tags: { env: 'staging' } });
  const outside = `arn:aws:kms:eu-west-1:${STG}:key/k9`;
  const users = [queue('a', 'staging', [{ kind: 'kms-key', target: outside }]), queue('b', 'production', [{ kind: 'kms-key', target: outside }])];
  // A non-empty shared list: allowances are then looked up for every subject, the outside key included.
  const s = () => spec({ shared: [{ type: 'AWS::S3::Bucket', name: 'nothing-here', reason: 'unused' }] });
  const out = () => run({ spec: s(), resources: users, principals: [user, group, role], envs: { [user.arn]: null, [group.arn]: null } });
  const tagLinks = [
    { path: 'tag', environment: 'production', via: 'env=staging,production', summary: 'tagged env=staging,production' },
    { path: 'tag', environment: 'staging', via: 'env=staging,production', summary: 'tagged env=staging,production' },
  ];

  it('principals are judged by their tags and named by their IAM type', () => {
    const f = fails(out());
    expect(f.slice(0, 2)).toEqual([
      {
        status: 'fail',
        arn: group.arn,
        resource: { accountId: STG, region: 'global', type: 'AWS::IAM::Group', name: 'ops', environment: null },
        message: "AWS::IAM::Group 'ops': tagged env=staging,production (and 1 more link(s)); the spec keeps production, staging apart from other environments",
        evidence: { observed: { environments: ['production', 'staging'] }, expected: { environments: ['one environment'] }, environment: null, paths: ['tag'], links: tagLinks, linkCount: 2 },
        environments: ['production', 'staging'],
      },
      {
        status: 'fail',
        arn: user.arn,
        resource: { accountId: STG, region: 'global', type: 'AWS::IAM::User', name: 'ann', environment: null },
        message: "AWS::IAM::User 'ann': tagged env=staging,production (and 1 more link(s)); the spec keeps production, staging apart from other environments",
        evidence: { observed: { environments: ['production', 'staging'] }, expected: { environments: ['one environment'] }, environment: null, paths: ['tag'], links: tagLinks, linkCount: 2 },
        environments: ['production', 'staging'],
      },
    ]);
  });

  it('a target outside the snapshot used from two environments is named from its ARN', () => {
    const f = fails(out()).find((o) => o.arn === outside)!;
    expect([f.resource, f.message]).toEqual([
      { accountId: STG, region: 'eu-west-1', type: 'unknown', name: 'k9', environment: null },
      `unknown '${outside}': used (kms-key) by ${users[1]!.arn} of production (and 1 more link(s)); the spec keeps production, staging apart from other environments`,
    ]);
  });

  it('a principal without links passes with its IAM reference', () => {
    expect(out().find((o) => o.arn === role.arn)).toEqual({
      arn: role.arn,
      status: 'pass',
      message: "'app' is used by staging only",
      evidence: { observed: { environments: ['staging'] }, expected: { environments: ['staging'] } },
      resource: { accountId: STG, region: 'global', type: 'AWS::IAM::Role', name: 'app', environment: 'staging' },
    });
  });

  it('a principal that is also a resource of the snapshot is judged and passed once', () => {
    const asResource = resource(role.arn, 'AWS::IAM::Role', { accountId: STG, region: 'global', tags: { env: 'staging' } });
    expect(run({ resources: [asResource], principals: [role] }).map((o) => [o.arn, o.status])).toEqual([[role.arn, 'pass']]);
  });

  it('grants on * name every environment in the account', () => {
    const prodInStg = resource('arn:aws:s3:::prod-in-stg', 'AWS::S3::Bucket', { accountId: STG, tags: { env: 'production' } });
    const wide = principal(`arn:aws:iam::${STG}:role/wide`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])] });
    const policy = `inline:${wide.arn}:p`;
    expect(fails(run({ resources: [prodInStg], principals: [wide] })).map((o) => o.evidence.links)).toEqual([
      [{ path: 'grants', environment: 'production', via: '*', policy, accountWide: true, summary: `${policy} grants on * (every environment in the account), reaching production` }],
    ]);
  });
});

describe('isolation outcomes: allowances', () => {
  const t = (name: string, envName: string) => resource(`arn:aws:sns:eu-west-1:${STG}:${name}`, 'AWS::SNS::Topic', { tags: { env: envName } });
  const multi = [t('ops-a', 'staging,production'), t('ops-b', 'staging,production')];
  const judged = (shared: NonNullable<Parameters<typeof spec>[0]>['shared']) => run({ spec: spec({ shared }), resources: multi, envs: Object.fromEntries(multi.map((r) => [r.arn, 'staging'])) }).map((o) => [o.arn.split(':').pop(), o.status]);

  it('by type and ARN pattern, with no name; a non-matching ARN pattern allows nothing', () => {
    expect(judged([{ type: 'AWS::SNS::Topic', arn: `arn:aws:sns:*:${STG}:ops-a`, reason: 'fan-out' }])).toEqual([['ops-b', 'fail'], ['ops-a', 'pass']]);
    expect(judged([{ type: 'AWS::SNS::Topic', name: 'ops-*', arn: `arn:aws:sns:*:${PRD}:*`, reason: 'fan-out' }])).toEqual([['ops-a', 'fail'], ['ops-b', 'fail']]);
  });

  it('an allowed subject passes naming the allowance, also an AWS managed key', () => {
    const managed = resource(`arn:aws:kms:eu-west-1:${STG}:key/aws1`, 'AWS::KMS::Key', { name: 'aws1', tags: { env: 'staging' }, config: { keyManager: 'AWS' } });
    const allowance = { type: 'AWS::KMS::Key', name: 'aws1', reason: 'default key' };
    expect(run({ spec: spec({ shared: [allowance] }), resources: [managed] })).toEqual([
      { arn: managed.arn, status: 'pass', message: "'aws1' may be shared: default key", evidence: { observed: 'listed as shared', expected: 'used by one environment unless listed', allowance }, specPath: '/shared/0' },
    ]);
  });

  it('an allowed principal with a tag naming two environments passes', () => {
    const p = principal(`arn:aws:iam::${STG}:role/breakglass`, { tags: { env: 'staging,production' } });
    expect(run({ spec: spec({ shared: [{ type: 'AWS::IAM::Role', name: 'breakglass', reason: 'incident access' }] }), principals: [p], envs: { [p.arn]: null } }).map((o) => [o.status, o.message])).toEqual([['pass', "'breakglass' may be shared: incident access"]]);
  });
});

describe('isolation outcomes: which subjects each choice of paths judges and passes', () => {
  const stgGroup = resource(`arn:aws:ec2:eu-west-1:${STG}:security-group/sg-s`, 'AWS::EC2::SecurityGroup', { tags: { env: 'staging' }, config: { groupId: 'sg-s', ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['10.2.0.0/24'], groupIds: [] }], egress: [] } });
  const prodBucket = resource('arn:aws:s3:::prod-data', 'AWS::S3::Bucket', { accountId: PRD, tags: { env: 'production' } });
  // A grants source that is no IAM type, sorting after the IAM role resource: passes still come in snapshot order.
  const permissionSet = resource(`arn:aws:sso:::permissionSet/ssoins-1/ps`, 'AWS::SSO::PermissionSet', { accountId: STG, tags: { env: 'staging' }, relations: [{ kind: 'grants', target: `arn:aws:sqs:eu-west-1:${STG}:own` }] });
  const roleRes = resource(`arn:aws:iam::${STG}:role/app`, 'AWS::IAM::Role', { accountId: STG, region: 'global', tags: { env: 'staging' } });
  const multi = resource(`arn:aws:sns:eu-west-1:${STG}:multi`, 'AWS::SNS::Topic', { tags: { env: 'staging,production' } });
  const reader = principal(`arn:aws:iam::${STG}:role/reader`, { tags: { env: 'staging' }, inlinePolicies: [inline('p', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: prodBucket.arn }])] });
  const all = () => run({ resources: [stgGroup, prodBucket, permissionSet, roleRes, multi], principals: [reader], envs: { [multi.arn]: null } }, { paths: pathsUnderTest });
  let pathsUnderTest: IsolationOptions['paths'];
  const summary = (paths: IsolationOptions['paths']) => {
    pathsUnderTest = paths;
    return all().map((o) => `${o.status} ${o.arn.split(/[/:]/).pop()}`);
  };

  it('ingress-cidr alone: security groups only', () => {
    expect(summary(['ingress-cidr'])).toEqual(['fail sg-s']);
    expect(summary(['ingress-security-group'])).toEqual(['pass sg-s']);
  });

  it('grants alone: IAM resources, grants sources and principals, in snapshot order', () => {
    expect(summary(['grants'])).toEqual(['fail reader', 'pass app', 'pass ps']);
  });

  it('tag alone: every resource and principal, and no grant', () => {
    expect(summary(['tag'])).toEqual(['fail multi', 'pass sg-s', 'pass app', 'pass prod-data', 'pass ps', 'pass reader']);
  });

  it('shared-target alone: every resource, no principal', () => {
    expect(summary(['shared-target'])).toEqual(['pass sg-s', 'pass app', 'pass prod-data', 'pass ps']);
  });
});

describe('isolation outcomes: passes under collection errors and in summary mode', () => {
  const errors = [{ accountId: STG, region: 'eu-west-1', service: 'sqs', operation: 'ListQueues', code: 'AccessDenied', message: 'denied', affects: ['AWS::SQS::Queue'] }];
  const topic = resource(`arn:aws:sns:eu-west-1:${STG}:t`, 'AWS::SNS::Topic', { tags: { env: 'staging' } });
  const listed = queue('listed', 'staging');
  const role = principal(`arn:aws:iam::${STG}:role/app`, { tags: { env: 'staging' } });

  it('an error of another type, an allowed resource and a principal still pass', () => {
    const s = spec({ shared: [{ type: 'AWS::SQS::Queue', name: 'listed', reason: 'fan-out' }] });
    expect(run({ spec: s, resources: [topic, listed], principals: [role], errors }).map((o) => [o.arn.split(/[/:]/).pop(), o.status])).toEqual([['t', 'pass'], ['listed', 'pass'], ['app', 'pass']]);
  });

  it('summary mode counts passes instead of listing them', () => {
    const ctx = context({ resources: [topic], principals: [role] });
    const counted: [string | null, string][] = [];
    ctx.countPass = (e, arn) => void counted.push([e, arn]);
    expect(runIsolation(ctx, {})).toEqual([]);
    expect(counted).toEqual([['staging', topic.arn], ['staging', role.arn]]);
  });
});
