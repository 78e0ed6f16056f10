// Seeds moto with a realistic account-region: tagged and untagged resources of every
// collected type, with the references the relation checks need. Returns what it made,
// so tests assert against the seed rather than against hard-coded numbers.
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  AssociateIamInstanceProfileCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CreateBucketCommand, PutBucketAclCommand, PutBucketEncryptionCommand, PutBucketLoggingCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { motoClientConfig, withAccount, type Moto } from './moto.js';

export interface SeedOptions {
  accountId: string;
  region: string;
  /** Environment tag value put on tagged resources. */
  env: string;
  queues?: number;
  untaggedQueues?: number;
  topics?: number;
  logGroups?: number;
  tables?: number;
  buckets?: number;
  volumes?: number;
  /** Network, instances, load balancer, database, alarm, key-encrypted queue. */
  network?: boolean;
  /** IAM role with a (URL-encoded by moto) inline policy and a plain managed policy; Route 53 zone. */
  globals?: boolean;
}

export interface Seeded {
  /** Resource type -> ids (names) created. */
  byType: Record<string, string[]>;
  ids: Record<string, string>;
}

// Ids and names must be unique per account (S3 names globally): prefix with both.
export async function seedAccountRegion(moto: Moto, o: SeedOptions): Promise<Seeded> {
  const cfg = motoClientConfig(moto, { region: o.region });
  const acct = <C extends { middlewareStack: { use(p: unknown): void } }>(c: C) => withAccount(c, o.accountId);
  const sqs = acct(new SQSClient(cfg));
  const sns = acct(new SNSClient(cfg));
  const logs = acct(new CloudWatchLogsClient(cfg));
  const ddb = acct(new DynamoDBClient(cfg));
  const s3 = acct(new S3Client(cfg));
  const ec2 = acct(new EC2Client(cfg));
  const byType: Record<string, string[]> = {};
  const ids: Record<string, string> = {};
  const add = (type: string, id: string) => void (byType[type] ??= []).push(id);
  const tag = { env: o.env };
  const p = `${o.env}-${o.region}`;

  const inBatches = async (n: number, f: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < n; i += 20) await Promise.all(Array.from({ length: Math.min(20, n - i) }, (_, k) => f(i + k)));
  };

  await inBatches(o.queues ?? 0, async (i) => {
    await sqs.send(new CreateQueueCommand({ QueueName: `${p}-q${i}`, tags: tag }));
    add('AWS::SQS::Queue', `${p}-q${i}`);
  });
  await inBatches(o.untaggedQueues ?? 0, async (i) => {
    await sqs.send(new CreateQueueCommand({ QueueName: `${p}-untagged${i}` }));
    add('AWS::SQS::Queue', `${p}-untagged${i}`);
  });
  await inBatches(o.topics ?? 0, async (i) => {
    await sns.send(new CreateTopicCommand({ Name: `${p}-t${i}`, Tags: [{ Key: 'env', Value: o.env }] }));
    add('AWS::SNS::Topic', `${p}-t${i}`);
  });
  await inBatches(o.logGroups ?? 0, async (i) => {
    const name = `/app/${p}/g${i}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: tag }));
    if (i % 2 === 0) await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 30 }));
    add('AWS::Logs::LogGroup', name);
  });
  await inBatches(o.tables ?? 0, async (i) => {
    await ddb.send(
      new CreateTableCommand({
        TableName: `${p}-tbl${i}`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        Tags: [{ Key: 'env', Value: o.env }],
      }),
    );
    add('AWS::DynamoDB::Table', `${p}-tbl${i}`);
  });
  await inBatches(o.buckets ?? 0, async (i) => {
    const b = `${p}-${o.accountId}-b${i}`;
    await s3.send(new CreateBucketCommand({ Bucket: b, ...(o.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: o.region as never } }) }));
    if (i % 2 === 0) await s3.send(new PutBucketTaggingCommand({ Bucket: b, Tagging: { TagSet: [{ Key: 'env', Value: o.env }] } }));
    add('AWS::S3::Bucket', b);
  });

  if (o.network) {
    const kms = acct(new KMSClient(cfg));
    const key = await kms.send(new CreateKeyCommand({ Description: `${p}-key` }));
    ids.keyArn = key.KeyMetadata!.Arn!;
    add('AWS::KMS::Key', key.KeyMetadata!.KeyId!);
    // The queue names its key by alias: collection must join it to the key itself.
    await kms.send(new CreateAliasCommand({ AliasName: `alias/${p}-key`, TargetKeyId: key.KeyMetadata!.KeyId! }));
    await sqs.send(new CreateQueueCommand({ QueueName: `${p}-encrypted`, Attributes: { KmsMasterKeyId: `alias/${p}-key` }, tags: tag }));
    add('AWS::SQS::Queue', `${p}-encrypted`);
    ids.encryptedQueue = `${p}-encrypted`;

    const logsB = `${p}-${o.accountId}-logs`;
    const dataB = `${p}-${o.accountId}-data`;
    for (const b of [logsB, dataB]) {
      await s3.send(new CreateBucketCommand({ Bucket: b, ...(o.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: o.region as never } }) }));
      add('AWS::S3::Bucket', b);
    }
    const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
    await s3.send(new PutBucketAclCommand({ Bucket: logsB, GrantWrite: logDelivery, GrantReadACP: logDelivery }));
    await s3.send(new PutBucketLoggingCommand({ Bucket: dataB, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: logsB, TargetPrefix: 'x/' } } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: dataB, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: dataB,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ids.keyArn } }] },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: dataB,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${dataB}`, `arn:aws:s3:::${dataB}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        }),
      }),
    );
    ids.dataBucket = dataB;
    ids.logsBucket = logsB;

    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'env', Value: o.env }] }] }));
    ids.vpcId = vpc.Vpc!.VpcId!;
    add('AWS::EC2::VPC', ids.vpcId);
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      const sn = await ec2.send(new CreateSubnetCommand({ VpcId: ids.vpcId, CidrBlock: `10.20.${i}.0/24`, AvailabilityZone: `${o.region}${az}` }));
      subnets.push(sn.Subnet!.SubnetId!);
      add('AWS::EC2::Subnet', sn.Subnet!.SubnetId!);
    }
    ids.subnetId = subnets[0]!;
    const sgApp = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${p}-app`, Description: 'app', VpcId: ids.vpcId }));
    const sgLb = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${p}-lb`, Description: 'lb', VpcId: ids.vpcId }));
    ids.sgApp = sgApp.GroupId!;
    ids.sgLb = sgLb.GroupId!;
    add('AWS::EC2::SecurityGroup', ids.sgApp);
    add('AWS::EC2::SecurityGroup', ids.sgLb);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ids.sgApp,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: ids.sgLb }] },
        ],
      }),
    );
    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 2, MaxCount: 2, InstanceType: 't3.micro', SubnetId: ids.subnetId, SecurityGroupIds: [ids.sgApp] }));
    for (const i of run.Instances ?? []) add('AWS::EC2::Instance', i.InstanceId!);
    ids.instanceId = run.Instances![0]!.InstanceId!;
    for (let i = 0; i < (o.volumes ?? 1); i++) {
      const v = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${o.region}a`, Size: 20, VolumeType: 'gp3', Encrypted: true, KmsKeyId: ids.keyArn }));
      add('AWS::EC2::Volume', v.VolumeId!);
    }

    const elb = acct(new ElasticLoadBalancingV2Client(cfg));
    const lb = await elb.send(new CreateLoadBalancerCommand({ Name: `${p}-alb`, Subnets: subnets, SecurityGroups: [ids.sgLb], Scheme: 'internet-facing', Type: 'application' }));
    ids.lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
    add('AWS::ElasticLoadBalancingV2::LoadBalancer', `${p}-alb`);
    await elb.send(new CreateListenerCommand({ LoadBalancerArn: ids.lbArn, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] }));

    const rds = acct(new RDSClient(cfg));
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: `${p}-db`, Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'u', MasterUserPassword: 'password1234', StorageEncrypted: true, MultiAZ: true, Tags: [{ Key: 'env', Value: o.env }] }));
    add('AWS::RDS::DBInstance', `${p}-db`);

    const cw = acct(new CloudWatchClient(cfg));
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `${p}-queue-depth`,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: ids.encryptedQueue }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 100,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
    add('AWS::CloudWatch::Alarm', `${p}-queue-depth`);
  }

  if (o.globals) {
    const iam = acct(new IAMClient(cfg));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: `${o.env}-app`, AssumeRolePolicyDocument: JSON.stringify(trust), Tags: [{ Key: 'env', Value: o.env }] }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: `${o.env}-app`,
        PolicyName: 'inline-read',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage'], Resource: `arn:aws:sqs:*:${o.accountId}:${o.env}-*` }] }),
      }),
    );
    const pol = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `${o.env}-data`,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${o.env}-*/*` }] }),
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: `${o.env}-app`, PolicyArn: pol.Policy!.Arn! }));
    // The first instance runs as the role, through an instance profile.
    const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${o.env}-app-profile` }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${o.env}-app-profile`, RoleName: `${o.env}-app` }));
    ids.roleArn = `arn:aws:iam::${o.accountId}:role/${o.env}-app`;
    if (ids.instanceId !== undefined) {
      await ec2.send(new AssociateIamInstanceProfileCommand({ InstanceId: ids.instanceId, IamInstanceProfile: { Arn: profile.InstanceProfile!.Arn! } }));
    }
    add('AWS::IAM::Role', `${o.env}-app`);
    add('AWS::IAM::ManagedPolicy', `${o.env}-data`);
    const r53 = acct(new Route53Client(cfg));
    await r53.send(new CreateHostedZoneCommand({ Name: `${o.env}.example.internal`, CallerReference: `${o.env}-${o.accountId}` }));
    add('AWS::Route53::HostedZone', `${o.env}.example.internal.`);
  }
  return { byType, ids };
}
