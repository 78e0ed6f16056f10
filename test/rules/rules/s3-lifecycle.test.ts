// Rule s3-lifecycle: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('s3-lifecycle', [
  {
    name: 'transitions no later than required, expiration exactly',
    spec: (s) =>
      void (production(s).retention = { logGroups: [], backups: [], s3Lifecycle: [{ buckets: ['logs-*'], prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365 }] }),
    resources: [
      prod('AWS::S3::Bucket', 'logs-ok', { config: { lifecycle: { rules: [{ id: 'r', enabled: true, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 60, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-late', { config: { lifecycle: { rules: [{ id: 'r', enabled: true, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 180, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-disabled', { config: { lifecycle: { rules: [{ id: 'r', enabled: false, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365 }] } } }),
      prod('AWS::S3::Bucket', 'logs-none', { config: { lifecycle: { rules: [] } } }),
      prod('AWS::S3::Bucket', 'data', { config: { lifecycle: { rules: [] } } }),
    ],
    expect: { 'logs-ok': 'pass', 'logs-late': 'fail', 'logs-disabled': 'fail', 'logs-none': 'fail', data: 'none' },
  },
]);
