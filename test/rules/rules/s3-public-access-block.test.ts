// Rule s3-public-access-block: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

ruleTester.run('s3-public-access-block', [
  {
    name: 'all four settings; none configured fails',
    spec: (s) => void (production(s).dataProtection = dp({ publicAccessBlock: true })),
    resources: [
      prod('AWS::S3::Bucket', 'blocked', { config: { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } } }),
      prod('AWS::S3::Bucket', 'partial', { config: { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true } } }),
      prod('AWS::S3::Bucket', 'unset', { config: { publicAccessBlock: null } }),
    ],
    expect: { blocked: 'pass', partial: 'fail', unset: 'fail' },
  },
]);
