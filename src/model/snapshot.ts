// The snapshot is the seam between collection and everything after it: a versioned,
// deterministic JSON document that can be evaluated offline. Its JSON Schema lives in
// src/collect/snapshot-schema.ts; the per-type `config` vocabulary is in resource-config.ts.
import type { SnapshotPrices } from './prices.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  metadata: SnapshotMetadata;
  /** Sorted by arn. */
  resources: Resource[];
  /** IAM users, groups and roles with their policies. Sorted by arn. */
  principals: Principal[];
  /** Managed policies (customer and the AWS ones attached to something). Sorted by arn. */
  policies: ManagedPolicy[];
  /** Actual spend from Cost Explorer, when collected. */
  costs: CostRecord[];
  /** Calls that failed after retries. Sorted by account, region, service, operation. */
  errors: CollectionError[];
  /** Prices read from the AWS Price List API (absent when not read: --no-prices, emulators). */
  prices?: SnapshotPrices;
}

export interface SnapshotMetadata {
  tool: { name: 'envgate'; version: string };
  /** ISO 8601 UTC; SOURCE_DATE_EPOCH when set. */
  collectedAt: string;
  accounts: string[];
  regions: string[];
  /** "service:Operation" -> number of HTTP calls made (retries included). */
  apiCalls: Record<string, number>;
  /** What was collected per account and region, e.g. which source served each type. */
  coverage: CoverageEntry[];
}

export interface CoverageEntry {
  accountId: string;
  region: string; // 'global' for IAM, Route 53
  /** Resource types inventoried completely here (list calls succeeded). */
  types: string[];
  /** Where the data came from. */
  source: 'tagging' | 'config' | 'config-aggregator' | 'describe' | 'iam' | 'cost-explorer';
}

export interface Resource {
  arn: string;
  accountId: string;
  /** AWS region, or 'global' for global services (IAM, Route 53, CloudFront). */
  region: string;
  /** CloudFormation-style type: AWS::S3::Bucket, AWS::EC2::Instance, ... */
  type: string;
  /** Name tag, or the resource's own name or id. */
  name: string;
  /** The resource's short id (bucket name, instance id, queue name, ...). */
  id: string;
  tags: Record<string, string>;
  /** Normalised configuration; see resource-config.ts for each type's fields. */
  config: Record<string, unknown>;
  /** Sorted by kind, then target. */
  relations: Relation[];
}

/** Every relation kind, declared once (the snapshot schema and the catalogue's descriptors use this list). */
export const RELATION_KINDS = [
  'vpc', // member of VPC (target: VPC arn)
  'subnet', // placed in subnet (target: subnet arn)
  'security-group', // uses security group (target: SG arn)
  'volume', // attaches volume (target: volume arn)
  'kms-key', // encrypted with key (target: key arn)
  'logs-to', // writes access logs to (target: bucket or log group arn)
  'ingress-cidr', // security group admits CIDR (target: 'cidr:10.0.0.0/16')
  'ingress-security-group', // security group admits members of (target: SG arn)
  'monitors', // alarm watches (target: resource arn)
  'notifies', // alarm or bucket notifies (target: topic/queue arn)
  'load-balancer-target', // load balancer listener forwards to (target: instance arn)
  'grants', // IAM policy statement grants actions on (target: arn or arn pattern)
  'instance-profile-role', // instance runs as (target: role arn)
  'load-balancer', // target group serves (target: load balancer arn)
  'attached-to', // network interface is attached to (target: instance arn)
  'snapshot-of', // snapshot was taken of (target: volume, DB instance or cluster arn)
  'filters', // web ACL filters the requests of (target: load balancer or API Gateway stage arn)
  'origin', // CloudFront distribution fronts (target: bucket or load balancer arn)
  'protects', // Shield Advanced protection covers (target: protected resource arn)
  'alias-target', // DNS record points at, by alias or CNAME (target: load balancer arn)
  'delivers-logs-of', // log delivery source sends the logs of (target: distribution or other resource arn)
  'schedules', // enabled recurring EventBridge Scheduler schedule starts or stops (target: EC2 instance, RDS instance or cluster arn)
  'cluster', // ECS service runs in (target: ECS cluster arn)
  'member-cluster', // ElastiCache replication group has the member (target: cache cluster arn)
  'subnet-group', // cache cluster is placed in (target: ElastiCache subnet group arn)
] as const;

export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Relation {
  kind: RelationKind;
  target: string;
}

/** IAM policy document as JSON (decoded from URL-encoding where needed). */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface Principal {
  arn: string;
  accountId: string;
  kind: 'user' | 'group' | 'role';
  name: string;
  path: string;
  tags: Record<string, string>;
  /** For users: group arns. */
  groups: string[];
  /** Managed policy arns attached directly. */
  attachedPolicies: string[];
  inlinePolicies: { name: string; document: PolicyDocument }[];
  permissionsBoundary?: string;
  /** For roles. */
  trustPolicy?: PolicyDocument;
  /** For roles: the instance profiles holding the role (instances run as it through them). */
  instanceProfiles?: string[];
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** 'aws' for AWS managed policies. */
  accountId: string;
  awsManaged: boolean;
  /** Default version's document. */
  document: PolicyDocument;
}

export interface CostRecord {
  accountId: string;
  /** Value of the environment tag the costs were grouped by ('' = untagged). */
  tagValue: string;
  /** The tag key grouped by. */
  tagKey: string;
  periodStart: string; // YYYY-MM-DD
  periodEnd: string; // YYYY-MM-DD (exclusive)
  amountUsd: number;
}

export interface CollectionError {
  accountId: string;
  region: string;
  service: string; // e.g. 's3', 'iam', 'tagging'
  operation: string; // e.g. 'GetBucketEncryption'
  code: string; // AccessDenied, Throttling, TimeoutError, NotImplemented, ...
  message: string;
  /** Resource types or data areas ('iam-policies', 'costs') left incomplete. */
  affects: string[];
  /** The resource whose detail call failed, when there is one. */
  resourceArn?: string;
}
