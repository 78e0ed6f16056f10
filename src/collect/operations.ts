// Every AWS operation collection may call, with the IAM action that authorises it. The
// session refuses an operation missing here, so this registry is the complete list:
// the least-privilege policy (iam-policy.json) is checked against it by a test.

export interface OperationInfo {
  /** Short service key used in apiCalls and errors ('s3', 'tagging', ...). */
  service: string;
  operation: string;
  /** IAM action(s) AWS checks for the call. */
  actions: string[];
}

const op = (service: string, operation: string, ...actions: string[]): OperationInfo => ({
  service,
  operation,
  actions: actions.length > 0 ? actions : [`${IAM_PREFIX[service] ?? service}:${operation}`],
});

/** IAM action prefix of each service key. */
export const IAM_PREFIX: Record<string, string> = {
  tagging: 'tag',
  iam: 'iam',
  sts: 'sts',
  config: 'config',
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  logs: 'logs',
  ec2: 'ec2',
  rds: 'rds',
  dynamodb: 'dynamodb',
  elbv2: 'elasticloadbalancing',
  kms: 'kms',
  cloudwatch: 'cloudwatch',
  route53: 'route53',
  elasticache: 'elasticache',
  ce: 'ce',
};

export const OPERATIONS: readonly OperationInfo[] = [
  op('tagging', 'GetResources'),
  op('iam', 'GetAccountAuthorizationDetails'),
  op('sts', 'AssumeRole'),
  // Needs no permission (AWS answers it for any identity); listed so the policy says it is called.
  op('sts', 'GetCallerIdentity'),
  op('config', 'DescribeConfigurationRecorders'),
  op('config', 'DescribeConfigurationRecorderStatus'),
  op('config', 'SelectResourceConfig'),
  op('config', 'SelectAggregateResourceConfig'),
  op('s3', 'ListBuckets', 's3:ListAllMyBuckets'),
  op('s3', 'GetBucketEncryption', 's3:GetEncryptionConfiguration'),
  op('s3', 'GetBucketVersioning'),
  op('s3', 'GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration'),
  op('s3', 'GetBucketLogging'),
  op('s3', 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock'),
  op('s3', 'GetBucketPolicy'),
  op('sqs', 'ListQueues'),
  op('sqs', 'GetQueueAttributes'),
  op('sns', 'ListTopics'),
  op('sns', 'GetTopicAttributes'),
  op('logs', 'DescribeLogGroups'),
  op('ec2', 'DescribeVpcs'),
  op('ec2', 'DescribeSubnets'),
  op('ec2', 'DescribeSecurityGroups'),
  op('ec2', 'DescribeInstances'),
  op('ec2', 'DescribeVolumes'),
  op('ec2', 'DescribeNatGateways'),
  op('ec2', 'DescribeSnapshots'),
  op('ec2', 'DescribeNetworkInterfaces'),
  op('ec2', 'DescribeRouteTables'),
  op('ec2', 'DescribeVpcEndpoints'),
  op('ec2', 'DescribeInternetGateways'),
  op('ec2', 'DescribeNetworkAcls'),
  op('rds', 'DescribeDBInstances'),
  op('rds', 'DescribeDBClusters'),
  op('rds', 'DescribeDBSnapshots'),
  op('dynamodb', 'ListTables'),
  op('dynamodb', 'DescribeTable'),
  op('dynamodb', 'DescribeContinuousBackups'),
  op('elbv2', 'DescribeLoadBalancers'),
  op('elbv2', 'DescribeLoadBalancerAttributes'),
  op('elbv2', 'DescribeListeners'),
  op('elbv2', 'DescribeTargetGroups'),
  op('elbv2', 'DescribeTargetHealth'),
  op('kms', 'ListKeys'),
  op('kms', 'ListAliases'),
  op('kms', 'DescribeKey'),
  op('kms', 'GetKeyRotationStatus'),
  op('kms', 'GetKeyPolicy'),
  op('cloudwatch', 'DescribeAlarms'),
  op('route53', 'ListHostedZones'),
  op('elasticache', 'DescribeCacheClusters'),
  op('ce', 'GetCostAndUsage'),
];

const BY_KEY = new Map(OPERATIONS.map((o) => [`${o.service}:${o.operation}`, o]));

export function operationInfo(service: string, operation: string): OperationInfo {
  const info = BY_KEY.get(`${service}:${operation}`);
  if (!info) throw new Error(`collect: operation ${service}:${operation} is not in the registry (src/collect/operations.ts)`);
  return info;
}
