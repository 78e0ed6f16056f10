// What moto does not show for the workload types: paging of DescribeRepositories and
// ListFunctions (moto answers one page), a function's KMS key (moto drops KMSKeyArn),
// a function outside a VPC as AWS reports it, a failed GetFunctionConcurrency, and the
// DescribeCluster fields moto leaves out (vpcId, cluster security group, public CIDRs).
// recorded/custodian-lambda-kms-key-filter.ListFunctions_1.json is a real ListFunctions
// answer recorded by Cloud Custodian (tests/data/placebo/test_lambda_kms_key_filter);
// the token shapes are the API reference's.
import { readFileSync } from 'node:fs';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { GetFunctionConcurrencyCommand, LambdaClient, ListFunctionsCommand, type ListFunctionsCommandOutput } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/collect/clients.js';
import { Pacer } from '../../src/collect/pacing.js';
import { Session } from '../../src/collect/session.js';
import { REGIONAL_SOURCES } from '../../src/collect/sources/registry.js';
import { fakeCredentials } from './spec-fixture.js';

const ecr = mockClient(ECRClient);
const lambda = mockClient(LambdaClient);
const eks = mockClient(EKSClient);
afterEach(() => {
  ecr.reset();
  lambda.reset();
  eks.reset();
});
const session = () => new Session(new ClientPool({ maxAttempts: 1, count: () => undefined, credentials: fakeCredentials, endpoint: 'http://127.0.0.1:9' }), new Pacer(2));
const source = (name: string) => REGIONAL_SOURCES.find((s) => s.name === name)!.run;
const recorded = JSON.parse(readFileSync(new URL('./recorded/custodian-lambda-kms-key-filter.ListFunctions_1.json', import.meta.url), 'utf8')) as ListFunctionsCommandOutput;
const ACCOUNT = '644160558196';
const t = { accountId: ACCOUNT, region: 'us-east-1' };

describe('workload types on recorded responses', () => {
  it('follows DescribeRepositories nextToken and keeps every repository', async () => {
    ecr.on(DescribeRepositoriesCommand)
      .resolvesOnce({ repositories: [{ repositoryName: 'a', repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/a`, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: { encryptionType: 'KMS' } }], nextToken: 'p2' })
      .resolvesOnce({ repositories: [{ repositoryName: 'b', repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/b` }] });
    const s = session();
    await source('ecr')(s, t);
    expect(ecr.commandCalls(DescribeRepositoriesCommand).map((c) => c.args[0].input)).toEqual([{ maxResults: 1000 }, { maxResults: 1000, nextToken: 'p2' }]);
    expect([...s.resources.values()].map((r) => [r.name, r.config])).toEqual([
      // KMS with no key named: the AWS managed aws/ecr key.
      ['a', { scanOnPush: true, tagMutability: 'IMMUTABLE_WITH_EXCLUSION', encryption: { enabled: true, algorithm: 'KMS', customerManagedKey: false } }],
      // No encryption configuration reported: ECR's default, AES256.
      ['b', { scanOnPush: false, tagMutability: 'MUTABLE', encryption: { enabled: true, algorithm: 'AES256', customerManagedKey: false } }],
    ]);
    expect(s.errors).toEqual([]);
    expect(s.coverage[0]!.types).toEqual(['AWS::ECR::Repository']);
  });

  it('follows ListFunctions NextMarker and reads the KMS key of a recorded answer', async () => {
    lambda.on(ListFunctionsCommand).resolvesOnce({ ...recorded, NextMarker: 'm2' }).resolvesOnce({ Functions: [{ FunctionName: 'img', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:img`, PackageType: 'Image', VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' } }] });
    lambda.on(GetFunctionConcurrencyCommand, { FunctionName: 'test' }).resolves({ ReservedConcurrentExecutions: 0 });
    lambda.on(GetFunctionConcurrencyCommand, { FunctionName: 'test2' }).resolves({});
    lambda.on(GetFunctionConcurrencyCommand, { FunctionName: 'img' }).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const s = session();
    await source('lambda')(s, t);
    expect(lambda.commandCalls(ListFunctionsCommand).map((c) => c.args[0].input)).toEqual([{ MaxItems: 50 }, { MaxItems: 50, Marker: 'm2' }]);
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/a69548f6-9637-4325-b511-ac59056e7302`;
    const got = Object.fromEntries([...s.resources.values()].map((r) => [r.name, { config: r.config, relations: r.relations }]));
    expect(got).toEqual({
      test: { config: { packageType: 'Zip', runtime: 'nodejs12.x', roleArn: `arn:aws:iam::${ACCOUNT}:role/sphere12`, subnetIds: [], securityGroupIds: [], kmsKeyArn: key, tracing: 'PassThrough', reservedConcurrency: 0 }, relations: [{ kind: 'kms-key', target: key }] },
      test2: { config: { packageType: 'Zip', runtime: 'nodejs12.x', roleArn: `arn:aws:iam::${ACCOUNT}:role/sphere12`, subnetIds: [], securityGroupIds: [], kmsKeyArn: key, tracing: 'PassThrough', reservedConcurrency: null }, relations: [{ kind: 'kms-key', target: key }] },
      // Outside a VPC (empty lists, VpcId ''): no vpc field, no relations; the failed call leaves reservedConcurrency out.
      img: { config: { packageType: 'Image', subnetIds: [], securityGroupIds: [], tracing: 'PassThrough' }, relations: [] },
    });
    expect(s.errors.map((e) => [e.operation, e.code, e.resourceArn])).toEqual([['GetFunctionConcurrency', 'AccessDeniedException', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:img`]]);
  });

  it('reads the VPC, the cluster security group and the public CIDRs of a cluster (API reference shape)', async () => {
    eks.on(ListClustersCommand).resolves({ clusters: ['web'] });
    eks.on(DescribeClusterCommand).resolves({
      cluster: {
        name: 'web',
        arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/web`,
        version: '1.31',
        status: 'ACTIVE',
        resourcesVpcConfig: { vpcId: 'vpc-0a', subnetIds: ['subnet-0b', 'subnet-0a'], securityGroupIds: [], clusterSecurityGroupId: 'sg-0cluster', endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
        logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
        encryptionConfig: [],
        tags: {},
      },
    });
    const s = session();
    await source('eks')(s, t);
    const r = s.resources.get(`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/web`)!;
    expect(r.config).toEqual({
      version: '1.31',
      status: 'ACTIVE',
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      vpcId: 'vpc-0a',
      subnetIds: ['subnet-0a', 'subnet-0b'],
      securityGroupIds: ['sg-0cluster'],
      controlPlaneLogTypes: [],
      secretsEncryption: false,
    });
    expect(r.relations.map((x) => x.target).sort()).toEqual([`arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0cluster`, `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-0a`, `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/subnet-0b`, `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-0a`]);
  });

  it('a failed DescribeCluster leaves the cluster with unknown tags, named on the error (not an untagged cluster)', async () => {
    eks.on(ListClustersCommand).resolves({ clusters: ['web', 'api'] });
    eks.on(DescribeClusterCommand, { name: 'web' }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    eks.on(DescribeClusterCommand, { name: 'api' }).resolves({ cluster: { name: 'api', arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/api`, tags: { Environment: 'production' } } });
    const s = session();
    await source('eks')(s, t);
    expect(s.errors.map((e) => `${e.operation} ${e.code} ${e.resourceArn}: ${e.affects.join(',')}`)).toEqual([
      `DescribeCluster ThrottlingException arn:aws:eks:us-east-1:${ACCOUNT}:cluster/web: AWS::EKS::Cluster,tags:AWS::EKS::Cluster`,
    ]);
    expect([...s.resources.keys()].sort()).toEqual([`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/api`, `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/web`]);
  });
});
