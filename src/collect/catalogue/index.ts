// The catalogue: the explicit list of resource-type descriptors, and what is derived from
// it (config schemas, alarm dimensions, ARN shapes, the calls each type needs).
// test/collect/catalogue.test.ts checks the derived registries agree with it.
import type { JsonSchema } from '../../model/config-schemas.js';
import type { ArnShape, CallInfo, ResourceDescriptor } from './descriptor.js';
import type { Place } from './refs.js';
import { cloudwatchAlarm } from './types/cloudwatch-alarm.js';
import { cloudwatchDashboard } from './types/cloudwatch-dashboard.js';
import { dynamodbTable } from './types/dynamodb-table.js';
import { autoscalingGroup } from './types/autoscaling-group.js';
import { ec2InternetGateway } from './types/ec2-internet-gateway.js';
import { ec2Instance } from './types/ec2-instance.js';
import { ec2NatGateway } from './types/ec2-nat-gateway.js';
import { ec2NetworkAcl } from './types/ec2-network-acl.js';
import { ec2NetworkInterface } from './types/ec2-network-interface.js';
import { ec2RouteTable } from './types/ec2-route-table.js';
import { ec2SecurityGroup } from './types/ec2-security-group.js';
import { ec2Snapshot } from './types/ec2-snapshot.js';
import { ec2Subnet } from './types/ec2-subnet.js';
import { ec2Volume } from './types/ec2-volume.js';
import { ec2Vpc } from './types/ec2-vpc.js';
import { ec2VpcEndpoint } from './types/ec2-vpc-endpoint.js';
import { ecrRepository } from './types/ecr-repository.js';
import { eksCluster } from './types/eks-cluster.js';
import { ecsCluster } from './types/ecs-cluster.js';
import { ecsService } from './types/ecs-service.js';
import { elasticacheCacheCluster } from './types/elasticache-cache-cluster.js';
import { elasticacheReplicationGroup } from './types/elasticache-replication-group.js';
import { elasticacheSubnetGroup } from './types/elasticache-subnet-group.js';
import { elbv2LoadBalancer } from './types/elbv2-load-balancer.js';
import { elbv2TargetGroup } from './types/elbv2-target-group.js';
import { iamGroup } from './types/iam-group.js';
import { iamManagedPolicy } from './types/iam-managed-policy.js';
import { iamRole } from './types/iam-role.js';
import { iamUser } from './types/iam-user.js';
import { kmsKey } from './types/kms-key.js';
import { lambdaFunction } from './types/lambda-function.js';
import { logsLogGroup } from './types/logs-log-group.js';
import { rdsDbCluster } from './types/rds-db-cluster.js';
import { rdsDbInstance } from './types/rds-db-instance.js';
import { rdsDbSnapshot } from './types/rds-db-snapshot.js';
import { route53HostedZone } from './types/route53-hosted-zone.js';
import { route53RecordSet } from './types/route53-record-set.js';
import { s3Bucket } from './types/s3-bucket.js';
import { snsTopic } from './types/sns-topic.js';
import { sqsQueue } from './types/sqs-queue.js';
import { secretsmanagerSecret } from './types/secretsmanager-secret.js';
import { cloudtrailTrail } from './types/cloudtrail-trail.js';
import { acmCertificate } from './types/acm-certificate.js';
import { wafv2WebAcl } from './types/wafv2-web-acl.js';
import { cloudfrontDistribution } from './types/cloudfront-distribution.js';
import { shieldProtection } from './types/shield-protection.js';
import { logsDeliverySource } from './types/logs-delivery-source.js';
import { schedulerSchedule } from './types/scheduler-schedule.js';
import { backupPlan } from './types/backup-plan.js';
import { apigatewayStage } from './types/apigateway-stage.js';

/** Every described type, in the order of the README's reference. */
export const CATALOGUE: readonly ResourceDescriptor[] = [
  s3Bucket,
  sqsQueue,
  snsTopic,
  logsLogGroup,
  ec2Vpc,
  ec2Subnet,
  ec2SecurityGroup,
  ec2Instance,
  ec2Volume,
  ec2NatGateway,
  ec2Snapshot,
  ec2NetworkInterface,
  ec2RouteTable,
  ec2VpcEndpoint,
  ec2InternetGateway,
  ec2NetworkAcl,
  rdsDbInstance,
  rdsDbCluster,
  rdsDbSnapshot,
  dynamodbTable,
  elbv2LoadBalancer,
  elbv2TargetGroup,
  kmsKey,
  cloudwatchAlarm,
  cloudwatchDashboard,
  route53HostedZone,
  route53RecordSet,
  elasticacheCacheCluster,
  elasticacheReplicationGroup,
  elasticacheSubnetGroup,
  iamRole,
  iamUser,
  iamGroup,
  iamManagedPolicy,
  secretsmanagerSecret,
  cloudtrailTrail,
  acmCertificate,
  // Workloads (issue 12): containers, functions, scaling, Kubernetes.
  ecrRepository,
  lambdaFunction,
  autoscalingGroup,
  eksCluster,
  ecsCluster,
  ecsService,
  // Edge (issue 12): web ACLs, CDN, DDoS protection.
  wafv2WebAcl,
  cloudfrontDistribution,
  shieldProtection,
  // Internet-facing entry points (issue 12): REST API stages, their web ACLs and access logs.
  apigatewayStage,
  // Vended logs (standard logging v2) of distributions and other resources.
  logsDeliverySource,
  backupPlan,
  // Uptime schedules (EventBridge Scheduler) that start and stop instances and databases.
  schedulerSchedule,
];

const BY_TYPE = new Map(CATALOGUE.map((d) => [d.type, d]));

export function descriptorOf(type: string): ResourceDescriptor | undefined {
  return BY_TYPE.get(type);
}

/** The types envgate describes (collects configuration for). */
export const DESCRIBED_TYPES: readonly string[] = CATALOGUE.map((d) => d.type);

/** Each described type's config schema, keyed by type. */
export const CONFIG_SCHEMAS: Readonly<Record<string, JsonSchema>> = Object.fromEntries(CATALOGUE.map((d) => [d.type, d.config]));

/** The config schema of a type, or undefined for types envgate does not describe (Tagging API only). */
export function configSchema(type: string): JsonSchema | undefined {
  return BY_TYPE.get(type)?.config;
}

/** ARN shapes of the described types: service -> head -> type and id. */
export function describedArnShapes(): Record<string, Record<string, { type: string; id?: ArnShape['id'] }>> {
  const out: Record<string, Record<string, { type: string; id?: ArnShape['id'] }>> = {};
  for (const d of CATALOGUE) (out[d.arn.service] ??= {})[d.arn.head] = { type: d.type, ...(d.arn.id ? { id: d.arn.id } : {}) };
  return out;
}

const BY_DIMENSION = new Map(CATALOGUE.flatMap((d) => (d.alarmDimension ? [[d.alarmDimension.name, d.alarmDimension] as const] : [])));

/** The ARN a CloudWatch metric dimension names, for the dimensions that identify one resource. */
export function dimensionTarget(name: string, value: string, t: Place): string | undefined {
  return BY_DIMENSION.get(name)?.arn(value, t);
}

/** The types a source with code of its own collects (src/collect/sources/registry.ts). */
export function typesOfSource(source: string): string[] {
  return CATALOGUE.flatMap((d) => ('source' in d.collect && d.collect.source === source ? [d.type] : [])).sort();
}

/** Every call of every type: [service, call]. */
export function catalogueCalls(): { service: string; call: CallInfo; type: string }[] {
  return CATALOGUE.flatMap((d) => d.calls.map((call) => ({ service: d.service, call, type: d.type })));
}
