// Shield Advanced protections, once per account (Shield is a global service answered in
// us-east-1): DescribeSubscription first, then ListProtections. An account without a
// subscription has no protections: the listing is complete and empty, so a rule asking
// for protection fails there (never passes); a denied call leaves the type incomplete,
// so such a rule is not-evaluated. Code of its own (sources/shield.ts): the conditional list.
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const PROTECTION = 'AWS::Shield::Protection';

export const shieldProtection: ResourceDescriptor = {
  type: PROTECTION,
  service: 'shield',
  scope: 'global',
  configType: PROTECTION,
  arn: { service: 'shield', head: 'protection' },
  relations: ['protects'],
  config: obj({ protectedArn: str, healthCheckIds: strs }),
  calls: [
    // MaxResults: the API's default is 20; 100 a page keeps within what every region accepts.
    { operation: 'ListProtections', per: 'list', pageMax: 100, feeds: ['protectedArn', 'healthCheckIds'], relations: ['protects'], when: 'the account has a Shield Advanced subscription' },
    { operation: 'DescribeSubscription', per: 'list', feeds: [] },
  ],
  collect: { source: 'shield' },
};
