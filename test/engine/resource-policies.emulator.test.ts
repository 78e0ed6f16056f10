// Resource policies and role assumption, collected from moto and scanned: a staging
// account and a production account (the default one), each path of
// isolation-resource-policies once (a bucket policy naming a staging role, a queue policy
// admitting a staging topic through aws:SourceArn, a topic policy and a KMS key policy
// admitting the staging account), a public topic for resource-policy-public, and a
// staging role that can assume a production role for the access matrix. Each planted
// resource has a compliant twin (a Deny, the own account), which must pass.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { AccessCell, Result } from '../../src/model/result.js';
import { loadSpec } from '../../src/spec/load.js';
import { DEFAULT_ACCOUNT, motoClientConfig, startMoto, stubFakeAwsEnv, withAccount, type Moto } from '../helpers/moto.js';

const REGION = 'us-east-1';
const PRD = DEFAULT_ACCOUNT;
const STG = '111111111111';
const STG_CI = `arn:aws:iam::${STG}:role/rp-stg-ci`;
const PROD_DEPLOYER = `arn:aws:iam::${PRD}:role/rp-prod-deployer`;
const STG_TOPIC = `arn:aws:sns:${REGION}:${STG}:rp-stg-events`;

const SPEC = {
  version: 1,
  system: { name: 'resource-policies', document: 'emulator test of resource-policy paths' },
  attribution: { tagKeys: ['Environment'] },
  environments: {
    staging: { accounts: [{ id: STG, roleArn: `arn:aws:iam::${STG}:role/envgate-read` }], regions: [REGION] },
    production: { accounts: [{ id: PRD }], regions: [REGION] },
  },
  teams: { CI: { principals: [{ name: 'rp-stg-ci' }] } },
  access: { matrix: { CI: { staging: 'deploy', production: 'none' } } },
};

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const tags = (env: string) => [{ Key: 'Environment', Value: env }];

async function seed(moto: Moto): Promise<void> {
  const cfg = motoClientConfig(moto, { region: REGION });
  const stgIam = withAccount(new IAMClient(cfg), STG);
  const stgSns = withAccount(new SNSClient(cfg), STG);
  const iam = withAccount(new IAMClient(cfg), PRD);
  const s3 = withAccount(new S3Client(cfg), PRD);
  const sqs = withAccount(new SQSClient(cfg), PRD);
  const sns = withAccount(new SNSClient(cfg), PRD);
  const kms = withAccount(new KMSClient(cfg), PRD);

  // Staging: the CI role (allowed to assume the production deployer) and a topic.
  await stgIam.send(new CreateRoleCommand({ RoleName: 'rp-stg-ci', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), Tags: tags('staging') }));
  await stgIam.send(new PutRolePolicyCommand({ RoleName: 'rp-stg-ci', PolicyName: 'assume', PolicyDocument: doc({ Sid: 'AssumeDeployer', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: PROD_DEPLOYER }) }));
  await stgSns.send(new CreateTopicCommand({ Name: 'rp-stg-events', Tags: tags('staging') }));

  // Production: the deployer role trusts the staging account and writes the data bucket.
  await iam.send(new CreateRoleCommand({ RoleName: 'rp-prod-deployer', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: 'sts:AssumeRole' }), Tags: tags('production') }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'rp-prod-deployer', PolicyName: 'deploy', PolicyDocument: doc({ Sid: 'Deploy', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::rp-prod-data/*' }) }));

  const pab = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  const buckets: [string, string][] = [
    [
      'rp-prod-data',
      doc(
        { Sid: 'StagingCi', Effect: 'Allow', Principal: { AWS: STG_CI }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::rp-prod-data/*' },
        { Sid: 'DenyStaging', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::rp-prod-data/*' },
      ),
    ],
    ['rp-prod-own', doc({ Sid: 'Own', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PRD}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::rp-prod-own/*' })],
  ];
  for (const [name, policy] of buckets) {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tags('production') } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: pab }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: policy }));
  }

  const orders = doc({ Sid: 'FromStagingTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:${REGION}:${PRD}:rp-prod-orders`, Condition: { ArnEquals: { 'aws:SourceArn': STG_TOPIC } } });
  await sqs.send(new CreateQueueCommand({ QueueName: 'rp-prod-orders', Attributes: { Policy: orders }, tags: { Environment: 'production' } }));

  const topics: [string, string][] = [
    ['rp-prod-internal', doc({ Sid: 'StagingSubscribes', Effect: 'Allow', Principal: { AWS: STG }, Action: 'sns:Subscribe', Resource: `arn:aws:sns:${REGION}:${PRD}:rp-prod-internal` })],
    ['rp-prod-alerts', doc({ Sid: 'AnyonePublishes', Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: `arn:aws:sns:${REGION}:${PRD}:rp-prod-alerts` })],
  ];
  for (const [name, policy] of topics) {
    const t = await sns.send(new CreateTopicCommand({ Name: name, Tags: tags('production') }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn: t.TopicArn!, AttributeName: 'Policy', AttributeValue: policy }));
  }

  const keyPolicy = doc(
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PRD}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'StagingDecrypt', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STG}:root` }, Action: ['kms:Decrypt'], Resource: '*' },
  );
  await kms.send(new CreateKeyCommand({ Description: 'rp-prod-key', Policy: keyPolicy, Tags: [{ TagKey: 'Environment', TagValue: 'production' }] }));
}

interface Report {
  results: Result[];
  accessMatrix: AccessCell[];
}

describe('resource policies and role chains, collected from moto', () => {
  let moto: Moto;
  let dir: string;
  let code: number;
  let report: Report;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seed(moto);
    dir = mkdtempSync(join(tmpdir(), 'envgate-resource-policies-'));
    const specFile = join(dir, 'envgate.yaml');
    writeFileSync(specFile, stringify(SPEC));
    loadSpec(specFile); // throws if the spec were invalid
    stubFakeAwsEnv(vi.stubEnv, REGION);
    const out = join(dir, 'out');
    code = await main(['scan', '--spec', specFile, '--endpoint', moto.endpoint, '--out', out, '--format', 'json', '--fail-on', 'none'], { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, memoryOutput());
    report = JSON.parse(readFileSync(join(out, 'envgate.json'), 'utf8')) as Report;
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const byName = (rule: string) => Object.fromEntries(report.results.filter((r) => r.ruleId === rule).map((r) => [r.resource.name, r.status]));
  const linksOf = (rule: string, name: string) => {
    const r = report.results.find((x) => x.ruleId === rule && x.resource.name === name && x.status === 'fail');
    expect(r, `${rule} fails ${name}`).toBeDefined();
    return (r!.evidence as { links: Record<string, unknown>[] }).links.map(({ summary, ...l }) => (void summary, l));
  };

  it('scans without collection errors', () => {
    expect(code).toBe(EXIT.ok);
  });

  it('isolation-resource-policies: each path is a finding naming the statement; Deny and the own account are not', () => {
    expect(byName('isolation-resource-policies')).toMatchObject({
      'rp-prod-data': 'fail',
      'rp-prod-orders': 'fail',
      'rp-prod-internal': 'fail',
      'rp-prod-key': 'fail',
      'rp-prod-own': 'pass',
      // '*' with no condition is resource-policy-public's finding.
      'rp-prod-alerts': 'pass',
      'rp-stg-events': 'pass',
    });
    expect(linksOf('isolation-resource-policies', 'rp-prod-data')).toEqual([
      { path: 'resource-policy', environment: 'staging', via: STG_CI, policy: 'resource policy Sid StagingCi', actions: ['s3:GetObject'] },
    ]);
    expect(linksOf('isolation-resource-policies', 'rp-prod-orders')).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `sns.amazonaws.com with aws:sourcearn=${STG_TOPIC}`, policy: 'resource policy Sid FromStagingTopic', actions: ['sqs:SendMessage'] },
    ]);
    expect(linksOf('isolation-resource-policies', 'rp-prod-internal')).toEqual([
      { path: 'resource-policy', environment: 'staging', via: STG, policy: 'resource policy Sid StagingSubscribes', actions: ['sns:Subscribe'] },
    ]);
    expect(linksOf('isolation-resource-policies', 'rp-prod-key')).toEqual([
      { path: 'resource-policy', environment: 'staging', via: `arn:aws:iam::${STG}:root`, policy: 'resource policy Sid StagingDecrypt', actions: ['kms:Decrypt'] },
    ]);
  });

  it('resource-policy-public: the topic anyone may publish to fails; moto default topic policies (conditioned) pass', () => {
    const got = byName('resource-policy-public');
    expect(Object.entries(got).filter(([, s]) => s !== 'pass')).toEqual([['rp-prod-alerts', 'fail']]);
    expect(got['rp-stg-events']).toBe('pass');
  });

  it('access matrix: the staging CI role reaches production through the deployer role and the bucket policy', () => {
    const cell = report.accessMatrix.find((c) => c.team === 'CI' && c.environment === 'production')!;
    expect(cell).toMatchObject({ declared: 'none', effective: 'deploy' });
    expect(cell.grants).toContainEqual({ principalArn: PROD_DEPLOYER, policy: `inline:${PROD_DEPLOYER}:deploy`, sid: 'Deploy', via: [PROD_DEPLOYER], actions: ['s3:PutObject'] });
    const fail = report.results.find((r) => r.ruleId === 'access-matrix' && r.resource.arn === STG_CI && r.environments?.includes('production'));
    expect(fail?.status).toBe('fail');
    const evidence = fail?.evidence as { categories: string[]; grants: AccessCell['grants'] };
    expect(evidence.categories).toEqual(['Read', 'Write']);
    // Read comes from the bucket policy naming the role, with no identity grant.
    expect(evidence.grants).toContainEqual({ principalArn: STG_CI, policy: 'resource policy of arn:aws:s3:::rp-prod-data', sid: 'StagingCi', actions: ['s3:GetObject'] });
  });
});
