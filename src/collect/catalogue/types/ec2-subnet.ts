// Subnets: one paged list with tags.
import { bool, obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2Subnet: ResourceDescriptor = {
  type: 'AWS::EC2::Subnet',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::Subnet',
  arn: { service: 'ec2', head: 'subnet' },
  relations: ['vpc'],
  config: obj({ subnetId: str, vpcId: str, cidrBlock: str, availabilityZone: str, mapPublicIpOnLaunch: bool, defaultForAz: bool }),
  calls: [
    { operation: 'DescribeSubnets', per: 'list', pageMax: 1000, feeds: ['subnetId', 'vpcId', 'cidrBlock', 'availabilityZone', 'mapPublicIpOnLaunch', 'defaultForAz'] },
  ],
  collect: { source: 'ec2' },
};
