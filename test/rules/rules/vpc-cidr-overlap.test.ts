// Rule vpc-cidr-overlap: compliant and violating resources (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { ruleTester } from '../rule-tester.js';

const VPC = 'AWS::EC2::VPC';

ruleTester.run('vpc-cidr-overlap', [
  {
    name: 'overlap across environments only',
    resources: [
      prod(VPC, 'prod-a', { config: { cidrBlocks: ['10.0.0.0/16'] } }),
      prod(VPC, 'prod-b', { config: { cidrBlocks: ['10.0.128.0/17'] } }),
      res(VPC, 'stg-a', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { cidrBlocks: ['10.0.64.0/18'] } }),
      res(VPC, 'stg-b', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { cidrBlocks: ['10.1.0.0/16'] } }),
    ],
    expect: { 'prod-a': 'fail', 'prod-b': 'pass', 'stg-a': 'fail', 'stg-b': 'pass' },
  },
]);
