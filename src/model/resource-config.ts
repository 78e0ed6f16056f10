// The normalised `config` of each resource type: the vocabulary shared by collectors
// (which produce it), rules (which read it by dotted path) and fixtures. A field that
// could not be collected is absent (never guessed); the snapshot's errors say why.

export interface EncryptionState {
  enabled: boolean;
  /** 'AES256', 'aws:kms', 'aws:kms:dsse', 'SSE-SQS', 'AWS_OWNED', 'KMS', ... as AWS reports it. */
  algorithm?: string;
  kmsKeyArn?: string;
  /** True when the key is customer managed (not an aws/<service> alias key, not AWS owned). */
  customerManagedKey?: boolean;
}

export interface S3BucketConfig {
  encryption: EncryptionState;
  versioning: 'Enabled' | 'Suspended' | 'Off';
  logging: { enabled: boolean; targetBucket?: string };
  /** null = no public access block configured. */
  publicAccessBlock: {
    blockPublicAcls: boolean;
    ignorePublicAcls: boolean;
    blockPublicPolicy: boolean;
    restrictPublicBuckets: boolean;
  } | null;
  lifecycle: {
    rules: {
      id: string;
      enabled: boolean;
      prefix?: string;
      /** Tag and object-size conditions of the rule's filter (`tag team=web`, `size > 1024 bytes`): it covers only some objects. */
      objectFilter?: string[];
      transitions: { days: number; storageClass: string }[];
      expirationDays?: number;
    }[];
  };
  /** Bucket policy, null when none. */
  policy: unknown;
  /** Derived: the policy denies requests with aws:SecureTransport = false. */
  tlsOnly: boolean;
  /** S3 Intelligent-Tiering archive configurations: the ids of the enabled ones (not in AWS Config's items). */
  intelligentTiering?: { enabled: boolean; ids: string[] };
}

export interface SqsQueueConfig {
  url: string;
  encryption: EncryptionState; // SSE-SQS or KMS
  messageRetentionSeconds?: number;
  policy?: unknown;
}

export interface SnsTopicConfig {
  encryption: EncryptionState;
  policy?: unknown;
}

export interface LogGroupConfig {
  /** null = never expire. */
  retentionDays: number | null;
  encryption: EncryptionState;
  storedBytes?: number;
}

export interface VpcConfig {
  vpcId: string;
  cidrBlocks: string[];
  isDefault: boolean;
}

export interface SubnetConfig {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  mapPublicIpOnLaunch: boolean;
  /** A default subnet of the default VPC (account furniture). */
  defaultForAz?: boolean;
}

export interface SecurityGroupRule {
  protocol: string; // '-1' = all
  fromPort?: number;
  toPort?: number;
  cidrs: string[]; // IPv4 and IPv6
  groupIds: string[];
}

export interface SecurityGroupConfig {
  groupId: string;
  /** GroupName as AWS has it ('default' = the VPC's default group, account furniture); the Name tag may differ. */
  groupName?: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface InstanceConfig {
  instanceId: string;
  instanceType: string;
  state: string; // running, stopped, ...
  vpcId?: string;
  subnetId?: string;
  availabilityZone?: string;
  securityGroupIds: string[];
  volumeIds: string[];
  iamInstanceProfileArn?: string;
  publicIp?: string;
  /** InstanceLifecycle (spot, scheduled, capacity-block, ...), on-demand when it has none. */
  purchaseOption?: string;
}

export interface VolumeConfig {
  volumeId: string;
  volumeType: string; // gp2, gp3, io1, ...
  sizeGiB: number;
  iops?: number;
  throughput?: number;
  encryption: EncryptionState;
  availabilityZone: string;
  attachedInstanceIds: string[];
}

export interface NatGatewayConfig {
  vpcId: string;
  subnetId: string;
  state: string;
}

/** AWS::EC2::Snapshot (the AWS Config type; CloudFormation has none): the account's own EBS snapshots. */
export interface EbsSnapshotConfig {
  snapshotId: string;
  /** Absent for snapshots copied from another snapshot (AWS reports vol-ffffffff). */
  volumeId?: string;
  /** Size of the source volume; AWS bills the changed blocks, at most this. */
  sizeGiB: number;
  encryption: EncryptionState;
  state: string; // pending, completed, error, ...
  startTime?: string; // ISO 8601
  storageTier?: string; // standard, archive
}

export interface NetworkInterfaceConfig {
  networkInterfaceId: string;
  /** interface, nat_gateway, network_load_balancer, vpc_endpoint, lambda, ... */
  interfaceType: string;
  /** Created and managed by an AWS service (load balancer, NAT gateway, RDS, ...). */
  requesterManaged: boolean;
  requesterId?: string;
  description?: string;
  status: string;
  vpcId: string;
  subnetId: string;
  availabilityZone?: string;
  privateIp?: string;
  publicIp?: string;
  securityGroupIds: string[];
  attachedInstanceId?: string;
}

export interface RouteTableConfig {
  routeTableId: string;
  vpcId: string;
  /** The VPC's main route table (AWS creates it with the VPC). */
  main: boolean;
  subnetIds: string[];
  gatewayIds: string[];
  routes: { destination: string; target: string; state: string }[];
}

export interface VpcEndpointConfig {
  vpcEndpointId: string;
  endpointType: string; // Interface, Gateway, GatewayLoadBalancer
  serviceName: string;
  state: string;
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  routeTableIds: string[];
  privateDnsEnabled: boolean;
  policy?: unknown;
}

export interface InternetGatewayConfig {
  internetGatewayId: string;
  vpcIds: string[];
}

export interface NetworkAclConfig {
  networkAclId: string;
  vpcId: string;
  /** The VPC's default network ACL (AWS creates it with the VPC). */
  isDefault: boolean;
  subnetIds: string[];
  entries: { ruleNumber: number; egress: boolean; protocol: string; action: string; cidr: string; fromPort?: number; toPort?: number }[];
}

export interface TargetGroupConfig {
  targetType: string; // instance, ip, lambda, alb
  protocol?: string;
  port?: number;
  vpcId?: string;
  loadBalancerArns: string[];
  /** Absent when DescribeTargetHealth failed. */
  targets?: { id: string; port?: number; state: string }[];
}

export interface DbSnapshotConfig {
  snapshotType: string; // manual, automated, awsbackup, shared, public
  engine: string;
  dbInstanceId?: string;
  encryption: EncryptionState;
  status: string;
  allocatedStorageGiB?: number;
  createTime?: string; // ISO 8601
}

export interface DbInstanceConfig {
  engine: string;
  instanceClass: string;
  multiAz: boolean;
  encryption: EncryptionState;
  backupRetentionDays: number;
  deletionProtection: boolean;
  publiclyAccessible: boolean;
  storageType?: string;
  allocatedStorageGiB?: number;
  vpcId?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  clusterId?: string;
  /** The parameter group's TLS switch (rds.force_ssl / require_secure_transport); absent: unknown. */
  tlsRequired?: boolean;
  /** Where tlsRequired was read: `<group>: <parameter>=<value>`. */
  tlsParameter?: string;
}

export interface DbClusterConfig {
  engine: string;
  multiAz: boolean;
  encryption: EncryptionState;
  backupRetentionDays: number;
  deletionProtection: boolean;
  members: string[];
}

export interface DynamoDbTableConfig {
  encryption: EncryptionState; // always enabled in AWS; algorithm AWS_OWNED or KMS
  pointInTimeRecovery: boolean;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readCapacityUnits?: number;
  writeCapacityUnits?: number;
  deletionProtection: boolean;
}

export interface LoadBalancerConfig {
  lbType: 'application' | 'network' | 'gateway';
  scheme: 'internet-facing' | 'internal';
  vpcId?: string;
  /** The DNS name AWS gave it (what a Route 53 alias or CNAME points at). */
  dnsName?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  accessLogging: { enabled: boolean; bucket?: string };
  deletionProtection: boolean;
  listeners: { port: number; protocol: string; sslPolicy?: string; redirectsToHttps?: boolean }[];
}

export interface KmsKeyConfig {
  keyManager: 'AWS' | 'CUSTOMER';
  keyState: string;
  /** Alias names (alias/aws/s3, alias/app-key), sorted; absent when the aliases could not be listed. */
  aliases?: string[];
  rotationEnabled?: boolean;
  /** The key policy (policy name `default`), for customer managed keys only. */
  policy?: unknown;
}

export interface AlarmConfig {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  alarmActions: string[];
}

export interface HostedZoneConfig {
  zoneName: string;
  privateZone: boolean;
  recordCount?: number;
}

export interface CacheClusterConfig {
  engine: string;
  nodeType: string;
  numNodes: number;
  encryption: { atRest: boolean; inTransit: boolean };
  snapshotRetentionDays: number;
  multiAz?: boolean;
  replicationGroupId?: string;
}

/** IAM roles, users and groups are also resources (naming, isolation, attribution). */
export interface IamRoleConfig {
  path: string;
  trustPolicy?: unknown;
}

// Workload types (issue 12) keep their interfaces in a file of their own.
export type { AutoScalingGroupConfig, EcrRepositoryConfig, EksClusterConfig, LambdaFunctionConfig } from './workload-config.js';
