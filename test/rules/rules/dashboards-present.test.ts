// Rule dashboards-present: environments with and without their dashboards (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const DASH = 'AWS::CloudWatch::Dashboard';
const dash = (name: string, over = {}) => prod(DASH, name, { arn: `arn:aws:cloudwatch::111111111111:dashboard/${name}`, region: 'global', ...over });

ruleTester.run('dashboards-present', [
  {
    name: 'production has its dashboards, staging has none of its own',
    spec: (s) => {
      production(s).monitoring = { alarms: [], alarmActions: [], minDashboards: 2 };
      s.environments.staging!.monitoring = { alarms: [], alarmActions: [], minDashboards: 1 };
    },
    resources: [
      dash('api-production-overview'),
      dash('api-production-costs'),
      // Production's account, untagged: not staging's.
      res(DASH, 'api-staging-overview', { arn: 'arn:aws:cloudwatch::111111111111:dashboard/api-staging-overview', region: 'global' }),
    ],
    expect: { production: 'pass', staging: 'fail' },
    messages: {
      production: 'Environment production: 2 CloudWatch dashboard(s) (api-production-costs, api-production-overview), as the spec requires',
      staging: 'Environment staging: no CloudWatch dashboard; the spec requires at least 1',
    },
  },
  {
    name: 'fewer than required; an environment that sets nothing gives no result',
    spec: (s) => void (production(s).monitoring = { alarms: [], alarmActions: [], minDashboards: 2 }),
    resources: [dash('api-production-overview'), res(DASH, 'stg', { accountId: STAGING_ACCOUNT, arn: `arn:aws:cloudwatch::${STAGING_ACCOUNT}:dashboard/stg`, region: 'global', tags: { Environment: 'staging' } })],
    expect: { production: 'fail', staging: 'none' },
    messages: { production: 'Environment production: 1 CloudWatch dashboard(s) (api-production-overview); the spec requires at least 2' },
  },
]);
