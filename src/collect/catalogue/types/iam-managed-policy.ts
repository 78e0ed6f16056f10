// The account's managed policies, from the account authorization details.
import { obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const iamManagedPolicy: ResourceDescriptor = {
  type: 'AWS::IAM::ManagedPolicy',
  service: 'iam',
  scope: 'global',
  configType: 'AWS::IAM::Policy',
  arn: { service: 'iam', head: 'policy', id: (r) => r.split(/[/:]/).filter(Boolean).at(-1) ?? r },
  relations: ['grants'],
  config: obj({ path: str }),
  calls: [
    { operation: 'GetAccountAuthorizationDetails', per: 'list', pageMax: 1000, feeds: ['path'] },
  ],
  collect: { source: 'iam' },
};
