// Table of rule cases: each built-in rule with compliant and violating resources.
// `expect` maps resource names to the status the rule must give them ('none' = no result).
import type { Resource } from '../../src/model/snapshot.js';
import type { Spec } from '../../src/model/spec.js';
import type { Status } from '../../src/model/result.js';
import { prod, res, STAGING_ACCOUNT } from '../engine/helpers.js';

export interface RuleCase {
  rule: string;
  name: string;
  /** Edits the base spec (two environments, production and staging). */
  spec?: (s: Spec) => void;
  resources: Resource[];
  expect: Record<string, Status | 'none'>;
}

const enc = (enabled: boolean, cmk = false) => ({ enabled, algorithm: enabled ? 'aws:kms' : undefined, customerManagedKey: cmk });
const p = (s: Spec) => s.environments.production!;

export const CASES: RuleCase[] = [
  {
    rule: 'encryption-at-rest',
    name: 'listed types must be encrypted; unlisted types are not checked',
    spec: (s) => void (p(s).encryption = { atRest: ['AWS::S3::Bucket', 'AWS::SQS::Queue'], customerManagedKey: [], inTransit: { s3TlsOnly: false, httpsListeners: false } }),
    resources: [
      prod('AWS::S3::Bucket', 'enc-bucket', { config: { encryption: enc(true) } }),
      prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } }),
      prod('AWS::SQS::Queue', 'plain-queue', { config: { encryption: enc(false) } }),
      prod('AWS::SNS::Topic', 'plain-topic', { config: { encryption: enc(false) } }),
    ],
    expect: { 'enc-bucket': 'pass', 'plain-bucket': 'fail', 'plain-queue': 'fail', 'plain-topic': 'none' },
  },
  {
    rule: 'encryption-at-rest',
    name: 'an environment without an encryption section has no requirement',
    resources: [prod('AWS::S3::Bucket', 'plain-bucket', { config: { encryption: enc(false) } })],
    expect: { 'plain-bucket': 'none' },
  },
  {
    rule: 'naming-convention',
    name: 'names must match the patterns of their type',
    spec: (s) => void (p(s).naming = { 'AWS::S3::Bucket': ['prod-*', 're:mht-prod-[a-z]+'] }),
    resources: [
      prod('AWS::S3::Bucket', 'prod-data'),
      prod('AWS::S3::Bucket', 'mht-prod-assets'),
      prod('AWS::S3::Bucket', 'staging-data'),
      prod('AWS::SQS::Queue', 'anything'),
    ],
    expect: { 'prod-data': 'pass', 'mht-prod-assets': 'pass', 'staging-data': 'fail', anything: 'none' },
  },
  {
    rule: 'attribution-missing',
    name: 'a resource with no signal is a finding',
    resources: [prod('AWS::S3::Bucket', 'tagged'), res('AWS::S3::Bucket', 'untagged')],
    expect: { tagged: 'pass', untagged: 'fail' },
  },
  {
    rule: 'attribution-conflict',
    name: 'named staging, tagged production',
    spec: (s) => void (s.environments.staging!.attribution.names = ['staging-*']),
    resources: [prod('AWS::S3::Bucket', 'staging-data'), prod('AWS::S3::Bucket', 'prod-data'), res('AWS::S3::Bucket', 'staging-only', { accountId: STAGING_ACCOUNT })],
    expect: { 'staging-data': 'fail', 'prod-data': 'pass', 'staging-only': 'pass' },
  },
];
