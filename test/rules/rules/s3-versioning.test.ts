// Rule s3-versioning: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

ruleTester.run('s3-versioning', [
  {
    name: 'buckets matching the versioning patterns',
    spec: (s) => void (production(s).dataProtection = dp({ versioning: ['prod-*'] })),
    resources: [
      prod('AWS::S3::Bucket', 'prod-on', { config: { versioning: 'Enabled' } }),
      prod('AWS::S3::Bucket', 'prod-suspended', { config: { versioning: 'Suspended' } }),
      prod('AWS::S3::Bucket', 'other', { config: { versioning: 'Off' } }),
    ],
    expect: { 'prod-on': 'pass', 'prod-suspended': 'fail', other: 'none' },
  },
]);
