// Rule deletion-protection: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { dp, production, ruleTester } from '../rule-tester.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const DB = 'AWS::RDS::DBInstance';
const DDB = 'AWS::DynamoDB::Table';

ruleTester.run('deletion-protection', [
  {
    name: 'listed types; cluster members skipped',
    spec: (s) => void (production(s).dataProtection = dp({ deletionProtection: [DB, DDB] })),
    resources: [
      prod(DB, 'db-on', { config: { deletionProtection: true } }),
      prod(DB, 'db-off', { config: { deletionProtection: false } }),
      prod(DB, 'db-member', { config: { deletionProtection: false, clusterId: 'c' } }),
      prod(DDB, 't-off', { config: { deletionProtection: false } }),
      prod(LB, 'lb-off', { config: { deletionProtection: false } }),
    ],
    expect: { 'db-on': 'pass', 'db-off': 'fail', 'db-member': 'none', 't-off': 'fail', 'lb-off': 'none' },
  },
]);
