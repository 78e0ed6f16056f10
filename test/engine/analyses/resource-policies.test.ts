// Resource policies as isolation paths (isolation path `resource-policy`) and public
// statements (resource-policy-public): exact links and outcomes, with the negative cases
// (Deny, the resource's own account and environment, conditions that stay inside it).
import { describe, expect, it } from 'vitest';
import { runIsolation } from '../../../src/engine/analyses/isolation.js';
import { allowStatements, parseAwsPrincipal } from '../../../src/engine/analyses/resource-policies.js';
import { resourcePolicyPublicAnalysis } from '../../../src/engine/analyses/resource-policy-public.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import { context, env, principal, resource, spec, type ContextInput } from './iso-access-factory.js';

const STG = '111111111111';
const PRD = '222222222222';
const CI_ROLE = `arn:aws:iam::${STG}:role/ci`;

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const prodWith = (arn: string, type: string, policy: unknown, over: Partial<Resource> = {}): Resource =>
  resource(arn, type, { tags: { env: 'production' }, config: { policy }, ...over });

function isolation(input: ContextInput): Outcome[] {
  return runIsolation(context({ principals: [principal(CI_ROLE, { tags: { env: 'staging' } })], ...input }), { paths: ['resource-policy'] });
}

function linksOf(out: Outcome[], arn: string): unknown {
  const o = out.find((x) => x.arn === arn);
  expect(o, arn).toBeDefined();
  return o!.status === 'fail' ? (o!.evidence.links as Record<string, unknown>[]).map(({ summary, ...l }) => (void summary, l)) : o!.status;
}

describe('resource policy statements', () => {
  it('reads principals as accounts, principals (a role session as its role), services and everyone', () => {
    expect(parseAwsPrincipal('*')).toEqual({ kind: 'public', text: '*' });
    expect(parseAwsPrincipal(STG)).toEqual({ kind: 'account', account: STG, text: STG });
    expect(parseAwsPrincipal(`arn:aws:iam::${STG}:root`)).toEqual({ kind: 'account', account: STG, text: `arn:aws:iam::${STG}:root` });
    expect(parseAwsPrincipal(`arn:aws:sts::${STG}:assumed-role/ci/build-42`)).toMatchObject({ kind: 'principal', arn: CI_ROLE });
    expect(parseAwsPrincipal('AIDAEXAMPLE')).toEqual({ kind: 'other', text: 'AIDAEXAMPLE' });
    const stmts = allowStatements(
      doc(
        { Effect: 'Deny', Principal: '*', Action: 's3:*' },
        { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com', AWS: [STG] }, Action: ['sqs:SendMessage'] },
        { Sid: 'Everyone', Effect: 'Allow', NotPrincipal: { AWS: STG }, NotAction: 's3:Delete*' },
      ),
    );
    expect(stmts.map((s) => [s.label, s.grantees.map((g) => g.kind), s.actions, s.notAction])).toEqual([
      ['statement 2', ['service', 'account'], ['sqs:SendMessage'], false],
      ['Sid Everyone', ['public'], ['s3:Delete*'], true],
    ]);
  });
});

describe('isolation: resource policies', () => {
  const bucket = `arn:aws:s3:::prod-data`;

  it('names the statement, the principal and the actions of every grant to another environment', () => {
    const policy = doc(
      { Sid: 'StagingCi', Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: ['s3:GetObject', 's3:PutObject'], Resource: `${bucket}/*` },
      // Deny never grants; the own account and '*' without a condition are no link here.
      { Sid: 'DenyStaging', Effect: 'Deny', Principal: { AWS: STG }, Action: 's3:*', Resource: `${bucket}/*` },
      { Sid: 'Own', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PRD}:root` }, Action: 's3:*', Resource: bucket },
      { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket}/*` },
      { Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: bucket, Condition: { StringEquals: { 'aws:SourceAccount': STG } } },
    );
    const out = isolation({ resources: [prodWith(bucket, 'AWS::S3::Bucket', policy, { accountId: PRD })] });
    expect(linksOf(out, bucket)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `* with aws:sourceaccount=${STG}`, policy: 'resource policy statement 5', actions: ['s3:ListBucket'] },
      { path: 'resource-policy', environment: 'staging', via: CI_ROLE, policy: 'resource policy Sid StagingCi', actions: ['s3:GetObject', 's3:PutObject'] },
    ]);
    const o = out.find((x) => x.arn === bucket)!;
    expect(o.evidence.paths).toEqual(['resource-policy']);
    expect(o.message).toBe(
      `AWS::S3::Bucket 'prod-data' (production): resource policy statement 5 admits * with aws:sourceaccount=${STG} of staging to s3:ListBucket (and 1 more link(s)); the spec keeps staging apart from production`,
    );
  });

  it('queues, topics and keys: service principals by aws:SourceArn, the organisation, another account root', () => {
    const queue = `arn:aws:sqs:eu-west-1:${PRD}:orders`;
    const topic = `arn:aws:sns:eu-west-1:${PRD}:alerts`;
    const key = `arn:aws:kms:eu-west-1:${PRD}:key/k1`;
    const stgTopic = resource(`arn:aws:sns:eu-west-1:${STG}:events`, 'AWS::SNS::Topic', { tags: { env: 'staging' } });
    const out = isolation({
      resources: [
        stgTopic,
        prodWith(queue, 'AWS::SQS::Queue', doc({ Sid: 'FromTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': stgTopic.arn } } })),
        prodWith(topic, 'AWS::SNS::Topic', doc({ Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })),
        prodWith(key, 'AWS::KMS::Key', null, { config: { keyManager: 'CUSTOMER', policy: doc({ Sid: 'Staging', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: ['kms:Decrypt'], Resource: '*' }) } }),
      ],
    });
    expect(linksOf(out, queue)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `sns.amazonaws.com with aws:sourcearn=${stgTopic.arn}`, policy: 'resource policy Sid FromTopic', actions: ['sqs:SendMessage'] },
    ]);
    expect(linksOf(out, topic)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: '* with aws:principalorgid=o-abc123', policy: 'resource policy Sid Org', actions: ['sns:Publish'], assumed: 'every environment is assumed to be in the organisation' },
    ]);
    expect(linksOf(out, key)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `arn:aws:iam::${STG}:root`, policy: 'resource policy Sid Staging', actions: ['kms:Decrypt'] },
    ]);
    expect(linksOf(out, stgTopic.arn)).toBe('pass');
  });

  it('secrets: a resource policy granting another environment role is a link naming the statement', () => {
    const secret = `arn:aws:secretsmanager:eu-west-1:${PRD}:secret:orders-db-AbCdEf`;
    const out = isolation({ resources: [prodWith(secret, 'AWS::SecretsManager::Secret', doc({ Sid: 'CiReads', Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }), { accountId: PRD })] });
    expect(linksOf(out, secret)).toEqual([{ path: 'resource-policy', environment: 'staging', via: CI_ROLE, policy: 'resource policy Sid CiReads', actions: ['secretsmanager:GetSecretValue'] }]);
  });

  it('passes grants that stay inside the environment: own VPC endpoint, own source account, own principals', () => {
    const vpce = resource(`arn:aws:ec2:eu-west-1:${PRD}:vpc-endpoint/vpce-1`, 'AWS::EC2::VPCEndpoint', { tags: { env: 'production' }, config: { vpcEndpointId: 'vpce-1' } });
    const prodRole = principal(`arn:aws:iam::${PRD}:role/app`, { tags: { env: 'production' } });
    const policy = doc(
      { Sid: 'Vpce', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } },
      { Sid: 'Account', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceAccount': PRD } } },
      { Sid: 'App', Effect: 'Allow', Principal: { AWS: prodRole.arn }, Action: 's3:*' },
    );
    const out = isolation({ resources: [vpce, prodWith(bucket, 'AWS::S3::Bucket', policy, { accountId: PRD })], principals: [prodRole, principal(CI_ROLE, { tags: { env: 'staging' } })] });
    expect(linksOf(out, bucket)).toBe('pass');
  });

  it('an account holding both environments is the resource own account; a condition it cannot resolve reaches everyone', () => {
    const one = spec({
      environments: {
        staging: env({ accounts: [{ id: PRD }] }),
        production: env({ accounts: [{ id: PRD }] }),
      },
    });
    const policy = doc(
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: PRD }, Action: 'sqs:*' },
      { Sid: 'Office', Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
    );
    const queue = `arn:aws:sqs:eu-west-1:${PRD}:q`;
    const out = isolation({ spec: one, resources: [prodWith(queue, 'AWS::SQS::Queue', policy)] });
    expect(linksOf(out, queue)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: '*', policy: 'resource policy Sid Office', actions: ['sqs:ReceiveMessage'], assumed: 'condition not resolved to accounts: IpAddress aws:sourceip' },
    ]);
    // In that shared account, a source ARN matching the other environment's topic is a link
    // (the account's own environment among its matches does not hide it).
    const stgTopic = resource(`arn:aws:sns:eu-west-1:${PRD}:stg-events`, 'AWS::SNS::Topic', { tags: { env: 'staging' } });
    const prdTopic = resource(`arn:aws:sns:eu-west-1:${PRD}:prd-events`, 'AWS::SNS::Topic', { tags: { env: 'production' } });
    const fromTopics = doc({ Sid: 'Topics', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${PRD}:*-events` } } });
    const out2 = isolation({ spec: one, resources: [stgTopic, prdTopic, prodWith(queue, 'AWS::SQS::Queue', fromTopics)] });
    expect(linksOf(out2, queue)).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `sns.amazonaws.com with aws:sourcearn=arn:aws:sns:eu-west-1:${PRD}:*-events`, policy: 'resource policy Sid Topics', actions: ['sqs:SendMessage'] },
    ]);
  });
});

describe('isolation: which resource policies are read', () => {
  const grant = (extra: Record<string, unknown> = {}) => doc({ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: 's3:GetObject', ...extra });

  it('a resource of no environment, or one the spec lets be shared, makes no link', () => {
    const loose = resource('arn:aws:s3:::loose', 'AWS::S3::Bucket', { config: { policy: grant() } });
    const tools = prodWith('arn:aws:s3:::tools', 'AWS::S3::Bucket', grant());
    const data = prodWith('arn:aws:s3:::data', 'AWS::S3::Bucket', grant());
    const out = isolation({ spec: spec({ shared: [{ type: 'AWS::S3::Bucket', name: 'tools', reason: 'build tools for every environment' }] }), resources: [loose, tools, data] });
    expect(out.find((o) => o.arn === loose.arn)).toBeUndefined();
    expect(out.find((o) => o.arn === tools.arn)).toMatchObject({ status: 'pass', message: "'tools' may be shared: build tools for every environment" });
    expect(linksOf(out, data.arn)).toEqual([{ path: 'resource-policy', environment: 'staging', via: CI_ROLE, policy: 'resource policy Sid Ci', actions: ['s3:GetObject'] }]);
  });

  it('names NotAction grants as such and at most five actions per link', () => {
    const notAction = prodWith('arn:aws:s3:::not-action', 'AWS::S3::Bucket', doc({ Sid: 'AllBut', Effect: 'Allow', Principal: { AWS: CI_ROLE }, NotAction: ['s3:DeleteBucket', 's3:PutBucketPolicy'] }));
    const many = prodWith('arn:aws:s3:::many', 'AWS::S3::Bucket', grant({ Action: ['s3:A1', 's3:A2', 's3:A3', 's3:A4', 's3:A5', 's3:A6'] }));
    const out = isolation({ resources: [notAction, many] });
    expect(linksOf(out, notAction.arn)).toEqual([{ path: 'resource-policy', environment: 'staging', via: CI_ROLE, policy: 'resource policy Sid AllBut', actions: ['NotAction s3:DeleteBucket', 'NotAction s3:PutBucketPolicy'] }]);
    expect(linksOf(out, many.arn)).toEqual([{ path: 'resource-policy', environment: 'staging', via: CI_ROLE, policy: 'resource policy Sid Ci', actions: ['s3:A1', 's3:A2', 's3:A3', 's3:A4', 's3:A5'] }]);
  });
});

describe('resource-policy-public', () => {
  const run = (resources: Resource[], s = spec()): Outcome[] => resourcePolicyPublicAnalysis.run(context({ spec: s, resources }), {}) as Outcome[];
  const pub = doc({ Sid: 'World', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });

  it('fails an unconditional Allow for everyone, naming the statement; passes what S3 or a condition stops', () => {
    const open = prodWith('arn:aws:s3:::open', 'AWS::S3::Bucket', pub);
    const restricted = prodWith('arn:aws:s3:::restricted', 'AWS::S3::Bucket', pub, { config: { policy: pub, publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } } });
    const none = prodWith('arn:aws:s3:::none', 'AWS::S3::Bucket', null);
    const conditional = prodWith(`arn:aws:sqs:eu-west-1:${PRD}:q`, 'AWS::SQS::Queue', doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:222222222222:*' } } }));
    const everyoneBut = prodWith(`arn:aws:sns:eu-west-1:${PRD}:t`, 'AWS::SNS::Topic', doc({ Effect: 'Allow', NotPrincipal: { AWS: PRD }, Action: 'sns:Subscribe' }));
    const cmkWithout = resource(`arn:aws:kms:eu-west-1:${PRD}:key/k2`, 'AWS::KMS::Key', { tags: { env: 'production' }, config: { keyManager: 'CUSTOMER' } });
    const out = run([open, restricted, none, conditional, everyoneBut, cmkWithout]);
    const by = new Map(out.map((o) => [o.arn, o]));
    expect(by.get(open.arn)).toMatchObject({
      status: 'fail',
      message: "AWS::S3::Bucket 'open': Sid World (s3:GetObject) admits everyone with no condition",
      evidence: { observed: [{ statement: 'Sid World', principal: '*', actions: ['s3:GetObject'] }] },
      specPath: '/environments/production/dataProtection/publicPolicies',
    });
    expect(by.get(everyoneBut.arn)).toMatchObject({ status: 'fail', evidence: { observed: [{ statement: 'statement 1', principal: 'NotPrincipal', actions: ['sns:Subscribe'] }] } });
    expect(by.get(restricted.arn)?.status).toBe('pass');
    expect(by.get(restricted.arn)?.evidence.restrictPublicBuckets).toBe(true);
    expect(by.get(none.arn)).toMatchObject({ status: 'pass', message: "AWS::S3::Bucket 'none': no resource policy" });
    expect(by.get(conditional.arn)?.status).toBe('pass');
    // Every key has a policy: a customer key without one in the snapshot is unknown, not safe.
    expect(by.get(cmkWithout.arn)).toMatchObject({ status: 'not-evaluated', reason: 'config.policy not collected' });
  });

  it('secrets: a public statement fails, null is no policy, an uncollected policy is not evaluated', () => {
    const secret = (name: string, policy: unknown) => prodWith(`arn:aws:secretsmanager:eu-west-1:${PRD}:secret:${name}-AbCdEf`, 'AWS::SecretsManager::Secret', policy, { name });
    const open = secret('open', doc({ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }));
    const none = secret('none', null);
    const unknown = resource(`arn:aws:secretsmanager:eu-west-1:${PRD}:secret:unknown-AbCdEf`, 'AWS::SecretsManager::Secret', { name: 'unknown', tags: { env: 'production' }, config: { rotationEnabled: false } });
    const by = new Map(run([open, none, unknown]).map((o) => [o.arn, o]));
    expect(by.get(open.arn)).toMatchObject({ status: 'fail', message: "AWS::SecretsManager::Secret 'open': Sid Anyone (secretsmanager:GetSecretValue) admits everyone with no condition" });
    expect(by.get(none.arn)).toMatchObject({ status: 'pass', message: "AWS::SecretsManager::Secret 'none': no resource policy" });
    expect(by.get(unknown.arn)).toMatchObject({ status: 'not-evaluated', reason: 'config.policy not collected' });
  });

  it('an environment whose dataProtection.publicPolicies is true is not checked', () => {
    const s = spec();
    s.environments.production!.dataProtection = { versioning: [], accessLogging: [], publicAccessBlock: false, deletionProtection: [], multiAz: [], pointInTimeRecovery: false, publicPolicies: true };
    expect(run([prodWith('arn:aws:s3:::open', 'AWS::S3::Bucket', pub)], s)).toEqual([]);
  });
});
