// Types of the configuration fields each resource type carries (src/model/resource-config.ts),
// as JSON Schema for the snapshot. A field may be absent (not collected: the rules that need
// it are not-evaluated) and a newer collector may add fields, but a field that is present
// must have its type: the analyses read these without further checks.
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const size = { type: 'number', minimum: 0 } as const;
const strs = { type: 'array', items: str } as const;
// Inside a field, the members the model types as required are required (a part-collected
// rule or listener cannot be judged); at the top of config, absence means not collected.
const fields = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, ...(required.length > 0 ? { required } : {}) }) as const;
const list = (properties: Record<string, unknown>, required: string[]) => ({ type: 'array', items: fields(properties, required) }) as const;

const encryption = fields({ enabled: bool, algorithm: str, kmsKeyArn: str, customerManagedKey: bool }, ['enabled']);
const securityGroupRules = list({ protocol: str, fromPort: { type: 'integer' }, toPort: { type: 'integer' }, cidrs: strs, groupIds: strs }, ['protocol', 'cidrs', 'groupIds']);

/** Resource type -> schema of its `config`. */
export const CONFIG_SCHEMAS: Record<string, unknown> = {
  'AWS::S3::Bucket': fields({
    encryption,
    versioning: { enum: ['Enabled', 'Suspended', 'Off'] },
    logging: fields({ enabled: bool, targetBucket: str }, ['enabled']),
    publicAccessBlock: {
      anyOf: [
        { type: 'null' },
        fields({ blockPublicAcls: bool, ignorePublicAcls: bool, blockPublicPolicy: bool, restrictPublicBuckets: bool }, ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets']),
      ],
    },
    lifecycle: fields(
      { rules: list({ id: str, enabled: bool, prefix: str, transitions: list({ days: count, storageClass: str }, ['days', 'storageClass']), expirationDays: count }, ['id', 'enabled', 'transitions']) },
      ['rules'],
    ),
    tlsOnly: bool,
  }),
  'AWS::SQS::Queue': fields({ url: str, encryption, messageRetentionSeconds: count }),
  'AWS::SNS::Topic': fields({ encryption }),
  'AWS::Logs::LogGroup': fields({ retentionDays: { anyOf: [{ type: 'null' }, count] }, encryption, storedBytes: size }),
  'AWS::EC2::VPC': fields({ vpcId: str, cidrBlocks: strs, isDefault: bool }),
  'AWS::EC2::Subnet': fields({ subnetId: str, vpcId: str, cidrBlock: str, availabilityZone: str, mapPublicIpOnLaunch: bool }),
  'AWS::EC2::SecurityGroup': fields({ groupId: str, vpcId: str, ingress: securityGroupRules, egress: securityGroupRules }),
  'AWS::EC2::Instance': fields({
    instanceId: str,
    instanceType: str,
    state: str,
    vpcId: str,
    subnetId: str,
    availabilityZone: str,
    securityGroupIds: strs,
    volumeIds: strs,
    iamInstanceProfileArn: str,
    publicIp: str,
  }),
  'AWS::EC2::Volume': fields({ volumeId: str, volumeType: str, sizeGiB: size, iops: size, throughput: size, encryption, availabilityZone: str, attachedInstanceIds: strs }),
  'AWS::EC2::NatGateway': fields({ vpcId: str, subnetId: str, state: str }),
  'AWS::RDS::DBInstance': fields({
    engine: str,
    instanceClass: str,
    multiAz: bool,
    encryption,
    backupRetentionDays: count,
    deletionProtection: bool,
    publiclyAccessible: bool,
    storageType: str,
    allocatedStorageGiB: size,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    clusterId: str,
  }),
  'AWS::RDS::DBCluster': fields({ engine: str, multiAz: bool, encryption, backupRetentionDays: count, deletionProtection: bool, members: strs }),
  'AWS::DynamoDB::Table': fields({
    encryption,
    pointInTimeRecovery: bool,
    billingMode: { enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
    readCapacityUnits: count,
    writeCapacityUnits: count,
    deletionProtection: bool,
  }),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': fields({
    lbType: { enum: ['application', 'network', 'gateway'] },
    scheme: { enum: ['internet-facing', 'internal'] },
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    accessLogging: fields({ enabled: bool, bucket: str }, ['enabled']),
    deletionProtection: bool,
    listeners: list({ port: count, protocol: str, sslPolicy: str, redirectsToHttps: bool }, ['port', 'protocol']),
  }),
  'AWS::KMS::Key': fields({ keyManager: { enum: ['AWS', 'CUSTOMER'] }, keyState: str, rotationEnabled: bool }),
  'AWS::CloudWatch::Alarm': fields({ namespace: str, metricName: str, dimensions: { type: 'object', additionalProperties: str }, alarmActions: strs }),
  'AWS::Route53::HostedZone': fields({ zoneName: str, privateZone: bool, recordCount: count }),
  'AWS::ElastiCache::CacheCluster': fields({ engine: str, nodeType: str, numNodes: count, encryption: fields({ atRest: bool, inTransit: bool }, ['atRest', 'inTransit']), snapshotRetentionDays: count, multiAz: bool }),
  'AWS::IAM::Role': fields({ path: str }),
};

/** The `allOf` entries that apply each type's config schema to resources of that type. */
export const CONFIG_BY_TYPE = Object.entries(CONFIG_SCHEMAS).map(([type, schema]) => ({
  if: { properties: { type: { const: type } }, required: ['type'] },
  then: { properties: { config: schema } },
}));
