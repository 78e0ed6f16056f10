// Every field of the Spec type, optional ones included (DeepRequired makes the type
// checker insist), so the schema test can prove the schema and src/model/spec.ts agree.
import type { Spec } from '../../../src/model/spec.js';

type DeepRequired<T> = T extends (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

export const FULL_SPEC: DeepRequired<Spec> = {
  $schema: './envgate.schema.json',
  version: 1,
  system: { name: 'full', description: 'Every field', document: 'docs/architecture.md', documentDate: '2025-01-22' },
  attribution: { tagKeys: ['Environment'] },
  environments: {
    staging: {
      description: 'Pre-production',
      aliases: ['stg'],
      accounts: [{ id: '123456789012', roleArn: 'arn:aws:iam::123456789012:role/envgate-reader', name: 'staging' }],
      regions: ['us-west-2'],
      attribution: {
        names: ['mht-*-staging-*'],
        namesByType: { 'AWS::S3::Bucket': ['mht-terraform-state-staging'] },
        vpcs: ['vpc-0abc1234'],
        accountWide: true,
      },
      naming: { 'AWS::SQS::Queue': ['mht-api-staging-*', 're:mht-[a-z]+-staging-.*'] },
      requiredResourceTypes: ['AWS::ElastiCache::CacheCluster'],
      network: {
        vpcCidrs: ['10.1.0.0/16'],
        subnetCidrs: ['10.1.1.0/24'],
        availabilityZones: ['us-west-2a'],
        forbidDefaultVpc: true,
        restrictedIngressPorts: [22],
        privateSubnets: ['AWS::EC2::Instance'],
        bastion: { names: ['mht-bastion-*'], tags: { Role: 'bastion' }, sshFrom: ['203.0.113.0/24'] },
        allowedIngress: [{ description: 'VPN', ports: [443], cidrs: ['10.8.0.0/16'], securityGroups: ['mht-lb-*'] }],
        availabilityZoneCount: { min: 2, byType: { 'AWS::EC2::Instance': 2 } },
      },
      encryption: {
        atRest: ['AWS::S3::Bucket'],
        customerManagedKey: ['AWS::S3::Bucket'],
        inTransit: { s3TlsOnly: true, httpsListeners: true },
      },
      retention: {
        logGroups: [{ class: 'application', match: ['/aws/lambda/*'], days: 14, maxDays: 30 }],
        s3Lifecycle: [{ buckets: ['mht-logs-*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expirationDays: 90 }],
        backups: [{ type: 'AWS::RDS::DBInstance', days: 7 }],
      },
      dataProtection: {
        versioning: ['*'],
        accessLogging: ['AWS::S3::Bucket'],
        publicAccessBlock: true,
        deletionProtection: ['AWS::RDS::DBInstance'],
        multiAz: ['AWS::RDS::DBInstance'],
        pointInTimeRecovery: true,
        publicPolicies: false,
      },
      monitoring: { alarms: ['AWS::SQS::Queue'], alarmActions: ['arn:aws:sns:us-west-2:123456789012:alerts-*'], minDashboards: 1 },
      compute: {
        instanceTypes: ['t3.*'],
        dbInstanceClasses: ['db.t3.micro'],
        cacheNodeTypes: ['cache.t3.micro'],
        instanceCount: { min: 1, max: 2 },
        loadBalancer: 'required',
      },
      cost: { monthlyCeilingUsd: 50, source: 'both' },
      secrets: { rotationDays: 90 },
      audit: { trail: { multiRegion: true, logFileValidation: true, customerManagedKey: true } },
      certificates: { minDaysToExpiry: 30, issuers: ['Amazon'] },
      ecr: { scanOnPush: true, immutableTags: true, kmsEncryption: true },
      lambda: { forbidDeprecatedRuntimes: true, requireVpc: true },
      autoScaling: { minAvailabilityZones: 2, minSize: { min: 1, max: 2 }, maxSize: { min: 2, max: 6 }, desiredCapacity: { min: 1, max: 4 }, scheduleRequired: true },
      ecs: { containerInsights: true, noPublicIp: true },
      eks: { privateEndpoint: true, controlPlaneLogging: ['api', 'audit'], secretsEncryption: true },
      waf: { loadBalancers: true, distributions: true, apiStages: true },
      cdn: { httpsViewers: true, minimumTlsVersion: 1.2, logging: true },
      shield: { advanced: true },
      storage: { volumeTypes: ['gp3'], volumeSizeGiB: { min: 20, max: 100 }, snapshotEncryption: true, volumeSnapshots: true },
      backups: { maxSnapshotAgeDays: 7, snapshotTypes: ['AWS::RDS::DBInstance'] },
      identity: { consoleMfa: true },
      dns: { records: [{ name: 'staging.api.example.com', type: 'A' }] },
    },
  },
  shared: [{ type: 'AWS::Route53::HostedZone', name: 'api.example.com', arn: 'arn:aws:route53:::hostedzone/Z123', reason: 'one zone' }],
  exclude: [{ type: 'AWS::S3::Bucket', name: 'legacy-*', arn: 'arn:aws:s3:::legacy-*', reason: 'retired in Q3', owner: 'platform', expires: '2026-09-30' }],
  tagging: { required: ['Environment', 'Project'] },
  teams: {
    Developers: {
      title: 'Development Team',
      principals: [{ arn: 'arn:aws:iam::123456789012:role/Developers*', name: 'dev-*', tag: { team: 'developers' } }],
    },
  },
  access: {
    levels: {
      none: { categories: [] },
      view: { categories: ['List'] },
      read: { categories: ['List', 'Read'] },
      deploy: { categories: ['List', 'Read', 'Write', 'Tagging'] },
      full: { categories: ['List', 'Read', 'Write', 'Tagging', 'Permissions management'] },
    },
    matrix: { Developers: { staging: 'deploy' } },
  },
  parity: [{ from: 'staging', to: 'staging', properties: ['encryption'] }],
  furniture: 'include',
  collection: { configAggregator: { name: 'org', region: 'us-east-1' } },
};
