// Seeds moto with two accounts that look like real ones: staging and production, each in
// three regions with the default VPC moto (like AWS) makes in every region, service-linked
// roles, IAM Identity Center roles (AWSReservedSSO_* under /aws-reserved/sso.amazonaws.com/),
// the aws/* KMS aliases moto lists in every account, instances with their untagged root
// volumes, tagged alarms and untagged ones (they take the environment of what they watch),
// a load balancer with an untagged target group, a log-target bucket that the other
// buckets and the load balancer log into, and a compliant workload per environment. `plantRealisticViolations`
// then adds one violation per category, each on a resource of its own, so a test can ask
// for exactly one finding per plant. Returns ARNs by role, so tests assert against the seed.
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, CreateServiceLinkedRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketAclCommand, PutBucketEncryptionCommand, PutBucketLoggingCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_ACCOUNT, motoClientConfig, withAccount, type Moto } from './moto.js';

export const REALISTIC_ACCOUNTS = { staging: '111111111111', production: DEFAULT_ACCOUNT } as const;
export type RealisticEnv = keyof typeof REALISTIC_ACCOUNTS;
/** The workload runs in the first; the others hold only what AWS creates. */
export const REALISTIC_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
export const REALISTIC_CIDRS: Record<RealisticEnv, string> = { staging: '10.1.0.0/16', production: '10.2.0.0/16' };
const WORKLOAD_REGION = REALISTIC_REGIONS[0]!;
const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';
/** What the workload's own resources are named after. */
export const prefixOf = (env: RealisticEnv) => `shop-${env === 'production' ? 'prod' : 'stg'}`;

export interface SeededRealistic {
  /** ARNs by role, e.g. `production.queue`, `staging.ssoDevelopers`. */
  arn: Record<string, string>;
  /** VPC ids by account and region, of the default VPCs moto made. */
  defaultVpcs: { accountId: string; region: string; vpcId: string }[];
  /** Service-linked role ARNs. */
  serviceLinkedRoles: string[];
}

const tagsOf = (env: RealisticEnv, extra: Record<string, string> = {}) => ({ Environment: env, Owner: 'shop-team', ...extra });
const tagList = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

function clients(moto: Moto, env: RealisticEnv, region = WORKLOAD_REGION) {
  const cfg = motoClientConfig(moto, { region });
  const acct = <C extends { middlewareStack: { use(p: unknown): void } }>(c: C) => withAccount(c, REALISTIC_ACCOUNTS[env]);
  return {
    sqs: acct(new SQSClient(cfg)),
    sns: acct(new SNSClient(cfg)),
    logs: acct(new CloudWatchLogsClient(cfg)),
    s3: acct(new S3Client(cfg)),
    ec2: acct(new EC2Client(cfg)),
    kms: acct(new KMSClient(cfg)),
    iam: acct(new IAMClient(cfg)),
    cw: acct(new CloudWatchClient(cfg)),
    elb: acct(new ElasticLoadBalancingV2Client(cfg)),
  };
}

export async function seedRealistic(moto: Moto): Promise<SeededRealistic> {
  const seeded: SeededRealistic = { arn: {}, defaultVpcs: [], serviceLinkedRoles: [] };
  for (const env of ['staging', 'production'] as const) await seedAccount(moto, env, seeded);
  seeded.defaultVpcs.sort((a, b) => (a.accountId + a.region < b.accountId + b.region ? -1 : 1));
  seeded.serviceLinkedRoles.sort();
  return seeded;
}

async function seedAccount(moto: Moto, env: RealisticEnv, seeded: SeededRealistic): Promise<void> {
  const accountId = REALISTIC_ACCOUNTS[env];
  const c = clients(moto, env);
  const p = prefixOf(env);
  const set = (k: string, arn: string) => void (seeded.arn[`${env}.${k}`] = arn);

  // What AWS makes in every region: moto's default VPC (with default subnets and group).
  for (const region of REALISTIC_REGIONS) {
    const ec2 = clients(moto, env, region).ec2;
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    for (const v of vpcs.Vpcs ?? []) seeded.defaultVpcs.push({ accountId, region, vpcId: v.VpcId! });
  }

  // IAM: service-linked roles AWS services create, Identity Center roles from permission sets.
  for (const service of ['elasticloadbalancing.amazonaws.com', 'rds.amazonaws.com', 'support.amazonaws.com']) {
    const r = await c.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service }));
    seeded.serviceLinkedRoles.push(r.Role!.Arn!);
  }
  const trustSaml = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }],
  });
  const sso = async (key: string, permissionSet: string, suffix: string, statements: unknown[]) => {
    const r = await c.iam.send(new CreateRoleCommand({ RoleName: `AWSReservedSSO_${permissionSet}_${suffix}`, Path: SSO_PATH, AssumeRolePolicyDocument: trustSaml }));
    await c.iam.send(new PutRolePolicyCommand({ RoleName: r.Role!.RoleName!, PolicyName: 'AwsSSOInlinePolicy', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
    set(key, r.Role!.Arn!);
  };
  // Developers deploy to staging and read production; Platform holds everything in both.
  const devActions = env === 'staging' ? ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:GetQueueAttributes'] : ['sqs:GetQueueAttributes'];
  await sso('ssoDevelopers', 'Developers', env === 'staging' ? '1a2b3c4d5e6f7a8b' : '8b7a6f5e4d3c2b1a', [{ Sid: 'Queues', Effect: 'Allow', Action: devActions, Resource: `arn:aws:sqs:*:${accountId}:*` }]);
  await sso('ssoPlatform', 'Platform', env === 'staging' ? '0f1e2d3c4b5a6978' : '8796a5b4c3d2e1f0', [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }]);

  // The workload: a customer key, a queue (on the aws/sqs key), a topic, a bucket, a log group,
  // a network with an instance (its root volume untagged, as AWS makes it) and an alarm.
  const key = await c.kms.send(new CreateKeyCommand({ Description: `${p}-data`, Tags: [{ TagKey: 'Environment', TagValue: env }, { TagKey: 'Owner', TagValue: 'shop-team' }] }));
  await c.kms.send(new CreateAliasCommand({ AliasName: `alias/${p}-data`, TargetKeyId: key.KeyMetadata!.KeyId! }));
  set('key', key.KeyMetadata!.Arn!);
  await queue(c, `${p}-orders`, env, { KmsMasterKeyId: 'alias/aws/sqs' });
  set('queue', `arn:aws:sqs:${WORKLOAD_REGION}:${accountId}:${p}-orders`);
  await alarm(c, `${p}-orders`, env);
  const topic = await c.sns.send(new CreateTopicCommand({ Name: `${p}-events`, Attributes: { KmsMasterKeyId: key.KeyMetadata!.Arn! }, Tags: tagList(tagsOf(env)) }));
  set('topic', topic.TopicArn!);
  // The log-target bucket receives the others' access logs; AWS advises it not log to itself.
  const logs = logBucketOf(env);
  await bucket(c, logs, env, { versioning: true });
  const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
  await c.s3.send(new PutBucketAclCommand({ Bucket: logs, GrantWrite: logDelivery, GrantReadACP: logDelivery }));
  set('logBucket', `arn:aws:s3:::${logs}`);
  await bucket(c, `${p}-${accountId}-assets`, env, { versioning: true, logTo: logs });
  set('bucket', `arn:aws:s3:::${p}-${accountId}-assets`);
  // An alarm made by hand in the console: untagged, it belongs where the queue it watches does.
  await alarm(c, `${p}-orders`, env, { metric: 'ApproximateAgeOfOldestMessage', tagged: false });
  set('untaggedAlarm', `arn:aws:cloudwatch:${WORKLOAD_REGION}:${accountId}:alarm:${p}-orders-ApproximateAgeOfOldestMessage`);
  await logGroup(c, `/shop/${env}/api`, env, 30);

  const vpc = await c.ec2.send(new CreateVpcCommand({ CidrBlock: REALISTIC_CIDRS[env], TagSpecifications: [{ ResourceType: 'vpc', Tags: tagList(tagsOf(env, { Name: `${p}-vpc` })) }] }));
  const vpcId = vpc.Vpc!.VpcId!;
  set('vpc', `arn:aws:ec2:${WORKLOAD_REGION}:${accountId}:vpc/${vpcId}`);
  const second = REALISTIC_CIDRS[env].split('.')[1];
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const sn = await c.ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${second}.${i}.0/24`, AvailabilityZone: `${WORKLOAD_REGION}${az}`, TagSpecifications: [{ ResourceType: 'subnet', Tags: tagList(tagsOf(env, { Name: `${p}-private-${az}` })) }] }),
    );
    subnets.push(sn.Subnet!.SubnetId!);
  }
  seeded.arn[`${env}.subnetId`] = subnets[0]!;
  seeded.arn[`${env}.vpcId`] = vpcId;
  const sg = await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: `${p}-app`, Description: 'app', VpcId: vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(tagsOf(env)) }] }));
  await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: REALISTIC_CIDRS[env] }] }] }));
  seeded.arn[`${env}.sgId`] = sg.GroupId!;
  const run = await c.ec2.send(
    new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnets[0]!, SecurityGroupIds: [sg.GroupId!], TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tagsOf(env, { Name: `${p}-api` })) }] }),
  );
  const instanceId = run.Instances![0]!.InstanceId!;
  set('instance', `arn:aws:ec2:${WORKLOAD_REGION}:${accountId}:instance/${instanceId}`);

  // An internal load balancer (tagged) logging into the log bucket, forwarding to a target
  // group that, like most made by IaC modules, carries no tags of its own.
  const lb = await c.elb.send(new CreateLoadBalancerCommand({ Name: `${p}-alb`, Subnets: subnets, SecurityGroups: [sg.GroupId!], Scheme: 'internal', Type: 'application', Tags: tagList(tagsOf(env, { Name: `${p}-alb` })) }));
  const lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  await c.elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: logs }] }));
  const tg = await c.elb.send(new CreateTargetGroupCommand({ Name: `${p}-api`, Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'instance' }));
  const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await c.elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: instanceId, Port: 8080 }] }));
  await c.elb.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }));
  set('loadBalancer', lbArn);
  set('targetGroup', tgArn);
}

/** The log-target bucket of an environment's account. */
export const logBucketOf = (env: RealisticEnv) => `${prefixOf(env)}-${REALISTIC_ACCOUNTS[env]}-logs`;

type Clients = ReturnType<typeof clients>;

async function queue(c: Clients, name: string, env: RealisticEnv, attrs: Record<string, string>, tags: Record<string, string> = tagsOf(env)): Promise<void> {
  await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attrs, ...(Object.keys(tags).length > 0 ? { tags } : {}) }));
}

async function alarm(c: Clients, queueName: string, env: RealisticEnv, o: { metric?: string; tagged?: boolean } = {}): Promise<void> {
  const metric = o.metric ?? 'ApproximateNumberOfMessagesVisible';
  await c.cw.send(
    new PutMetricAlarmCommand({
      AlarmName: o.metric ? `${queueName}-${metric}` : `${queueName}-depth`,
      Namespace: 'AWS/SQS',
      MetricName: metric,
      Dimensions: [{ Name: 'QueueName', Value: queueName }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      ...(o.tagged === false ? {} : { Tags: tagList(tagsOf(env)) }),
    }),
  );
}

async function bucket(c: Clients, name: string, env: RealisticEnv, o: { versioning: boolean; logTo?: string }): Promise<void> {
  await c.s3.send(new CreateBucketCommand({ Bucket: name }));
  await c.s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tagList(tagsOf(env)) } }));
  await c.s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  await c.s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
  if (o.versioning) await c.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  if (o.logTo) await c.s3.send(new PutBucketLoggingCommand({ Bucket: name, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: o.logTo, TargetPrefix: `${name}/` } } }));
}

async function logGroup(c: Clients, name: string, env: RealisticEnv, days: number): Promise<void> {
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: tagsOf(env) }));
  await c.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
}

/** The findings a plant must give: rule id -> the ARN it must fail (exactly once). */
export type Plants = Record<string, string>;

/** One violation per category, each on a resource of its own, in production unless said. */
export async function plantRealisticViolations(moto: Moto, seeded: SeededRealistic): Promise<Plants> {
  const env: RealisticEnv = 'production';
  const accountId = REALISTIC_ACCOUNTS[env];
  const c = clients(moto, env);
  const p = prefixOf(env);
  const region = WORKLOAD_REGION;
  const plants: Plants = {};
  const sqsArn = (n: string) => `arn:aws:sqs:${region}:${accountId}:${n}`;

  // attribution: a queue nothing attributes (its Environment tag names no environment).
  await queue(c, 'orphan-jobs', env, { KmsMasterKeyId: 'alias/aws/sqs' }, { Environment: 'qa', Owner: 'shop-team' });
  plants['attribution-missing'] = sqsArn('orphan-jobs');
  // tagging: a production queue without the Owner tag (watched, so only the tag is missing).
  await queue(c, `${p}-no-owner`, env, { KmsMasterKeyId: 'alias/aws/sqs' }, { Environment: env });
  await alarm(c, `${p}-no-owner`, env);
  plants['required-tags'] = sqsArn(`${p}-no-owner`);
  // naming: tagged production, named off the convention.
  await queue(c, 'orders-backlog', env, { KmsMasterKeyId: 'alias/aws/sqs' });
  await alarm(c, 'orders-backlog', env);
  plants['naming-convention'] = sqsArn('orders-backlog');
  // monitoring: a production queue no alarm watches.
  await queue(c, `${p}-unwatched`, env, { KmsMasterKeyId: 'alias/aws/sqs' });
  plants['alarms-present'] = sqsArn(`${p}-unwatched`);
  // encryption: a topic without a key where production requires SNS encrypted at rest.
  const topic = await c.sns.send(new CreateTopicCommand({ Name: `${p}-plain`, Tags: tagList(tagsOf(env)) }));
  plants['encryption-at-rest'] = topic.TopicArn!;
  // data protection: a bucket without versioning.
  await bucket(c, `${p}-${accountId}-unversioned`, env, { versioning: false, logTo: logBucketOf(env) });
  plants['s3-versioning'] = `arn:aws:s3:::${p}-${accountId}-unversioned`;
  // retention: application logs kept 7 days where 30 are required.
  await logGroup(c, `/shop/${env}/worker`, env, 7);
  plants['log-retention'] = `arn:aws:logs:${region}:${accountId}:log-group:/shop/${env}/worker`;
  // network: SSH open to the world; and an instance in the default VPC (default-VPC use
  // stays a finding: furniture is not judged, using it is).
  const open = await c.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: `${p}-bastion`, Description: 'bastion', VpcId: seeded.arn[`${env}.vpcId`]!, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(tagsOf(env)) }] }),
  );
  await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: open.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  plants['restricted-ingress'] = `arn:aws:ec2:${region}:${accountId}:security-group/${open.GroupId!}`;
  const defaultVpc = seeded.defaultVpcs.find((v) => v.accountId === accountId && v.region === region)!;
  const defaultSubnets = await c.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc.vpcId] }] }));
  const defaultSubnet = [...(defaultSubnets.Subnets ?? [])].sort((a, b) => (a.SubnetId! < b.SubnetId! ? -1 : 1))[0]!;
  await c.ec2.send(
    new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: defaultSubnet.SubnetId!, TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tagsOf(env, { Name: `${p}-legacy` })) }] }),
  );
  plants['default-vpc-use'] = `arn:aws:ec2:${region}:${accountId}:vpc/${defaultVpc.vpcId}`;
  // compute: an instance type production does not allow, in the workload's subnet.
  const big = await c.ec2.send(
    new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 'm5.large', SubnetId: seeded.arn[`${env}.subnetId`]!, SecurityGroupIds: [seeded.arn[`${env}.sgId`]!], TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tagsOf(env, { Name: `${p}-batch` })) }] }),
  );
  plants['allowed-instance-types'] = `arn:aws:ec2:${region}:${accountId}:instance/${big.Instances![0]!.InstanceId!}`;
  // isolation: a production group admitting staging's VPC range.
  const peer = await c.ec2.send(
    new CreateSecurityGroupCommand({ GroupName: `${p}-db`, Description: 'db', VpcId: seeded.arn[`${env}.vpcId`]!, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(tagsOf(env)) }] }),
  );
  await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: peer.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: REALISTIC_CIDRS.staging }] }] }));
  plants['isolation-network-paths'] = `arn:aws:ec2:${region}:${accountId}:security-group/${peer.GroupId!}`;
  // access: a Developers permission set that may write to production queues (declared: read).
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` }, Action: 'sts:AssumeRoleWithSAML' }] });
  const role = await c.iam.send(new CreateRoleCommand({ RoleName: 'AWSReservedSSO_DevelopersHotfix_5a6b7c8d9e0f1a2b', Path: SSO_PATH, AssumeRolePolicyDocument: trust }));
  await c.iam.send(
    new PutRolePolicyCommand({
      RoleName: role.Role!.RoleName!,
      PolicyName: 'AwsSSOInlinePolicy',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Hotfix', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: `arn:aws:sqs:*:${accountId}:*` }] }),
    }),
  );
  plants['access-matrix'] = role.Role!.Arn!;
  return plants;
}
