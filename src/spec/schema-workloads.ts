// The JSON Schema of an environment's workload sections (src/model/spec.ts EcrSpec,
// LambdaSpec, AutoScalingSpec, EksSpec): container registries, functions, scaling groups
// and Kubernetes clusters.
import { bool, int, list, obj, type JsonSchema } from './schema-parts.js';

export const ecr: JsonSchema = obj('ECR repository requirements. Default: none.', {
  scanOnPush: bool('Repositories scan images on push.'),
  immutableTags: bool('Image tags are immutable (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for the excluded tags only).'),
  kmsEncryption: bool('Repositories are encrypted with KMS (KMS or KMS_DSSE), not the default AES256.'),
});

export const lambda: JsonSchema = obj('Lambda function requirements. Default: none.', {
  forbidDeprecatedRuntimes: bool('Zip functions must not use a runtime Lambda has deprecated (rule lambda-deprecated-runtime lists them).'),
  requireVpc: bool('Functions run in a VPC (at least one subnet).'),
});

const bounds = (what: string) =>
  obj(`Bounds of each group's ${what}.`, {
    min: int(`The ${what} is at least this.`, { minimum: 0 }),
    max: int(`The ${what} is at most this.`, { minimum: 0 }),
  });

export const autoScaling: JsonSchema = obj('Auto Scaling group requirements. Default: none.', {
  minAvailabilityZones: int('Each group spans at least this many availability zones.', { minimum: 1 }),
  minSize: bounds('minimum size'),
  maxSize: bounds('maximum size'),
  desiredCapacity: bounds('desired capacity'),
  scheduleRequired: bool('Each group has a recurring scheduled action (an uptime schedule such as business hours only).'),
});

export const ecs: JsonSchema = obj('ECS requirements. Default: none.', {
  containerInsights: bool('Clusters have Container Insights on (enabled or enhanced).'),
  noPublicIp: bool('Services do not assign public IP addresses to their tasks.'),
});

export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export const eks: JsonSchema = obj('EKS cluster requirements. Default: none.', {
  privateEndpoint: bool('The Kubernetes API endpoint is not public (endpointPublicAccess off).'),
  controlPlaneLogging: list(
    'Control-plane log types each cluster sends to CloudWatch Logs, e.g. [api, audit].',
    { type: 'string', description: 'A log type.', enum: [...EKS_LOG_TYPES] },
    { minItems: 1 },
  ),
  secretsEncryption: bool('Kubernetes secrets are envelope-encrypted with a KMS key.'),
});
