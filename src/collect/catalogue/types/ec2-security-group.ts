// Security groups with their rules: one paged list.
import { list, obj, str } from '../../../model/config-schemas.js';
import { sgRule } from '../schema-parts.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2SecurityGroup: ResourceDescriptor = {
  type: 'AWS::EC2::SecurityGroup',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::SecurityGroup',
  arn: { service: 'ec2', head: 'security-group' },
  relations: ['vpc', 'ingress-cidr', 'ingress-security-group'],
  config: obj({ groupId: str, groupName: str, vpcId: str, ingress: list(sgRule), egress: list(sgRule) }),
  calls: [
    { operation: 'DescribeSecurityGroups', per: 'list', pageMax: 1000, feeds: ['groupId', 'groupName', 'vpcId', 'ingress', 'egress'] },
  ],
  collect: { source: 'ec2' },
};
