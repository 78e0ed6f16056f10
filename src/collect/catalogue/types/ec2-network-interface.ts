// Network interfaces: one paged list.
import { bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2NetworkInterface: ResourceDescriptor = {
  type: 'AWS::EC2::NetworkInterface',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::NetworkInterface',
  arn: { service: 'ec2', head: 'network-interface' },
  relations: ['vpc', 'subnet', 'security-group', 'attached-to'],
  config: obj({
    networkInterfaceId: str,
    interfaceType: str,
    requesterManaged: bool,
    requesterId: str,
    description: str,
    status: str,
    vpcId: str,
    subnetId: str,
    availabilityZone: str,
    privateIp: str,
    publicIp: str,
    securityGroupIds: strs,
    attachedInstanceId: str,
  }),
  calls: [
    { operation: 'DescribeNetworkInterfaces', per: 'list', pageMax: 1000, feeds: ['networkInterfaceId', 'interfaceType', 'requesterManaged', 'requesterId', 'description', 'status', 'vpcId', 'subnetId', 'availabilityZone', 'privateIp', 'publicIp', 'securityGroupIds', 'attachedInstanceId'] },
  ],
  collect: { source: 'ec2-network' },
};
