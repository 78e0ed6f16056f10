// The JSON Schema of one environment (src/model/spec.ts EnvironmentSpec and the
// sections it holds).
import { audit, certificates, secrets } from './schema-audit.js';
import { bool, fmt, int, list, namePatterns, obj, resourceTypes, str, type JsonSchema } from './schema-parts.js';
import { PURCHASE_OPTIONS } from '../model/spec.js';
import { autoScaling, ecr, ecs, eks, lambda } from './schema-workloads.js';
import { cdn, shield, waf } from './schema-edge.js';
import { backups, dns, identity, storage } from './schema-operations.js';

const account = obj(
  'An AWS account of this environment.',
  {
    id: fmt('account-id', 'The 12-digit account id. Quote it in YAML; an unquoted number is read from its source text.'),
    roleArn: fmt('role-arn', 'IAM role that envgate assumes to collect this account (must be in this account).'),
    name: str('Human-readable account name or alias.'),
  },
  ['id'],
);

const attribution = obj(
  'How a resource is known to belong to this environment, besides its environment tag. Default: no names, no VPCs, not account-wide.',
  {
    names: namePatterns('Name patterns that put a resource of any type in this environment, e.g. mht-*-staging-*.'),
    namesByType: {
      type: 'object',
      description: 'Name patterns per resource type, e.g. AWS::S3::Bucket: [mht-terraform-state-staging]. Default: {}.',
      propertyNames: { format: 'resource-type' },
      additionalProperties: namePatterns('Name patterns for this resource type.'),
      default: {},
    },
    vpcs: list('VPC ids whose members (subnets, instances, load balancers...) belong here.', fmt('vpc-id', 'A VPC id.'), {
      default: [],
    }),
    accountWide: bool('Every resource in this environment\'s accounts belongs here (one account per environment).', false),
  },
);

const naming = {
  type: 'object',
  description: 'Naming conventions: a resource of the given type must match one of the patterns. Default: {} (no convention).',
  propertyNames: { format: 'resource-type' },
  additionalProperties: namePatterns('Allowed name patterns for this resource type.'),
  default: {},
};

const network = obj('The environment\'s network layout.', {
  vpcCidrs: list('IPv4 CIDR blocks of the environment\'s VPCs; no two environments may overlap.', fmt('cidr', 'An IPv4 CIDR block.'), {
    default: [],
  }),
  subnetCidrs: list('Subnet CIDR blocks; each must lie within one of vpcCidrs.', fmt('cidr', 'An IPv4 CIDR block.'), { default: [] }),
  availabilityZones: list('Availability zones the environment uses, e.g. us-west-2a; each in one of the environment\'s regions.', fmt('availability-zone', 'An availability zone.'), {
    default: [],
  }),
  forbidDefaultVpc: bool('Resources in a default VPC are findings (documents: "custom VPC").'),
  restrictedIngressPorts: list(
    'Ports that security groups must not open to 0.0.0.0/0 or ::/0, e.g. 22.',
    int('A TCP/UDP port.', { minimum: 0, maximum: 65535 }),
  ),
  privateSubnets: resourceTypes('Workload types that must sit only in private subnets (no route to an internet gateway), and instances without a public IP, e.g. [AWS::EC2::Instance, AWS::RDS::DBInstance]. Default: [].'),
  bastion: obj(
    'The bastion host: SSH (port 22) into the environment only from its security groups or from sshFrom.',
    {
      names: namePatterns('Name patterns of the bastion instances, e.g. [3mtt-bastion-*]. Default: [].'),
      tags: {
        type: 'object',
        description: 'Tags (key: exact value) that mark an instance as a bastion, e.g. {Role: bastion}; any one is enough. Default: {}.',
        additionalProperties: str('The exact tag value.'),
        default: {},
      },
      sshFrom: list('CIDR blocks SSH may come from besides the bastion (the office or VPN), e.g. [203.0.113.0/24]. Default: [].', fmt('cidr', 'An IPv4 CIDR block.'), { default: [] }),
    },
  ),
  allowedIngress: list(
    'An allowlist of ingress sources per port: a security group rule that opens a listed port admits only these CIDRs and groups. Default: [].',
    obj(
      'Ports and the sources allowed on them.',
      {
        description: str('What the sources are, e.g. VPN.'),
        ports: list('TCP/UDP ports the allowlist covers.', int('A TCP/UDP port.', { minimum: 0, maximum: 65535 }), { minItems: 1 }),
        cidrs: list('CIDR blocks allowed (a rule\'s range must lie within one). Default: [].', fmt('cidr', 'An IPv4 CIDR block.'), { default: [] }),
        securityGroups: namePatterns('Security groups allowed as sources, by group id or name pattern. Default: [].'),
      },
      ['ports'],
    ),
    { default: [] },
  ),
  availabilityZoneCount: obj('Minimum number of availability zones.', {
    min: int('The environment\'s subnets (default subnets left out) span at least this many zones.', { minimum: 1 }),
    byType: {
      type: 'object',
      description: 'Per resource type, the zones its resources together span at least, e.g. {AWS::EC2::Instance: 2}. Default: {}.',
      propertyNames: { format: 'resource-type' },
      additionalProperties: int('Minimum number of zones.', { minimum: 1 }),
      default: {},
    },
  }),
});

const encryption = obj('Encryption requirements.', {
  atRest: resourceTypes('Types whose resources must be encrypted at rest, e.g. AWS::S3::Bucket, AWS::RDS::DBInstance. Default: [].'),
  customerManagedKey: resourceTypes(
    'Types that must use a customer-managed KMS key. Implies atRest for those types. Default: [].',
  ),
  inTransit: obj('Encryption in transit. Default: all false.', {
    s3TlsOnly: bool('Bucket policies must deny requests without TLS (aws:SecureTransport = false).', false),
    httpsListeners: bool('Load balancer listeners must use HTTPS/TLS, or redirect HTTP to HTTPS.', false),
    databases: bool('RDS DB instances and Aurora clusters refuse connections without TLS (rds.force_ssl or require_secure_transport on in their parameter group).', false),
    elasticacheTls: bool('ElastiCache replication groups and clusters outside a group must have in-transit encryption (TLS) enabled.', false),
  }),
});

const storageClass = {
  type: 'string',
  description: 'Target S3 storage class.',
  enum: ['STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'],
};

const retention = obj('Retention requirements.', {
  logGroups: list(
    'Log retention per class of log group. Default: [].',
    obj(
      'A class of log groups and its retention.',
      {
        class: str('Name of the class, e.g. application, sqs, s3.', { minLength: 1 }),
        match: namePatterns('Log group name patterns of this class, e.g. /aws/lambda/mht-api-staging-*.'),
        days: int('Minimum retention in days: a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...).', { minimum: 1 }),
        maxDays: int('Maximum retention in days (a cost guard); at least days, a value CloudWatch Logs accepts.', { minimum: 1 }),
      },
      ['class', 'match', 'days'],
    ),
    { default: [] },
  ),
  s3Lifecycle: list(
    'S3 lifecycle requirements. Default: [].',
    obj(
      'Buckets and the lifecycle they must have.',
      {
        buckets: namePatterns('Bucket name patterns this requirement applies to.'),
        prefix: str('Object key prefix the requirement covers, e.g. logs/. Default: the whole bucket. A lifecycle rule covers it when its own prefix is empty or begins it, and it has no tag or size filter.'),
        transitionMatch: {
          description: 'How a transition\'s day is matched: onOrBefore (the lifecycle moves objects to the class on or before the required day) or exact (on that day). Default: onOrBefore.',
          enum: ['onOrBefore', 'exact'],
          default: 'onOrBefore',
        },
        expirationMatch: {
          description: 'How expirationDays is matched: exact (objects expire on that day: earlier loses data, later keeps it past retention) or atLeast (they expire on that day or later). Default: exact.',
          enum: ['exact', 'atLeast'],
          default: 'exact',
        },
        transitions: list(
          'Transitions the lifecycle must contain, in increasing days. Default: [].',
          obj(
            'A transition to another storage class.',
            { days: int('Days after creation.', { minimum: 0 }), storageClass },
            ['days', 'storageClass'],
          ),
          { default: [] },
        ),
        expirationDays: int('Days after creation at which objects must expire, matched by expirationMatch; after the last transition.', { minimum: 1 }),
      },
      ['buckets'],
    ),
    { default: [] },
  ),
  backups: list(
    'Minimum backup or snapshot retention per resource type. Default: [].',
    obj(
      'A backup retention requirement.',
      {
        type: fmt('resource-type', 'AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::ElastiCache::CacheCluster (also its replication groups), AWS::ElastiCache::ReplicationGroup or AWS::DynamoDB::Table.'),
        days: int('Minimum retention in days, within the service\'s limit (RDS 0-35, Aurora 1-35, ElastiCache 0-35, DynamoDB PITR 1-35).', { minimum: 0 }),
      },
      ['type', 'days'],
    ),
    { default: [] },
  ),
});

const dataProtection = obj('Data protection requirements.', {
  versioning: namePatterns('Buckets that must have versioning enabled (name patterns; * = all buckets). Default: [].'),
  accessLogging: resourceTypes('Types that must have access logging: AWS::S3::Bucket, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::ApiGateway::Stage. Default: [].'),
  publicAccessBlock: bool('Every bucket must have all four S3 public access block settings on.', false),
  deletionProtection: resourceTypes('Types that must have deletion protection on. Default: [].'),
  multiAz: resourceTypes('Types that must be Multi-AZ (RDS instances and clusters, ElastiCache clusters and replication groups). Default: [].'),
  pointInTimeRecovery: bool('DynamoDB tables must have point-in-time recovery on.', false),
  publicPolicies: bool("Bucket, queue, topic, key and secret policies may admit everyone ('*' with no condition); when false (the default, also without this section) resource-policy-public checks them.", false),
});

const monitoring = obj('Monitoring requirements.', {
  alarms: resourceTypes('Each resource of these types must have at least one CloudWatch alarm. Default: [].'),
  alarmActions: list(
    'Alarms of this environment must notify one of these ARNs (patterns allowed). Default: [] (any action).',
    fmt('arn-pattern', 'An ARN pattern or re:<regex>.'),
    { default: [] },
  ),
  minDashboards: int('At least this many CloudWatch dashboards belong to the environment (by its attribution: names, tags, account).', { minimum: 1 }),
});

const instanceTypes = (format: string, description: string) =>
  list(description, fmt(format, 'A type or class name; * and ? allowed, e.g. t3.*.'), { minItems: 1 });

const compute = obj('Compute requirements.', {
  instanceTypes: instanceTypes('instance-type', 'Allowed EC2 instance types, e.g. [t3.micro, t3.small]. Absent: any.'),
  dbInstanceClasses: instanceTypes('db-instance-class', 'Allowed RDS instance classes, e.g. [db.t3.micro]. Absent: any.'),
  cacheNodeTypes: instanceTypes('cache-node-type', 'Allowed ElastiCache node types, e.g. [cache.t3.micro]. Absent: any.'),
  purchaseOptions: list(
    'Purchase options EC2 instances may use (DescribeInstances InstanceLifecycle; none is on-demand), e.g. production [on-demand], dev [on-demand, spot]. Absent: any.',
    { type: 'string', description: 'A purchase option.', enum: [...PURCHASE_OPTIONS] },
    { minItems: 1 },
  ),
  scheduleRequired: bool('Every EC2 instance (not in an Auto Scaling group: autoScaling.scheduleRequired judges the group) is started or stopped by an enabled recurring EventBridge Scheduler schedule, as documents ask for business-hours-only environments.'),
  instanceCount: obj('Running EC2 instance count bounds.', {
    min: int('At least this many instances.', { minimum: 0 }),
    max: int('At most this many instances.', { minimum: 0 }),
  }),
  loadBalancer: {
    type: 'string',
    description: 'Whether the environment must (required), must not (forbidden) or may (optional) have a load balancer.',
    enum: ['required', 'forbidden', 'optional'],
  },
});

const cost = obj(
  'Cost ceiling.',
  {
    monthlyCeilingUsd: { type: 'number', description: 'Monthly cost ceiling in USD.', exclusiveMinimum: 0 },
    source: {
      type: 'string',
      description: 'What is compared with the ceiling: estimate (inventory x price table), actual (Cost Explorer) or both. Default: estimate.',
      enum: ['estimate', 'actual', 'both'],
      default: 'estimate',
    },
  },
  ['monthlyCeilingUsd'],
);

const costShare = obj(
  'Planned share of the whole system\'s monthly cost (every environment of the spec added up), e.g. development ~10%, staging ~20%, production ~70%.',
  {
    percent: { type: 'number', description: 'Planned percentage of the total (0-100).', minimum: 0, maximum: 100 },
    tolerancePoints: { type: 'number', description: 'Percentage points the share may differ by. Default: 5.', minimum: 0, maximum: 100 },
    source: { type: 'string', description: 'Which figure every environment is counted by: estimate (inventory x price table) or actual (Cost Explorer). Default: estimate.', enum: ['estimate', 'actual'] },
  },
  ['percent'],
);

export const environmentSchema: JsonSchema = obj(
  'One environment: its accounts and regions, how its resources are recognised, and what they must look like.',
  {
    description: str('What this environment is for.'),
    aliases: list(
      'Tag values accepted besides the environment\'s own name, case-insensitive, e.g. [prod]. Default: [].',
      str('An alias.', { minLength: 1 }),
      { default: [] },
    ),
    accounts: list('The AWS accounts of this environment.', account, { minItems: 1 }),
    regions: list('Regions in use, e.g. [us-west-2].', fmt('region', 'An AWS region.'), { minItems: 1 }),
    attribution,
    naming,
    requiredResourceTypes: resourceTypes('Resource types of which the environment must have at least one, e.g. [AWS::ElastiCache::CacheCluster]. Default: [].'),
    network,
    encryption,
    retention,
    dataProtection,
    monitoring,
    compute,
    cost,
    costShare,
    secrets,
    audit,
    certificates,
    ecr,
    lambda,
    autoScaling,
    eks,
    ecs,
    waf,
    cdn,
    shield,
    storage,
    backups,
    identity,
    dns,
  },
  ['accounts', 'regions'],
);
