// VPCs: one paged list (1000 a page) with tags.
import { bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2Vpc: ResourceDescriptor = {
  type: 'AWS::EC2::VPC',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::VPC',
  arn: { service: 'ec2', head: 'vpc' },
  relations: [],
  config: obj({ vpcId: str, cidrBlocks: strs, isDefault: bool }),
  calls: [
    { operation: 'DescribeVpcs', per: 'list', pageMax: 1000, feeds: ['vpcId', 'cidrBlocks', 'isDefault'] },
  ],
  collect: { source: 'ec2' },
};
