// The explicit list of describe sources: which resource types each inventories and
// whether it runs per region or once per account. Config may serve a source's types.
import type { Session, Target } from '../session.js';
import { collectIam, IAM_TYPES } from './iam.js';
import { collectS3 } from './s3.js';
import { collectTagging } from './tagging.js';
import { collectAlarms } from './cloudwatch.js';
import { collectDynamoDb, collectElastiCache, collectRds } from './databases.js';
import { collectEc2, EC2_TYPES } from './ec2.js';
import { collectElbv2, collectTargetGroups, TARGET_GROUP } from './elbv2.js';
import { collectEc2Network, EC2_NETWORK_TYPES } from './ec2-network.js';
import { collectKms } from './kms.js';
import { collectLogs } from './logs.js';
import { collectSns, collectSqs } from './messaging.js';
import { collectRoute53 } from './route53.js';

export interface SourceDef {
  name: string;
  /** Resource types this source inventories (empty for tags-only sources). */
  types: string[];
  run(s: Session, t: Target): Promise<void>;
}

export const GLOBAL_SOURCES: readonly SourceDef[] = [
  { name: 'iam', types: IAM_TYPES, run: collectIam },
  { name: 'route53', types: ['AWS::Route53::HostedZone'], run: collectRoute53 },
];

export const REGIONAL_SOURCES: readonly SourceDef[] = [
  { name: 'tagging', types: [], run: collectTagging },
  { name: 's3', types: ['AWS::S3::Bucket'], run: collectS3 },
  { name: 'sqs', types: ['AWS::SQS::Queue'], run: collectSqs },
  { name: 'sns', types: ['AWS::SNS::Topic'], run: collectSns },
  { name: 'logs', types: ['AWS::Logs::LogGroup'], run: collectLogs },
  { name: 'ec2', types: EC2_TYPES, run: collectEc2 },
  { name: 'ec2-network', types: EC2_NETWORK_TYPES, run: collectEc2Network },
  { name: 'rds', types: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::RDS::DBSnapshot'], run: collectRds },
  { name: 'dynamodb', types: ['AWS::DynamoDB::Table'], run: collectDynamoDb },
  { name: 'elbv2', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], run: collectElbv2 },
  { name: 'elbv2-target-groups', types: [TARGET_GROUP], run: collectTargetGroups },
  { name: 'kms', types: ['AWS::KMS::Key'], run: collectKms },
  { name: 'cloudwatch', types: ['AWS::CloudWatch::Alarm'], run: collectAlarms },
  { name: 'elasticache', types: ['AWS::ElastiCache::CacheCluster'], run: collectElastiCache },
];
