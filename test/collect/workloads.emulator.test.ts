// ECR repositories, Lambda functions, Auto Scaling groups and EKS clusters collected from
// the AWS emulator (moto 5.2.1), with small pages. moto pages DescribeAutoScalingGroups and
// ListClusters; it
// answers DescribeRepositories and ListFunctions in one page whatever the page size
// (their paging is tested on recorded responses in workloads.mock.test.ts), drops a
// function's KMSKeyArn, and reports VpcId 'vpc-123abc' for every function in a VPC
// where AWS gives its subnets' VPC; DescribeCluster has no vpcId, cluster security group
// or public access CIDRs (workloads.mock.test.ts has them).
import { CreateAutoScalingGroupCommand, PutScheduledUpdateGroupActionCommand, AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { motoClientConfig, startMoto, type Moto } from '../helpers/moto.js';
import { collectProductionPaged, PROD, resourceByName } from './spec-fixture.js';

// An empty zip archive: moto stores the code and never runs it.
const ZIP = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');
const R = 'us-east-1';

describe('collect workloads against moto', () => {
  let moto: Moto;
  let snap: Snapshot;
  let subnets: string[];

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    const cfg = motoClientConfig(moto, { region: R });
    const ec2 = new EC2Client(cfg);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc!.VpcId!;
    subnets = [];
    for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.8.${i}.0/24`, AvailabilityZone: az }))).Subnet!.SubnetId!);
    await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { InstanceType: 't3.small' } }));

    const ecr = new ECRClient(cfg);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'prod/api', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: { encryptionType: 'KMS', kmsKey: `arn:aws:kms:${R}:${PROD}:key/ecr-key` } }));
    for (let i = 0; i < 4; i++) await ecr.send(new CreateRepositoryCommand({ repositoryName: `prod/plain${i}` }));

    const role = (await new IAMClient(cfg).send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: '{}' }))).Role!.Arn!;
    const lambda = new LambdaClient(cfg);
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'prod-worker', Runtime: 'python3.12', Role: role, Handler: 'h', Code: { ZipFile: ZIP }, VpcConfig: { SubnetIds: [subnets[1]!, subnets[0]!], SecurityGroupIds: ['sg-0b'] }, TracingConfig: { Mode: 'Active' } }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'prod-worker', ReservedConcurrentExecutions: 5 }));
    for (let i = 0; i < 4; i++) await lambda.send(new CreateFunctionCommand({ FunctionName: `prod-old${i}`, Runtime: 'nodejs16.x', Role: role, Handler: 'h', Code: { ZipFile: ZIP } }));

    const asg = new AutoScalingClient(cfg);
    await asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: 'prod-web', MinSize: 2, MaxSize: 6, DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateName: 'web', Version: '$Latest' }, VPCZoneIdentifier: `${subnets[0]},${subnets[1]}`, Tags: [{ Key: 'env', Value: 'production' }] }));
    await asg.send(new PutScheduledUpdateGroupActionCommand({ AutoScalingGroupName: 'prod-web', ScheduledActionName: 'evening', Recurrence: '0 20 * * 1-5', MinSize: 0, MaxSize: 0, DesiredCapacity: 0, TimeZone: 'Europe/Paris' }));
    await asg.send(new PutScheduledUpdateGroupActionCommand({ AutoScalingGroupName: 'prod-web', ScheduledActionName: 'morning', Recurrence: '0 8 * * 1-5', MinSize: 2, MaxSize: 6, DesiredCapacity: 2, TimeZone: 'Europe/Paris' }));
    for (let i = 0; i < 4; i++) {
      await asg.send(new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: `prod-batch${i}`,
        MinSize: 0,
        MaxSize: 1,
        AvailabilityZones: ['us-east-1a'],
        MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateName: 'web' }, Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }, InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0 } },
      }));
    }

    const eks = new EKSClient(cfg);
    await eks.send(new CreateClusterCommand({
      name: 'prod-platform',
      roleArn: role,
      resourcesVpcConfig: { subnetIds: [subnets[1]!, subnets[0]!], securityGroupIds: ['sg-0c'], endpointPublicAccess: false, endpointPrivateAccess: true },
      logging: { clusterLogging: [{ types: ['audit', 'api'], enabled: true }, { types: ['scheduler'], enabled: false }] },
      encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: `arn:aws:kms:${R}:${PROD}:key/eks-key` } }],
      tags: { env: 'production' },
    }));
    for (let i = 0; i < 3; i++) await eks.send(new CreateClusterCommand({ name: `prod-sandbox${i}`, roleArn: role, resourcesVpcConfig: { subnetIds: [subnets[0]!] } }));

    snap = await collectProductionPaged(moto, R);
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const byName = (type: string, name: string): Resource => resourceByName(snap, type, name);

  it('collects every repository with scan on push, tag mutability and encryption', () => {
    expect(snap.errors).toEqual([]);
    expect(snap.resources.filter((r) => r.type === 'AWS::ECR::Repository').map((r) => r.name).sort()).toEqual(['prod/api', 'prod/plain0', 'prod/plain1', 'prod/plain2', 'prod/plain3']);
    const api = byName('AWS::ECR::Repository', 'prod/api');
    expect(api.arn).toBe(`arn:aws:ecr:${R}:${PROD}:repository/prod/api`);
    expect(api.config).toEqual({
      uri: `${PROD}.dkr.ecr.${R}.amazonaws.com/prod/api`,
      scanOnPush: true,
      tagMutability: 'IMMUTABLE',
      encryption: { enabled: true, algorithm: 'KMS', kmsKeyArn: `arn:aws:kms:${R}:${PROD}:key/ecr-key` },
    });
    expect(api.relations).toEqual([{ kind: 'kms-key', target: `arn:aws:kms:${R}:${PROD}:key/ecr-key` }]);
    expect(byName('AWS::ECR::Repository', 'prod/plain0').config).toEqual({
      uri: `${PROD}.dkr.ecr.${R}.amazonaws.com/prod/plain0`,
      scanOnPush: false,
      tagMutability: 'MUTABLE',
      encryption: { enabled: true, algorithm: 'AES256', customerManagedKey: false },
    });
  });

  it('collects functions with runtime, VPC subnets and security groups, tracing and reserved concurrency', () => {
    expect(snap.resources.filter((r) => r.type === 'AWS::Lambda::Function').map((r) => r.name).sort()).toEqual(['prod-old0', 'prod-old1', 'prod-old2', 'prod-old3', 'prod-worker']);
    const worker = byName('AWS::Lambda::Function', 'prod-worker');
    expect(worker.arn).toBe(`arn:aws:lambda:${R}:${PROD}:function:prod-worker`);
    const sorted = [...subnets].sort();
    expect(worker.config).toEqual({
      packageType: 'Zip',
      runtime: 'python3.12',
      roleArn: `arn:aws:iam::${PROD}:role/fn`,
      vpcId: 'vpc-123abc', // moto's constant; AWS reports the subnets' VPC
      subnetIds: sorted,
      securityGroupIds: ['sg-0b'],
      tracing: 'Active',
      reservedConcurrency: 5,
    });
    expect(worker.relations).toEqual([
      { kind: 'security-group', target: `arn:aws:ec2:${R}:${PROD}:security-group/sg-0b` },
      ...sorted.map((s) => ({ kind: 'subnet', target: `arn:aws:ec2:${R}:${PROD}:subnet/${s}` })),
      { kind: 'vpc', target: `arn:aws:ec2:${R}:${PROD}:vpc/vpc-123abc` },
    ]);
    expect(byName('AWS::Lambda::Function', 'prod-old0').config).toEqual({
      packageType: 'Zip',
      runtime: 'nodejs16.x',
      roleArn: `arn:aws:iam::${PROD}:role/fn`,
      subnetIds: [],
      securityGroupIds: [],
      tracing: 'PassThrough',
      reservedConcurrency: null,
    });
  });

  it('collects groups page by page, with capacity, zones, subnets, instance types and schedules', () => {
    // 5 groups in pages of 2: three list calls.
    expect(snap.metadata.apiCalls['autoscaling:DescribeAutoScalingGroups']).toBe(3);
    expect(snap.metadata.apiCalls['autoscaling:DescribeScheduledActions']).toBe(5);
    expect(snap.resources.filter((r) => r.type === 'AWS::AutoScaling::AutoScalingGroup').map((r) => r.name).sort()).toEqual(['prod-batch0', 'prod-batch1', 'prod-batch2', 'prod-batch3', 'prod-web']);
    const web = byName('AWS::AutoScaling::AutoScalingGroup', 'prod-web');
    expect(web.arn).toMatch(new RegExp(`^arn:aws:autoscaling:${R}:${PROD}:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/prod-web$`));
    expect(web.id).toBe('prod-web');
    expect(web.tags).toEqual({ env: 'production' });
    const sorted = [...subnets].sort();
    expect({ ...web.config, launchTemplate: { ...(web.config.launchTemplate as object), id: 'lt-x' } }).toEqual({
      minSize: 2,
      maxSize: 6,
      desiredCapacity: 2,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      subnetIds: sorted,
      launchTemplate: { id: 'lt-x', name: 'web', version: '$Latest' },
      instanceTypes: ['t3.small'],
      scheduledActions: [
        { name: 'evening', recurrence: '0 20 * * 1-5', timeZone: 'Europe/Paris', minSize: 0, maxSize: 0, desiredCapacity: 0 },
        { name: 'morning', recurrence: '0 8 * * 1-5', timeZone: 'Europe/Paris', minSize: 2, maxSize: 6, desiredCapacity: 2 },
      ],
    });
    expect(web.relations).toEqual(sorted.map((s) => ({ kind: 'subnet', target: `arn:aws:ec2:${R}:${PROD}:subnet/${s}` })));
    const batch = byName('AWS::AutoScaling::AutoScalingGroup', 'prod-batch0');
    expect(batch.config).toMatchObject({ minSize: 0, maxSize: 1, desiredCapacity: 0, availabilityZones: ['us-east-1a'], subnetIds: [], instanceTypes: ['m5.large', 'm6i.large'], onDemandPercentageAboveBaseCapacity: 0, scheduledActions: [] });
  });

  it('collects clusters page by page, with endpoint access, control-plane logs and secrets encryption', () => {
    // 4 clusters in pages of 2.
    expect(snap.metadata.apiCalls['eks:ListClusters']).toBe(2);
    expect(snap.metadata.apiCalls['eks:DescribeCluster']).toBe(4);
    const platform = byName('AWS::EKS::Cluster', 'prod-platform');
    expect(platform.arn).toBe(`arn:aws:eks:${R}:${PROD}:cluster/prod-platform`);
    expect(platform.tags).toEqual({ env: 'production' });
    const sorted = [...subnets].sort();
    const key = `arn:aws:kms:${R}:${PROD}:key/eks-key`;
    expect({ ...platform.config, version: 'v' }).toEqual({
      version: 'v',
      status: 'ACTIVE',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
      subnetIds: sorted,
      securityGroupIds: ['sg-0c'],
      controlPlaneLogTypes: ['api', 'audit'],
      secretsEncryption: true,
      secretsKmsKeyArn: key,
    });
    expect(platform.relations).toEqual([
      { kind: 'kms-key', target: key },
      { kind: 'security-group', target: `arn:aws:ec2:${R}:${PROD}:security-group/sg-0c` },
      ...sorted.map((s) => ({ kind: 'subnet', target: `arn:aws:ec2:${R}:${PROD}:subnet/${s}` })),
    ]);
    // Created with no endpoint, logging or encryption settings: AWS's defaults.
    expect(byName('AWS::EKS::Cluster', 'prod-sandbox0').config).toMatchObject({ endpointPublicAccess: true, endpointPrivateAccess: false, controlPlaneLogTypes: [], secretsEncryption: false });
  });
});
