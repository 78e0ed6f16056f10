// Rule attribution-conflict: compliant and violating resources (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('attribution-conflict', [
  {
    name: 'named staging, tagged production',
    spec: (s) => void (s.environments.staging!.attribution.names = ['staging-*']),
    resources: [prod('AWS::S3::Bucket', 'staging-data'), prod('AWS::S3::Bucket', 'prod-data'), res('AWS::S3::Bucket', 'staging-only', { accountId: STAGING_ACCOUNT })],
    expect: { 'staging-data': 'fail', 'prod-data': 'pass', 'staging-only': 'pass' },
  },
]);
