// IAM roles, from the account authorization details (with users, groups and policies).
import { any, obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const iamRole: ResourceDescriptor = {
  type: 'AWS::IAM::Role',
  service: 'iam',
  scope: 'global',
  configType: 'AWS::IAM::Role',
  arn: { service: 'iam', head: 'role', id: (r) => r.split(/[/:]/).filter(Boolean).at(-1) ?? r },
  relations: ['grants'],
  config: obj({ path: str, trustPolicy: any }),
  calls: [
    { operation: 'GetAccountAuthorizationDetails', per: 'list', pageMax: 1000, feeds: ['path', 'trustPolicy'] },
  ],
  collect: { source: 'iam' },
};
