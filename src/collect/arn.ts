// ARNs: building them for describe results and mapping Tagging API ARNs to
// CloudFormation-style types, so every source names a resource the same way.

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function arnOf(service: string, region: string, accountId: string, resource: string, partitionRegion = region): string {
  return `arn:${partitionOf(partitionRegion)}:${service}:${region}:${accountId}:${resource}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, accountId: m[4]!, resource: m[5]! };
}

/** Log group ARNs come with and without a trailing ':*'; the snapshot keeps them without. */
export function canonicalArn(arn: string): string {
  return arn.startsWith('arn:') && arn.includes(':logs:') ? arn.replace(/:\*$/, '') : arn;
}

const EC2_TYPES: Record<string, string> = {
  vpc: 'AWS::EC2::VPC',
  subnet: 'AWS::EC2::Subnet',
  'security-group': 'AWS::EC2::SecurityGroup',
  instance: 'AWS::EC2::Instance',
  volume: 'AWS::EC2::Volume',
  natgateway: 'AWS::EC2::NatGateway',
  'internet-gateway': 'AWS::EC2::InternetGateway',
  'route-table': 'AWS::EC2::RouteTable',
  'network-interface': 'AWS::EC2::NetworkInterface',
  'elastic-ip': 'AWS::EC2::EIP',
  snapshot: 'AWS::EC2::Snapshot',
  image: 'AWS::EC2::Image',
  'launch-template': 'AWS::EC2::LaunchTemplate',
  'network-acl': 'AWS::EC2::NetworkAcl',
  'vpc-endpoint': 'AWS::EC2::VPCEndpoint',
  'key-pair': 'AWS::EC2::KeyPair',
};

const pascal = (s: string) =>
  s
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** The resource type and short id an ARN names; unknown shapes get a generic type. */
export function typeOfArn(arn: string): { type: string; id: string } | undefined {
  const p = parseArn(arn);
  if (!p) return undefined;
  const r = p.resource;
  const slash = r.split('/');
  const colon = r.split(':');
  switch (p.service) {
    case 's3':
      return r.includes('/') ? undefined : { type: 'AWS::S3::Bucket', id: r };
    case 'sqs':
      return { type: 'AWS::SQS::Queue', id: r };
    case 'sns':
      return colon.length === 1 ? { type: 'AWS::SNS::Topic', id: r } : { type: 'AWS::SNS::Subscription', id: r };
    case 'logs':
      return colon[0] === 'log-group' ? { type: 'AWS::Logs::LogGroup', id: colon.slice(1).join(':').replace(/:\*$/, '') } : undefined;
    case 'ec2': {
      const t = EC2_TYPES[slash[0]!] ?? `AWS::EC2::${pascal(slash[0]!)}`;
      return { type: t, id: slash.slice(1).join('/') };
    }
    case 'rds':
      if (colon[0] === 'db') return { type: 'AWS::RDS::DBInstance', id: colon[1]! };
      if (colon[0] === 'cluster') return { type: 'AWS::RDS::DBCluster', id: colon[1]! };
      if (colon[0] === 'snapshot') return { type: 'AWS::RDS::DBSnapshot', id: colon.slice(1).join(':') };
      if (colon[0] === 'cluster-snapshot') return { type: 'AWS::RDS::DBClusterSnapshot', id: colon.slice(1).join(':') };
      return { type: `AWS::RDS::${pascal(colon[0]!)}`, id: colon.slice(1).join(':') };
    case 'dynamodb':
      return slash[0] === 'table' && slash.length === 2 ? { type: 'AWS::DynamoDB::Table', id: slash[1]! } : undefined;
    case 'elasticloadbalancing':
      if (slash[0] === 'loadbalancer') return { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: slash.slice(1).join('/') };
      if (slash[0] === 'targetgroup') return { type: 'AWS::ElasticLoadBalancingV2::TargetGroup', id: slash.slice(1).join('/') };
      return { type: `AWS::ElasticLoadBalancingV2::${pascal(slash[0]!)}`, id: slash.slice(1).join('/') };
    case 'kms':
      return slash[0] === 'key' ? { type: 'AWS::KMS::Key', id: slash[1]! } : { type: 'AWS::KMS::Alias', id: slash.slice(1).join('/') };
    case 'cloudwatch':
      return colon[0] === 'alarm' ? { type: 'AWS::CloudWatch::Alarm', id: colon.slice(1).join(':') } : undefined;
    case 'elasticache':
      if (colon[0] === 'cluster') return { type: 'AWS::ElastiCache::CacheCluster', id: colon[1]! };
      if (colon[0] === 'replicationgroup') return { type: 'AWS::ElastiCache::ReplicationGroup', id: colon[1]! };
      return { type: `AWS::ElastiCache::${pascal(colon[0]!)}`, id: colon.slice(1).join(':') };
    case 'lambda':
      return colon[0] === 'function' ? { type: 'AWS::Lambda::Function', id: colon[1]! } : undefined;
    case 'route53':
      return slash[0] === 'hostedzone' ? { type: 'AWS::Route53::HostedZone', id: slash[1]! } : undefined;
    default: {
      const head = (r.split(/[/:]/)[0] ?? 'Resource') || 'Resource';
      return { type: `AWS::${pascal(p.service)}::${pascal(head)}`, id: r.slice(head.length + 1) || r };
    }
  }
}
