// Every AWS operation collection may call, with the IAM action that authorises it: the
// shared calls below and every call of the catalogue's descriptors. The session refuses
// an operation missing here, so this registry is the complete list; the least-privilege
// policy (iam-policy.json) is generated from it (iam-policy.ts).
import { catalogueCalls } from './catalogue/index.js';

export interface OperationInfo {
  /** Short service key used in apiCalls and errors ('s3', 'tagging', ...). */
  service: string;
  operation: string;
  /** IAM action(s) AWS checks for the call. */
  actions: string[];
}

const op = (service: string, operation: string, ...actions: string[]): OperationInfo => ({
  service,
  operation,
  actions: actions.length > 0 ? actions : [`${IAM_PREFIX[service] ?? service}:${operation}`],
});

/** IAM action prefix of each service key. */
export const IAM_PREFIX: Record<string, string> = {
  tagging: 'tag',
  iam: 'iam',
  sts: 'sts',
  config: 'config',
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  logs: 'logs',
  ec2: 'ec2',
  rds: 'rds',
  dynamodb: 'dynamodb',
  elbv2: 'elasticloadbalancing',
  kms: 'kms',
  cloudwatch: 'cloudwatch',
  route53: 'route53',
  elasticache: 'elasticache',
  ce: 'ce',
  pricing: 'pricing',
  secretsmanager: 'secretsmanager',
  cloudtrail: 'cloudtrail',
  acm: 'acm',
  ecr: 'ecr',
  lambda: 'lambda',
  autoscaling: 'autoscaling',
  eks: 'eks',
  wafv2: 'wafv2',
  cloudfront: 'cloudfront',
  shield: 'shield',
  scheduler: 'scheduler',
  backup: 'backup',
  ecs: 'ecs',
  // API Gateway authorises reads by HTTP method on the resource path (apigateway:GET).
  apigateway: 'apigateway',
};

/** Calls that serve no one resource type: tags, identity, AWS Config, costs, prices. */
const SHARED_OPERATIONS: readonly OperationInfo[] = [
  op('tagging', 'GetResources'),
  op('sts', 'AssumeRole'),
  // Needs no permission (AWS answers it for any identity); listed so the policy says it is called.
  op('sts', 'GetCallerIdentity'),
  op('config', 'DescribeConfigurationRecorders'),
  op('config', 'DescribeConfigurationRecorderStatus'),
  op('config', 'SelectResourceConfig'),
  op('config', 'SelectAggregateResourceConfig'),
  op('ce', 'GetCostAndUsage'),
  // The Price List API: on-demand prices of the inventory's instance types (prices.ts).
  op('pricing', 'GetProducts'),
];

/** The shared calls, then each descriptor's calls (once per service and operation). */
export const OPERATIONS: readonly OperationInfo[] = [
  ...SHARED_OPERATIONS,
  ...catalogueCalls().map(({ service, call }) => op(service, call.operation, ...(call.actions ?? []))),
].filter((o, i, all) => all.findIndex((x) => x.service === o.service && x.operation === o.operation) === i);

const BY_KEY = new Map(OPERATIONS.map((o) => [`${o.service}:${o.operation}`, o]));

export function operationInfo(service: string, operation: string): OperationInfo {
  const info = BY_KEY.get(`${service}:${operation}`);
  if (!info) throw new Error(`collect: operation ${service}:${operation} is not in the registry (src/collect/operations.ts)`);
  return info;
}
