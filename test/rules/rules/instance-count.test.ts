// Rule instance-count: compliant and violating resources (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

ruleTester.run('instance-count', [
  {
    name: 'running instances within min and max per environment',
    spec: (s) => {
      production(s).compute = { instanceCount: { min: 2, max: 4 } };
      s.environments.staging!.compute = { instanceCount: { max: 1 } };
    },
    resources: [
      prod('AWS::EC2::Instance', 'i-1', { config: { state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-2', { config: { state: 'running' } }),
      prod('AWS::EC2::Instance', 'i-3', { config: { state: 'stopped' } }),
      res('AWS::EC2::Instance', 's-1', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { state: 'running' } }),
      res('AWS::EC2::Instance', 's-2', { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config: { state: 'running' } }),
    ],
    expect: { production: 'pass', staging: 'fail' },
  },
]);
