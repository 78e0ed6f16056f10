// The JSON Schema of each resource type's collected `config`, as data, keyed by
// CloudFormation type: the contract between collectors (which produce it), rule files
// (whose config.* paths are checked against it when they load) and snapshots (validated
// per type). src/model/resource-config.ts holds the same shapes as TypeScript types;
// test/model/config-schemas.test.ts keeps the two lists of types equal. Nothing is
// required: a field that could not be collected is absent. Issue 11's per-type
// descriptors are meant to take these over.
import type { DescribedType } from './resource-config.js';

export type JsonSchema = Record<string, unknown>;

const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const num = { type: 'number' };
const strs = { type: 'array', items: str };
/** Any JSON value (policy documents as AWS returns them). */
const any = {};
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
const obj = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', additionalProperties: false, properties });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

const encryption = obj({ enabled: bool, algorithm: str, kmsKeyArn: str, customerManagedKey: bool });
// A rule without its protocol or sources cannot be judged (the network analyses read them
// without checks): inside a collected rule these three are required.
const sgRule: JsonSchema = { ...obj({ protocol: str, fromPort: int, toPort: int, cidrs: strs, groupIds: strs }), required: ['protocol', 'cidrs', 'groupIds'] };

export const CONFIG_SCHEMAS: Readonly<Record<DescribedType, JsonSchema>> = {
  'AWS::S3::Bucket': obj({
    encryption,
    versioning: { enum: ['Enabled', 'Suspended', 'Off'] },
    logging: obj({ enabled: bool, targetBucket: str }),
    publicAccessBlock: nullable(obj({ blockPublicAcls: bool, ignorePublicAcls: bool, blockPublicPolicy: bool, restrictPublicBuckets: bool })),
    lifecycle: obj({
      rules: list(obj({ id: str, enabled: bool, prefix: str, objectFilter: strs, transitions: list(obj({ days: int, storageClass: str })), expirationDays: int })),
    }),
    policy: any,
    tlsOnly: bool,
  }),
  'AWS::SQS::Queue': obj({ url: str, encryption, messageRetentionSeconds: int, policy: any }),
  'AWS::SNS::Topic': obj({ encryption, policy: any }),
  'AWS::Logs::LogGroup': obj({ retentionDays: nullable(int), encryption, storedBytes: num }),
  'AWS::EC2::VPC': obj({ vpcId: str, cidrBlocks: strs, isDefault: bool }),
  'AWS::EC2::Subnet': obj({ subnetId: str, vpcId: str, cidrBlock: str, availabilityZone: str, mapPublicIpOnLaunch: bool, defaultForAz: bool }),
  'AWS::EC2::SecurityGroup': obj({ groupId: str, groupName: str, vpcId: str, ingress: list(sgRule), egress: list(sgRule) }),
  'AWS::EC2::Instance': obj({
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
  'AWS::EC2::Volume': obj({
    volumeId: str,
    volumeType: str,
    sizeGiB: num,
    iops: num,
    throughput: num,
    encryption,
    availabilityZone: str,
    attachedInstanceIds: strs,
  }),
  'AWS::EC2::NatGateway': obj({ vpcId: str, subnetId: str, state: str }),
  'AWS::EC2::Snapshot': obj({ snapshotId: str, volumeId: str, sizeGiB: num, encryption, state: str, startTime: str, storageTier: str }),
  'AWS::EC2::NetworkInterface': obj({
    networkInterfaceId: str,
    interfaceType: str,
    requesterManaged: bool,
    requesterId: str,
    description: str,
    status: str,
    vpcId: str,
    subnetId: str,
    availabilityZone: str,
    privateIp: str,
    publicIp: str,
    securityGroupIds: strs,
    attachedInstanceId: str,
  }),
  'AWS::EC2::RouteTable': obj({ routeTableId: str, vpcId: str, main: bool, subnetIds: strs, gatewayIds: strs, routes: list(obj({ destination: str, target: str, state: str })) }),
  'AWS::EC2::VPCEndpoint': obj({
    vpcEndpointId: str,
    endpointType: str,
    serviceName: str,
    state: str,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    routeTableIds: strs,
    privateDnsEnabled: bool,
    policy: any,
  }),
  'AWS::EC2::InternetGateway': obj({ internetGatewayId: str, vpcIds: strs }),
  'AWS::EC2::NetworkAcl': obj({
    networkAclId: str,
    vpcId: str,
    isDefault: bool,
    subnetIds: strs,
    entries: list(obj({ ruleNumber: int, egress: bool, protocol: str, action: str, cidr: str, fromPort: int, toPort: int })),
  }),
  'AWS::RDS::DBInstance': obj({
    engine: str,
    instanceClass: str,
    multiAz: bool,
    encryption,
    backupRetentionDays: int,
    deletionProtection: bool,
    publiclyAccessible: bool,
    storageType: str,
    allocatedStorageGiB: num,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    clusterId: str,
  }),
  'AWS::RDS::DBCluster': obj({ engine: str, multiAz: bool, encryption, backupRetentionDays: int, deletionProtection: bool, members: strs }),
  'AWS::RDS::DBSnapshot': obj({ snapshotType: str, engine: str, dbInstanceId: str, encryption, status: str, allocatedStorageGiB: num, createTime: str }),
  'AWS::DynamoDB::Table': obj({
    encryption,
    pointInTimeRecovery: bool,
    billingMode: { enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
    readCapacityUnits: num,
    writeCapacityUnits: num,
    deletionProtection: bool,
  }),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': obj({
    lbType: { enum: ['application', 'network', 'gateway'] },
    scheme: { enum: ['internet-facing', 'internal'] },
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    accessLogging: obj({ enabled: bool, bucket: str }),
    deletionProtection: bool,
    listeners: list(obj({ port: int, protocol: str, sslPolicy: str, redirectsToHttps: bool })),
  }),
  'AWS::ElasticLoadBalancingV2::TargetGroup': obj({
    targetType: str,
    protocol: str,
    port: int,
    vpcId: str,
    loadBalancerArns: strs,
    targets: list(obj({ id: str, port: int, state: str })),
  }),
  'AWS::KMS::Key': obj({ keyManager: { enum: ['AWS', 'CUSTOMER'] }, keyState: str, aliases: strs, rotationEnabled: bool, policy: any }),
  'AWS::CloudWatch::Alarm': obj({ namespace: str, metricName: str, dimensions: { type: 'object', additionalProperties: str }, alarmActions: strs }),
  'AWS::Route53::HostedZone': obj({ zoneName: str, privateZone: bool, recordCount: int }),
  'AWS::ElastiCache::CacheCluster': obj({
    engine: str,
    nodeType: str,
    numNodes: int,
    encryption: obj({ atRest: bool, inTransit: bool }),
    snapshotRetentionDays: int,
    multiAz: bool,
  }),
  'AWS::IAM::Role': obj({ path: str, trustPolicy: any }),
  'AWS::IAM::User': obj({ path: str }),
  'AWS::IAM::Group': obj({ path: str }),
  'AWS::IAM::ManagedPolicy': obj({ path: str }),
};

/** The config schema of a type, or undefined for types envgate does not describe (Tagging API only). */
export function configSchema(type: string): JsonSchema | undefined {
  return (CONFIG_SCHEMAS as Record<string, JsonSchema>)[type];
}

export type PathLookup = { ok: true; schema: JsonSchema } | { ok: false; at: string; known: string[] };

/**
 * Resolves a dotted path below `config` (e.g. 'encryption.enabled') in a schema. Maps
 * with free keys and `any` values accept every path below them; numeric segments index
 * arrays. On failure says at which segment, and which properties exist there.
 */
export function lookupPath(schema: JsonSchema, path: string): PathLookup {
  let cur = schema;
  const seen: string[] = [];
  for (const seg of path.split('.')) {
    const alternatives = Array.isArray(cur.anyOf) ? (cur.anyOf as JsonSchema[]) : [cur];
    const node = alternatives.find((s) => s.type === 'object' || s.type === 'array') ?? alternatives[0]!;
    if (Object.keys(node).length === 0) return { ok: true, schema: any };
    if (node.type === 'array' && /^[0-9]+$/.test(seg)) {
      cur = node.items as JsonSchema;
    } else if (node.type === 'object') {
      const props = (node.properties ?? {}) as Record<string, JsonSchema>;
      const next = props[seg] ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as JsonSchema) : undefined);
      if (!next) return { ok: false, at: [...seen, seg].join('.'), known: Object.keys(props) };
      cur = next;
    } else {
      return { ok: false, at: [...seen, seg].join('.'), known: [] };
    }
    seen.push(seg);
  }
  return { ok: true, schema: cur };
}

/** The schema of one element of an array-valued schema (for paths inside every/some/none). */
export function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  const alternatives = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [schema];
  const arr = alternatives.find((s) => s.type === 'array');
  return arr ? ((arr.items as JsonSchema | undefined) ?? any) : Object.keys(schema).length === 0 ? any : undefined;
}
