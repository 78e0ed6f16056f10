// IAM users, from the account authorization details; console password and MFA per user.
import { bool, obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const iamUser: ResourceDescriptor = {
  type: 'AWS::IAM::User',
  service: 'iam',
  scope: 'global',
  configType: 'AWS::IAM::User',
  arn: { service: 'iam', head: 'user', id: (r) => r.split(/[/:]/).filter(Boolean).at(-1) ?? r },
  relations: ['grants'],
  config: obj({ path: str, consolePassword: bool, mfaEnabled: bool }),
  calls: [
    { operation: 'GetAccountAuthorizationDetails', per: 'list', pageMax: 1000, feeds: ['path'] },
    { operation: 'GetLoginProfile', per: 'resource', feeds: ['consolePassword'] },
    { operation: 'ListMFADevices', per: 'resource', feeds: ['mfaEnabled'], when: 'the user has a console password' },
  ],
  collect: { source: 'iam' },
};
