// Seeds one moto account-region with two environments (staging, production) through the
// real SDK clients: a compliant baseline plus one planted violation per rule category,
// each next to a compliant twin. Names say which is which (`planted` / `twin` below), so
// the test asserts against what was made rather than against hard-coded ids.
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { motoClientConfig, withAccount, type Moto } from './moto.js';

export const VIOLATIONS_REGION = 'us-east-1';
export const STAGING_CIDR = '10.1.0.0/16';
export const PRODUCTION_CIDR = '10.2.0.0/16';
export const ROGUE_CIDR = '10.99.0.0/16';

/** What was made: ARNs (or names) by role in the test. */
export interface SeededViolations {
  arn: Record<string, string>;
}

type Env = 'staging' | 'production';
const tagsOf = (env: Env | undefined, owner = true): Record<string, string> => ({ ...(env ? { Environment: env } : {}), ...(owner ? { Owner: 'platform' } : {}) });
// Key and Value always set: the shape every client's Tag accepts.
const tagList = (t: Record<string, string>): { Key: string; Value: string }[] => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

/** The spec the seeded account is checked against: every rule category has a case. */
export function violationsSpec(accountId: string): unknown {
  const account = [{ id: accountId }];
  return {
    version: 1,
    system: { name: 'live-violations', document: 'emulator test of every rule category' },
    attribution: { tagKeys: ['Environment'] },
    environments: {
      staging: {
        accounts: account,
        regions: [VIOLATIONS_REGION],
        attribution: { names: ['lv-stg-*'] },
        network: { vpcCidrs: [STAGING_CIDR] },
        cost: { monthlyCeilingUsd: 100000 },
      },
      production: {
        accounts: account,
        regions: [VIOLATIONS_REGION],
        attribution: { names: ['lv-prod-*'] },
        naming: { 'AWS::SQS::Queue': ['lv-prod-*'] },
        network: { vpcCidrs: [PRODUCTION_CIDR], restrictedIngressPorts: [22, 3389] },
        encryption: { atRest: ['AWS::SNS::Topic'] },
        retention: { logGroups: [{ class: 'application', match: ['/lv/prod/*'], days: 30 }] },
        dataProtection: { versioning: ['lv-prod-*'], publicAccessBlock: true },
        monitoring: { alarms: ['AWS::SQS::Queue'] },
        compute: { instanceTypes: ['t3.micro'] },
        eks: { controlPlaneLogging: ['api', 'audit'] },
        cost: { monthlyCeilingUsd: 1 },
      },
    },
    tagging: { required: ['Environment', 'Owner'] },
    teams: { Developers: { principals: [{ name: 'lv-dev-*' }] } },
    access: { matrix: { Developers: { staging: 'deploy', production: 'read' } } },
    parity: [{ from: 'staging', to: 'production', properties: ['loadBalancer', 'alarms'] }],
  };
}

export async function seedViolations(moto: Moto, accountId: string): Promise<SeededViolations> {
  const region = VIOLATIONS_REGION;
  const cfg = motoClientConfig(moto, { region });
  const acct = <C extends { middlewareStack: { use(p: unknown): void } }>(c: C) => withAccount(c, accountId);
  const sqs = acct(new SQSClient(cfg));
  const sns = acct(new SNSClient(cfg));
  const logs = acct(new CloudWatchLogsClient(cfg));
  const s3 = acct(new S3Client(cfg));
  const ec2 = acct(new EC2Client(cfg));
  const kms = acct(new KMSClient(cfg));
  const elb = acct(new ElasticLoadBalancingV2Client(cfg));
  const iam = acct(new IAMClient(cfg));
  const cw = acct(new CloudWatchClient(cfg));
  const eks = acct(new EKSClient(cfg));
  const arn: Record<string, string> = {};
  const sqsArn = (name: string) => `arn:aws:sqs:${region}:${accountId}:${name}`;

  // Queues: naming, tagging, monitoring, attribution. `lv-prod-orders` is every twin.
  const queues: [string, string, Record<string, string>][] = [
    ['queueTwin', 'lv-prod-orders', tagsOf('production')],
    ['namingPlanted', 'orders-production', tagsOf('production')], // tagged production, named off-convention
    ['taggingPlanted', 'lv-prod-noowner', tagsOf('production', false)], // no Owner tag
    ['monitoringPlanted', 'lv-prod-unwatched', tagsOf('production')], // no alarm
    ['attributionPlanted', 'orphan-queue', {}], // no tag, no name pattern
    ['conflictPlanted', 'lv-stg-mixed', tagsOf('production')], // named staging, tagged production
    ['stagingQueue', 'lv-stg-orders', tagsOf('staging')],
  ];
  for (const [key, name, tags] of queues) {
    await sqs.send(new CreateQueueCommand({ QueueName: name, ...(Object.keys(tags).length ? { tags } : {}) }));
    arn[key] = sqsArn(name);
  }
  // Staging's queue is watched too, so parity of alarms holds between the environments.
  for (const q of ['lv-prod-orders', 'orders-production', 'lv-prod-noowner', 'lv-stg-mixed', 'lv-stg-orders']) {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `${q}-depth`,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: q }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 100,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  }

  // Encryption: a topic with a customer key (twin) and one without (planted).
  const key = await kms.send(new CreateKeyCommand({ Description: 'lv-prod-key', Tags: [{ TagKey: 'Environment', TagValue: 'production' }, { TagKey: 'Owner', TagValue: 'platform' }] }));
  for (const [k, name, attrs] of [
    ['encryptionTwin', 'lv-prod-events', { KmsMasterKeyId: key.KeyMetadata!.Arn! }],
    ['encryptionPlanted', 'lv-prod-events-plain', {}],
  ] as const) {
    const t = await sns.send(new CreateTopicCommand({ Name: name, Attributes: attrs, Tags: tagList(tagsOf('production')) }));
    arn[k] = t.TopicArn!;
  }

  // Retention: the spec asks 30 days of /lv/prod/*; 7 is too short, 30 is right.
  for (const [k, name, days] of [
    ['retentionTwin', '/lv/prod/app', 30],
    ['retentionPlanted', '/lv/prod/app-short', 7],
  ] as const) {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: tagsOf('production') }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    arn[k] = `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
  }

  // Data protection: versioning and the public access block, per bucket.
  const pab = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  const buckets: [string, string, Env, boolean, boolean][] = [
    ['bucketTwin', 'lv-prod-data', 'production', true, true],
    ['versioningPlanted', 'lv-prod-nover', 'production', false, true],
    ['publicAccessPlanted', 'lv-prod-open', 'production', true, false],
    ['stagingBucket', 'lv-stg-data', 'staging', true, true],
  ];
  for (const [k, name, env, versioned, blocked] of buckets) {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tagList(tagsOf(env)) } }));
    if (versioned) await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    if (blocked) await s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: pab }));
    arn[k] = `arn:aws:s3:::${name}`;
  }

  // Network: one VPC per environment in the spec's ranges, and a rogue production VPC.
  const vpc = async (k: string, cidr: string, env: Env, name: string) => {
    const v = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: tagList({ ...tagsOf(env), Name: name }) }] }));
    arn[k] = `arn:aws:ec2:${region}:${accountId}:vpc/${v.Vpc!.VpcId!}`;
    return v.Vpc!.VpcId!;
  };
  const prodVpc = await vpc('vpcTwin', PRODUCTION_CIDR, 'production', 'lv-prod-vpc');
  const stgVpc = await vpc('stagingVpc', STAGING_CIDR, 'staging', 'lv-stg-vpc');
  await vpc('vpcPlanted', ROGUE_CIDR, 'production', 'lv-prod-rogue');
  const subnet = async (vpcId: string, cidr: string, az: string, env: Env) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: `${region}${az}`, TagSpecifications: [{ ResourceType: 'subnet', Tags: tagList(tagsOf(env)) }] }))).Subnet!.SubnetId!;
  const prodSubnets = [await subnet(prodVpc, '10.2.1.0/24', 'a', 'production'), await subnet(prodVpc, '10.2.2.0/24', 'b', 'production')];
  const stgSubnet = await subnet(stgVpc, '10.1.1.0/24', 'a', 'staging');

  const sg = async (k: string, name: string, vpcId: string, env: Env, port: number, cidr: string) => {
    const g = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(tagsOf(env)) }] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: g.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }] }));
    arn[k] = `arn:aws:ec2:${region}:${accountId}:security-group/${g.GroupId!}`;
    return g.GroupId!;
  };
  const webSg = await sg('ingressTwin', 'lv-prod-web', prodVpc, 'production', 443, '0.0.0.0/0'); // 443 is not restricted
  await sg('ingressPlanted', 'lv-prod-bastion', prodVpc, 'production', 22, '0.0.0.0/0');
  await sg('isolationTwin', 'lv-prod-app', prodVpc, 'production', 5432, '10.2.1.0/24'); // its own range
  await sg('isolationPlanted', 'lv-prod-db', prodVpc, 'production', 5432, STAGING_CIDR); // staging's VPC
  const stgSg = await sg('stagingSg', 'lv-stg-web', stgVpc, 'staging', 443, '0.0.0.0/0');

  // Compute (and cost): one allowed and one disallowed type in production; staging small.
  const run = async (k: string, type: string, subnetId: string, sgId: string, env: Env) => {
    const r = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: type as never,
        SubnetId: subnetId,
        SecurityGroupIds: [sgId],
        TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tagsOf(env)) }],
      }),
    );
    arn[k] = `arn:aws:ec2:${region}:${accountId}:instance/${r.Instances![0]!.InstanceId!}`;
  };
  await run('computeTwin', 't3.micro', prodSubnets[0]!, webSg, 'production');
  await run('computePlanted', 'm5.large', prodSubnets[1]!, webSg, 'production');
  await run('stagingInstance', 't3.micro', stgSubnet, stgSg, 'staging');

  // Parity: production has a load balancer, staging has none.
  const lb = await elb.send(
    new CreateLoadBalancerCommand({ Name: 'lv-prod-alb', Subnets: prodSubnets, SecurityGroups: [webSg], Scheme: 'internet-facing', Type: 'application', Tags: tagList(tagsOf('production')) }),
  );
  arn.loadBalancer = lb.LoadBalancers![0]!.LoadBalancerArn!;

  // Access: two Developers roles; one holds s3:* on production data (matrix says read).
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const role = async (k: string, name: string, actions: string[], resources: string[]) => {
    const r = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, Tags: tagList(tagsOf('production')) }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: `${name}-s3`,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ProdData', Effect: 'Allow', Action: actions, Resource: resources }] }),
      }),
    );
    arn[k] = r.Role!.Arn!;
  };
  await role('accessPlanted', 'lv-dev-deployer', ['s3:*'], ['arn:aws:s3:::lv-prod-data', 'arn:aws:s3:::lv-prod-data/*']);
  await role('accessTwin', 'lv-dev-reader', ['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::lv-prod-data', 'arn:aws:s3:::lv-prod-data/*']);

  // Logging: a production cluster sends only its api log; its twin sends api and audit.
  const cluster = async (k: string, name: string, types: string[]) => {
    const c = await eks.send(
      new CreateClusterCommand({
        name,
        roleArn: `arn:aws:iam::${accountId}:role/lv-prod-eks`,
        resourcesVpcConfig: { subnetIds: prodSubnets, securityGroupIds: [webSg] },
        logging: { clusterLogging: [{ types: types as never, enabled: true }] },
        tags: tagsOf('production'),
      }),
    );
    arn[k] = c.cluster!.arn!;
  };
  await cluster('loggingPlanted', 'lv-prod-eks-quiet', ['api']);
  await cluster('loggingTwin', 'lv-prod-eks', ['api', 'audit']);

  return { arn };
}
