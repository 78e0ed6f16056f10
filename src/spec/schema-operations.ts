// The JSON Schema of the environment sections about storage and operations (issue 12):
// EBS volume types and sizes, EBS snapshot encryption, console MFA of IAM users
// and DNS records (src/model/spec.ts StorageSpec, IdentitySpec, DnsSpec).
import { BACKUP_PLAN_TYPES } from '../model/spec.js';
import { bool, int, list, namePatterns, obj, str, type JsonSchema } from './schema-parts.js';

/** The EBS volume types (EC2 API reference, CreateVolume VolumeType). */
export const EBS_VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] as const;

export const storage: JsonSchema = obj('EBS and S3 storage requirements. Default: none.', {
  volumeTypes: list(
    'Volume types the environment allows, e.g. [gp3]. Absent: any.',
    { type: 'string', description: 'An EBS volume type.', enum: [...EBS_VOLUME_TYPES] },
    { minItems: 1 },
  ),
  volumeSizeGiB: obj('Bounds of each volume\'s size in GiB.', {
    min: int('Each volume is at least this many GiB.', { minimum: 1 }),
    max: int('Each volume is at most this many GiB.', { minimum: 1 }),
  }),
  snapshotEncryption: bool('EBS snapshots of the environment are encrypted.'),
  volumeSnapshots: bool('Every EBS volume of the environment has at least one snapshot (of its own account).'),
  s3IntelligentTiering: namePatterns(
    'Buckets (name patterns; ["*"] for every bucket) that use S3 Intelligent-Tiering: an enabled Intelligent-Tiering archive configuration, or an enabled lifecycle rule that moves objects to INTELLIGENT_TIERING.',
  ),
});

export const backups: JsonSchema = obj('Backup requirements. Default: none.', {
  maxSnapshotAgeDays: int('The newest snapshot of each EBS volume and RDS DB instance of the environment (of snapshotTypes) was taken at most this many days before the scan.', { minimum: 1, maximum: 3650 }),
  // An enum, not a resource-type list: these two are the types snapshot-age dates.
  snapshotTypes: list('The types maxSnapshotAgeDays applies to. Default: both.', { type: 'string', description: 'A snapshotted type.', enum: ['AWS::EC2::Volume', 'AWS::RDS::DBInstance'] }, { minItems: 1 }),
  planCoverage: list(
    'Every resource of these types in the environment is selected by an AWS Backup plan of its account and region that has at least one backup rule.',
    { type: 'string', description: 'A type AWS Backup protects.', enum: [...BACKUP_PLAN_TYPES] },
    { minItems: 1 },
  ),
  planRetentionDays: int('With planCoverage: a rule of the covering plan keeps recovery points at least this many days (a rule without a lifecycle keeps them forever).', { minimum: 1, maximum: 36500 }),
});

export const identity: JsonSchema = obj('IAM identity requirements. Default: none.', {
  consoleMfa: bool('Every IAM user with a console password (a human user) has an MFA device assigned.'),
});

export const dns: JsonSchema = obj('Route 53 records of the environment. Default: none.', {
  records: list(
    'Records that must exist in a hosted zone of the environment\'s accounts and, when they alias or CNAME a load balancer, point at one of this environment.',
    obj(
      'A DNS record.',
      {
        name: str('The record name, e.g. staging.api.example.com (case and a final dot ignored).', { minLength: 1 }),
        type: { type: 'string', description: 'The record type. Absent: any.', enum: ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA', 'PTR', 'NAPTR', 'SPF', 'DS', 'HTTPS', 'SVCB'] },
      },
      ['name'],
    ),
    { minItems: 1 },
  ),
});
