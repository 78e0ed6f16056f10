// Network ACLs with isDefault: one paged list.
import { bool, int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2NetworkAcl: ResourceDescriptor = {
  type: 'AWS::EC2::NetworkAcl',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::NetworkAcl',
  arn: { service: 'ec2', head: 'network-acl' },
  relations: ['vpc', 'subnet'],
  config: obj({
    networkAclId: str,
    vpcId: str,
    isDefault: bool,
    subnetIds: strs,
    entries: list(obj({ ruleNumber: int, egress: bool, protocol: str, action: str, cidr: str, fromPort: int, toPort: int })),
  }),
  calls: [
    { operation: 'DescribeNetworkAcls', per: 'list', pageMax: 1000, feeds: ['networkAclId', 'vpcId', 'isDefault', 'subnetIds', 'entries'] },
  ],
  collect: { source: 'ec2-network' },
};
