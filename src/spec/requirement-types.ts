// Which resource types each type-listing requirement of the spec can be checked for:
// the types the built-in rules behind it evaluate (test/spec/requirement-types.test.ts
// keeps this table and rules/ in agreement). A type outside the list would give zero
// results, a requirement silently unchecked, so the validator rejects it.
import { ARN_TYPES } from '../collect/arn-types.js';
import { DESCRIBED_TYPES } from '../collect/catalogue/index.js';

const S3 = 'AWS::S3::Bucket';
const SQS = 'AWS::SQS::Queue';
const SNS = 'AWS::SNS::Topic';
const LOGS = 'AWS::Logs::LogGroup';
const VOLUME = 'AWS::EC2::Volume';
const INSTANCE = 'AWS::EC2::Instance';
const NAT = 'AWS::EC2::NatGateway';
const DB = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';
const DYNAMO = 'AWS::DynamoDB::Table';
const CACHE = 'AWS::ElastiCache::CacheCluster';
const CACHE_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const SECRET = 'AWS::SecretsManager::Secret';
const LAMBDA = 'AWS::Lambda::Function';
const EKS = 'AWS::EKS::Cluster';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const STAGE = 'AWS::ApiGateway::Stage';

/** Types the catalogue describes, plus the types that reach a snapshot through the Tagging API (tags and names only). */
export const COLLECTED_TYPES: readonly string[] = [...new Set([...DESCRIBED_TYPES, ...ARN_TYPES])].sort();

/** Spec location (with * for an environment or list index) -> the types it can name. */
export const REQUIREMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  '/environments/*/encryption/atRest': [S3, SQS, SNS, LOGS, VOLUME, DB, CLUSTER, DYNAMO, CACHE, CACHE_GROUP],
  '/environments/*/encryption/customerManagedKey': [S3, SQS, SNS, LOGS, VOLUME, DB, CLUSTER, DYNAMO, SECRET],
  '/environments/*/dataProtection/accessLogging': [S3, LB, STAGE],
  '/environments/*/dataProtection/deletionProtection': [DB, CLUSTER, DYNAMO, LB],
  '/environments/*/dataProtection/multiAz': [DB, CLUSTER, CACHE, CACHE_GROUP],
  '/environments/*/monitoring/alarms': [INSTANCE, DB, CLUSTER, LB, SQS, SNS, DYNAMO, CACHE, NAT, LOGS, S3],
  '/environments/*/retention/backups/*/type': [DB, CLUSTER, CACHE, CACHE_GROUP, DYNAMO],
  // Types whose subnets are collected (an ElastiCache cluster's are its subnet group's, which private-subnets does not follow).
  '/environments/*/network/privateSubnets': [INSTANCE, DB, LAMBDA, EKS, ASG, 'AWS::ECS::Service'],
  // Rules over every type (naming-convention, attribution, isolation-shared-resources).
  '/environments/*/naming': COLLECTED_TYPES,
  '/environments/*/attribution/namesByType': COLLECTED_TYPES,
  '/shared/*/type': COLLECTED_TYPES,
  // Types whose zones a resource's config or subnets tell (availability-zone-count).
  '/environments/*/network/availabilityZoneCount/byType': ['AWS::AutoScaling::AutoScalingGroup', INSTANCE, NAT, 'AWS::EC2::Subnet', VOLUME, EKS, LB, LAMBDA],
  // Presence of any collected type (required-resource-types).
  '/environments/*/requiredResourceTypes': COLLECTED_TYPES,
  // Exact types only: patterns (AWS::EC2::*, re:...) are not well-formed type names.
  '/exclude/*/type': COLLECTED_TYPES,
};
