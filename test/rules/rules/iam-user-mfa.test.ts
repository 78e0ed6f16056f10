// Rule iam-user-mfa: console users with and without MFA (through the rule tester).
import { prod, res, STAGING_ACCOUNT } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const USER = 'AWS::IAM::User';
const user = (name: string, config: Record<string, unknown>) => prod(USER, name, { arn: `arn:aws:iam::111111111111:user/${name}`, region: 'global', config: { path: '/', ...config } });

ruleTester.run('iam-user-mfa', [
  {
    name: 'console users need MFA; access-key-only users give no result',
    spec: (s) => void (production(s).identity = { consoleMfa: true }),
    resources: [
      user('alice', { consolePassword: true, mfaEnabled: true }),
      user('bob', { consolePassword: true, mfaEnabled: false }),
      user('ci-deployer', { consolePassword: false }),
      // Staging does not require it.
      res(USER, 'carol', { arn: `arn:aws:iam::${STAGING_ACCOUNT}:user/carol`, accountId: STAGING_ACCOUNT, region: 'global', tags: { Environment: 'staging' }, config: { consolePassword: true, mfaEnabled: false } }),
    ],
    expect: { alice: 'pass', bob: 'fail', 'ci-deployer': 'none', carol: 'none' },
    messages: { bob: "AWS::IAM::User 'bob': console user without an MFA device; production requires multi-factor authentication" },
  },
  {
    name: 'devices not read: not evaluated',
    spec: (s) => void (production(s).identity = { consoleMfa: true }),
    resources: [user('dave', { consolePassword: true })],
    expect: { dave: 'not-evaluated' },
  },
]);
