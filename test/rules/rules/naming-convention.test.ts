// Rule naming-convention: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('naming-convention', [
  {
    name: 'names must match the patterns of their type',
    spec: (s) => void (production(s).naming = { 'AWS::S3::Bucket': ['prod-*', 're:mht-prod-[a-z]+'] }),
    resources: [
      prod('AWS::S3::Bucket', 'prod-data'),
      prod('AWS::S3::Bucket', 'mht-prod-assets'),
      prod('AWS::S3::Bucket', 'staging-data'),
      prod('AWS::SQS::Queue', 'anything'),
    ],
    expect: { 'prod-data': 'pass', 'mht-prod-assets': 'pass', 'staging-data': 'fail', anything: 'none' },
  },
]);
