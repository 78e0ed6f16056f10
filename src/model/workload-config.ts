// The normalised `config` of the workload types (issue 12): ECR repositories, Lambda
// functions, Auto Scaling groups and EKS clusters. As in resource-config.ts, a field that
// could not be collected is absent.
import type { EncryptionState } from './resource-config.js';

export interface EcrRepositoryConfig {
  uri?: string;
  scanOnPush: boolean;
  /** MUTABLE, IMMUTABLE, MUTABLE_WITH_EXCLUSION, IMMUTABLE_WITH_EXCLUSION. */
  tagMutability: string;
  /** algorithm AES256 (the default), KMS or KMS_DSSE. */
  encryption: EncryptionState;
}

export interface LambdaFunctionConfig {
  packageType: string; // Zip, Image
  runtime?: string; // absent for container images
  roleArn?: string;
  vpcId?: string;
  subnetIds: string[];
  securityGroupIds: string[];
  /** Customer key for environment variables; absent: the aws/lambda key. */
  kmsKeyArn?: string;
  tracing: string; // Active, PassThrough
  /** null: no reserved concurrency (the account's unreserved pool). */
  reservedConcurrency?: number | null;
}

export interface AutoScalingGroupConfig {
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  subnetIds: string[];
  launchTemplate?: { id?: string; name?: string; version?: string };
  launchConfigurationName?: string;
  /** Mixed-instances overrides and the types of its running instances. */
  instanceTypes: string[];
  onDemandPercentageAboveBaseCapacity?: number;
  /** Absent when DescribeScheduledActions was not made or failed. */
  scheduledActions?: { name: string; recurrence?: string; timeZone?: string; minSize?: number; maxSize?: number; desiredCapacity?: number }[];
}

export interface EksClusterConfig {
  version?: string;
  status?: string;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  /** CIDRs the public endpoint admits ([] or 0.0.0.0/0: everyone). */
  publicAccessCidrs: string[];
  vpcId?: string;
  subnetIds: string[];
  /** The additional groups and the cluster security group. */
  securityGroupIds: string[];
  /** Enabled control-plane log types: api, audit, authenticator, controllerManager, scheduler. */
  controlPlaneLogTypes: string[];
  /** Kubernetes secrets envelope-encrypted with a KMS key. */
  secretsEncryption: boolean;
  secretsKmsKeyArn?: string;
}
