// The environment spec: what a team's architecture document says its environments
// must look like. The JSON Schema in src/spec/ is the authority on validation; these
// types describe the validated, defaults-applied object the rest of envgate reads.

import type { AuditSpec, CertificatesSpec, SecretsSpec } from './spec-audit.js';
import type { CdnSpec, ShieldSpec, WafSpec } from './spec-edge.js';

/** Access levels in the documents' vocabulary, lowest first. */
export const ACCESS_LEVELS = ['none', 'view', 'read', 'deploy', 'full'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** IAM access-level categories as the IAM service authorization reference names them. */
export type IamAccessCategory = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

/** A glob (`*`, `?`) matched against a whole name or ARN; `re:` prefix = anchored regex. */
export type Pattern = string;

/** CloudFormation-style type name, e.g. `AWS::S3::Bucket`. */
export type ResourceType = string;

export interface Spec {
  $schema?: string;
  version: 1;
  system: {
    name: string;
    description?: string;
    document?: string;
    /** Date (YYYY-MM-DD) of the document version the spec encodes. */
    documentDate?: string;
  };
  /** Tag keys whose value names the environment (case-insensitive key match). */
  attribution: { tagKeys: string[] };
  environments: Record<string, EnvironmentSpec>;
  /** Resources allowed to be used by more than one environment. */
  shared: SharedAllowance[];
  /** Resources deliberately left out of scope (src/engine/exclusions.ts); loading sets [] when absent. */
  exclude?: Exclusion[];
  tagging: { required: string[] };
  teams: Record<string, TeamSpec>;
  access: AccessSpec;
  parity: ParitySpec[];
  /**
   * Account furniture (what AWS creates in every account: default VPCs, default security
   * groups, AWS-managed keys, service-linked and Identity Center roles): `exclude` leaves it
   * out of the rules whose files say `exempt: [furniture]`, with the reason; `include`
   * judges it like any resource. Optional only for hand-made specs; defaults give `exclude`.
   */
  furniture?: 'exclude' | 'include';
  /** How to collect (optional): e.g. an AWS Config aggregator that answers for the organisation. */
  collection?: CollectionSpec;
}

/** Resources left out of scope: those of `type` whose name and ARN match the patterns given. */
export interface Exclusion {
  type?: Pattern;
  name?: Pattern;
  arn?: Pattern;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD: from this UTC day on the exclusion no longer applies. */
  expires?: string;
}

export interface CollectionSpec {
  /** Query this AWS Config aggregator (SelectAggregateResourceConfig) instead of each account's recorder. */
  configAggregator?: { name: string; region: string };
}

export interface AccountRef {
  id: string; // 12 digits
  roleArn?: string; // assumed for collection
  name?: string;
}

export interface EnvironmentSpec {
  description?: string;
  /** Accepted tag values besides the environment's own name, case-insensitive. */
  aliases: string[];
  accounts: AccountRef[];
  regions: string[];
  attribution: {
    /** Name patterns that put any resource in this environment. */
    names: Pattern[];
    /** Name patterns per resource type. */
    namesByType: Record<ResourceType, Pattern[]>;
    /** VPC ids whose members belong here. */
    vpcs: string[];
    /** Every resource in this environment's accounts belongs here. */
    accountWide: boolean;
  };
  /** Resource names must match one of the patterns for their type. */
  naming: Record<ResourceType, Pattern[]>;
  /** Types of which the environment must have at least one resource (rule required-resource-types). */
  requiredResourceTypes?: ResourceType[];
  network?: NetworkSpec;
  encryption?: EncryptionSpec;
  retention?: RetentionSpec;
  dataProtection?: DataProtectionSpec;
  monitoring?: MonitoringSpec;
  compute?: ComputeSpec;
  cost?: CostSpec;
  costShare?: CostShareSpec;
  secrets?: SecretsSpec;
  audit?: AuditSpec;
  certificates?: CertificatesSpec;
  ecr?: EcrSpec;
  lambda?: LambdaSpec;
  autoScaling?: AutoScalingSpec;
  eks?: EksSpec;
  ecs?: EcsSpec;
  waf?: WafSpec;
  cdn?: CdnSpec;
  shield?: ShieldSpec;
  storage?: StorageSpec;
  backups?: BackupsSpec;
  identity?: IdentitySpec;
  dns?: DnsSpec;
}

export interface NetworkSpec {
  vpcCidrs: string[];
  subnetCidrs: string[];
  availabilityZones: string[];
  /** Default VPC use is a finding (documents: "Custom VPC"). */
  forbidDefaultVpc?: boolean;
  /** Security groups must not admit 0.0.0.0/0 on these ports (e.g. 22). */
  restrictedIngressPorts?: number[];
  /** Workload types that must sit only in private subnets (rule private-subnets). */
  privateSubnets?: ResourceType[];
  /** The bastion host as the only SSH path (rule bastion-ssh). */
  bastion?: BastionSpec;
  /** Allowed ingress sources per port (rule allowed-ingress). */
  allowedIngress?: AllowedIngressSpec[];
  /** Minimum number of availability zones (rule availability-zone-count). */
  availabilityZoneCount?: { min?: number; byType?: Record<string, number> };
}

export interface BastionSpec {
  names?: string[];
  tags?: Record<string, string>;
  sshFrom?: string[];
}

export interface AllowedIngressSpec {
  description?: string;
  ports: number[];
  cidrs?: string[];
  securityGroups?: string[];
}

export interface EncryptionSpec {
  /** Types whose resources must be encrypted at rest. */
  atRest: ResourceType[];
  /** Types that must use a customer-managed KMS key (subset of atRest). */
  customerManagedKey: ResourceType[];
  /** databases, elasticacheTls: optional so that hand-built specs may leave them out; the loader fills them. */
  inTransit: { s3TlsOnly: boolean; httpsListeners: boolean; databases?: boolean; elasticacheTls?: boolean };
}

export interface LogRetentionClass {
  class: string; // e.g. sqs, s3, application
  match: Pattern[]; // log group name patterns
  days: number; // minimum retention in days
  maxDays?: number; // cost guard: at most this many days
}

export interface LifecycleTransition {
  days: number;
  storageClass: 'STANDARD_IA' | 'ONEZONE_IA' | 'INTELLIGENT_TIERING' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';
}

export interface S3LifecycleRequirement {
  buckets: Pattern[];
  /** Object key prefix covered; '' (default) is the whole bucket. */
  prefix: string;
  /** onOrBefore (default): a transition at the day or earlier satisfies it; exact: at the day. */
  transitionMatch: 'onOrBefore' | 'exact';
  /** exact (default): expiration at the day; atLeast: at the day or later. */
  expirationMatch: 'exact' | 'atLeast';
  transitions: LifecycleTransition[];
  expirationDays?: number;
}

export interface BackupRequirement {
  type: ResourceType; // AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::ElastiCache::CacheCluster, AWS::DynamoDB::Table
  days: number; // minimum backup / snapshot retention
}

export interface RetentionSpec {
  logGroups: LogRetentionClass[];
  s3Lifecycle: S3LifecycleRequirement[];
  backups: BackupRequirement[];
}

export interface DataProtectionSpec {
  versioning: Pattern[]; // bucket name patterns ('*' = all buckets)
  accessLogging: ResourceType[]; // AWS::S3::Bucket, AWS::ElasticLoadBalancingV2::LoadBalancer
  publicAccessBlock: boolean;
  deletionProtection: ResourceType[];
  multiAz: ResourceType[];
  pointInTimeRecovery: boolean; // DynamoDB
  /** Resource policies may admit everyone ('*' with no condition); false = resource-policy-public checks. */
  publicPolicies?: boolean;
}

export interface MonitoringSpec {
  /** Each resource of these types must have at least one CloudWatch alarm. */
  alarms: ResourceType[];
  /** Alarms of this environment must notify one of these ARNs (patterns allowed). */
  alarmActions: Pattern[];
  /** At least this many CloudWatch dashboards belong to the environment. */
  minDashboards?: number;
}

/** EC2 purchase options: InstanceLifecycle's values, and on-demand for an instance without one. */
export const PURCHASE_OPTIONS = ['on-demand', 'spot', 'scheduled', 'capacity-block', 'interruptible-capacity-reservation'] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];

export interface ComputeSpec {
  instanceTypes?: string[]; // allowed EC2 instance types
  dbInstanceClasses?: string[]; // allowed RDS classes
  cacheNodeTypes?: string[];
  /** Allowed EC2 purchase options (the instance's purchaseOption). */
  purchaseOptions?: PurchaseOption[];
  /** EC2 instances outside Auto Scaling groups have an uptime schedule (an inbound `schedules` relation). */
  scheduleRequired?: boolean;
  instanceCount?: { min?: number; max?: number };
  loadBalancer?: 'required' | 'forbidden' | 'optional';
}

export interface EcrSpec {
  scanOnPush?: boolean;
  /** IMMUTABLE or IMMUTABLE_WITH_EXCLUSION. */
  immutableTags?: boolean;
  /** KMS or KMS_DSSE, not AES256. */
  kmsEncryption?: boolean;
}

export interface LambdaSpec {
  forbidDeprecatedRuntimes?: boolean;
  /** At least one subnet. */
  requireVpc?: boolean;
}

export interface Bounds {
  min?: number;
  max?: number;
}

export interface AutoScalingSpec {
  minAvailabilityZones?: number;
  minSize?: Bounds;
  maxSize?: Bounds;
  desiredCapacity?: Bounds;
  /** A recurring scheduled action (uptime schedule). */
  scheduleRequired?: boolean;
}

export interface EcsSpec {
  /** Clusters' containerInsights setting on. */
  containerInsights?: boolean;
  /** Services' awsvpcConfiguration.assignPublicIp off. */
  noPublicIp?: boolean;
}

export interface EksSpec {
  /** endpointPublicAccess off. */
  privateEndpoint?: boolean;
  /** api, audit, authenticator, controllerManager, scheduler. */
  controlPlaneLogging?: string[];
  secretsEncryption?: boolean;
}

export interface StorageSpec {
  /** EBS volume types allowed (gp2, gp3, ...). */
  volumeTypes?: string[];
  volumeSizeGiB?: Bounds;
  snapshotEncryption?: boolean;
  /** Every volume has at least one snapshot. */
  volumeSnapshots?: boolean;
  /** Bucket name patterns that must use Intelligent-Tiering (an archive configuration, or a lifecycle transition to INTELLIGENT_TIERING). */
  s3IntelligentTiering?: string[];
}

/** The types AWS Backup protects that envgate collects: what backups.planCoverage may list. */
export const BACKUP_PLAN_TYPES = ['AWS::DynamoDB::Table', 'AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket'] as const;

export interface BackupsSpec {
  /** The newest snapshot of each EBS volume and RDS DB instance is at most this many days old. */
  maxSnapshotAgeDays?: number;
  /** The types maxSnapshotAgeDays applies to; absent: volumes and DB instances. */
  snapshotTypes?: ResourceType[];
  /** Resources of these types are selected by an AWS Backup plan with a rule. */
  planCoverage?: ResourceType[];
  /** The covering plan has a rule keeping recovery points at least this many days. */
  planRetentionDays?: number;
}

export interface IdentitySpec {
  /** IAM users with a console password have an MFA device. */
  consoleMfa?: boolean;
}

export interface DnsSpec {
  /** Records that must exist; an alias or CNAME must point at this environment's load balancer. */
  records?: { name: string; type?: string }[];
}

export interface CostSpec {
  monthlyCeilingUsd: number;
  /** estimate: from the inventory and the price table; actual: Cost Explorer; both. */
  source: 'estimate' | 'actual' | 'both';
}

/** The environment's planned share of the whole system's monthly cost. */
export interface CostShareSpec {
  /** Planned percentage of the total of every environment (0-100). */
  percent: number;
  /** Percentage points the share may differ by (default 5). */
  tolerancePoints?: number;
  /** Which figure: the estimate (default) or Cost Explorer's actual spend. */
  source?: 'estimate' | 'actual';
}

export interface SharedAllowance {
  type: ResourceType;
  name?: Pattern;
  arn?: Pattern;
  reason: string;
}

export interface PrincipalMatcher {
  arn?: Pattern;
  name?: Pattern;
  tag?: Record<string, string>;
}

export interface TeamSpec {
  title?: string;
  principals: PrincipalMatcher[];
}

export interface AccessLevelDefinition {
  /** IAM access-level categories that this level allows. */
  categories: IamAccessCategory[];
}

export interface AccessSpec {
  /** Level definitions, defaulted (none, view, read, deploy, full). */
  levels: Record<AccessLevel, AccessLevelDefinition>;
  /** team -> environment -> highest allowed level. */
  matrix: Record<string, Record<string, AccessLevel>>;
}

export type ParityProperty =
  | 'encryption'
  | 'versioning'
  | 'accessLogging'
  | 'alarms'
  | 'loadBalancer'
  | 'resourceKinds'
  | 'lifecyclePolicy'
  | 'multiAz'
  | 'deletionProtection'
  | 'instanceTypes'
  | 'instanceCount'
  | 'availabilityZones';

export interface ParitySpec {
  from: string; // e.g. staging
  to: string; // e.g. production
  properties: ParityProperty[];
}

/** 1-based position of a value in the spec source. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A spec as loaded: the object, where it came from, and where each value stands. */
export interface LoadedSpec {
  spec: Spec;
  /** Path as given by the user (relative paths stay relative: reports must be stable). */
  file: string;
  /** sha256 of the file bytes, hex. */
  sha256: string;
  /** JSON pointer (e.g. `/environments/staging/cost/monthlyCeilingUsd`) -> position. */
  positions: Record<string, SourcePosition>;
}
