// Rule instance-purchase-option: production on-demand only, staging also spot (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const I = 'AWS::EC2::Instance';
const stg = (name: string, config: Record<string, unknown>) => res(I, name, { accountId: STAGING_ACCOUNT, tags: { Environment: 'staging' }, config });

ruleTester.run('instance-purchase-option', [
  {
    name: 'production on-demand only: a spot instance fails, terminated instances skipped',
    spec: (s) => void (production(s).compute = { purchaseOptions: ['on-demand'] }),
    resources: [
      prod(I, 'i-od', { config: { purchaseOption: 'on-demand', state: 'running' } }),
      prod(I, 'i-spot', { config: { purchaseOption: 'spot', state: 'running' } }),
      prod(I, 'i-gone', { config: { purchaseOption: 'spot', state: 'terminated' } }),
    ],
    expect: { 'i-od': 'pass', 'i-spot': 'fail', 'i-gone': 'none' },
    messages: { 'i-spot': "AWS::EC2::Instance 'i-spot': purchase option spot; production allows on-demand" },
  },
  {
    name: 'staging may use spot; an environment without purchaseOptions is not checked',
    spec: (s) => void (s.environments.staging!.compute = { purchaseOptions: ['on-demand', 'spot'] }),
    resources: [
      stg('i-stg-spot', { purchaseOption: 'spot', state: 'running' }),
      stg('i-stg-sched', { purchaseOption: 'scheduled', state: 'stopped' }),
      prod(I, 'i-prod-spot', { config: { purchaseOption: 'spot', state: 'running' } }),
    ],
    expect: { 'i-stg-spot': 'pass', 'i-stg-sched': 'fail', 'i-prod-spot': 'none' },
    messages: { 'i-stg-sched': "AWS::EC2::Instance 'i-stg-sched': purchase option scheduled; staging allows one of on-demand, spot" },
  },
]);
