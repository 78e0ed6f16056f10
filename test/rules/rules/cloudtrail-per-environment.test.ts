// Rule cloudtrail-per-environment: each account of an environment with audit.trail has a
// logging trail of its own with the required properties. Environment-level results are
// named after the environment.
import { PROD_ACCOUNT, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const TRAIL = 'AWS::CloudTrail::Trail';
const CMK = { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k1', customerManagedKey: true };
const good = { multiRegion: true, logFileValidation: true, organizationTrail: false, encryption: CMK, s3Bucket: 'audit-logs', homeRegion: 'us-east-1', logging: true };
const trail = (name: string, accountId: string, over: object = {}) => res(TRAIL, name, { accountId, config: { ...good, ...over } });
const want = { multiRegion: true, logFileValidation: true, customerManagedKey: true };

ruleTester.run('cloudtrail-per-environment', [
  {
    name: 'an own trail with every property passes; one lacking properties fails',
    spec: (s) => {
      production(s).audit = { trail: want };
      s.environments.staging!.audit = { trail: want };
    },
    resources: [trail('prod-trail', PROD_ACCOUNT), trail('stg-trail', STAGING_ACCOUNT, { multiRegion: false, logging: false })],
    expect: { production: 'pass', staging: 'fail' },
    messages: {
      production: 'Environment production: a logging trail of its own in account 111111111111',
      staging: "Environment staging: no trail of its own with the required properties (account 222222222222: trail 'stg-trail' lacks logging, multi-region)",
    },
  },
  {
    name: 'an environment with no trail fails',
    spec: (s) => void (production(s).audit = { trail: { multiRegion: false, logFileValidation: false, customerManagedKey: false } }),
    resources: [trail('stg-trail', STAGING_ACCOUNT)],
    expect: { production: 'fail', staging: 'none' },
    messages: { production: 'Environment production: no trail of its own with the required properties (account 111111111111: no trail)' },
  },
  {
    name: 'a trail in an account two environments use is shared: both fail',
    spec: (s) => {
      s.environments.staging!.accounts = [{ id: PROD_ACCOUNT }];
      production(s).audit = { trail: want };
      s.environments.staging!.audit = { trail: want };
    },
    resources: [trail('one-trail', PROD_ACCOUNT)],
    expect: { production: 'fail', staging: 'fail' },
    messages: { staging: "Environment staging: no trail of its own with the required properties (account 111111111111: trail 'one-trail' also logs production)" },
  },
  {
    name: 'an organisation trail logs every environment: shared',
    spec: (s) => void (production(s).audit = { trail: want }),
    resources: [trail('org-trail', STAGING_ACCOUNT, { organizationTrail: true })],
    expect: { production: 'fail' },
    messages: { production: "Environment production: no trail of its own with the required properties (account 111111111111: trail 'org-trail' also logs staging)" },
  },
  {
    name: 'a trail whose status was not collected is not evaluated',
    spec: (s) => void (production(s).audit = { trail: want }),
    resources: [res(TRAIL, 'prod-trail', { accountId: PROD_ACCOUNT, config: { multiRegion: true, logFileValidation: true, organizationTrail: false, encryption: CMK } })],
    expect: { production: 'not-evaluated' },
  },
]);
