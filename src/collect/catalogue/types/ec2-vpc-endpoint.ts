// VPC endpoints: one paged list.
import { any, bool, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2VpcEndpoint: ResourceDescriptor = {
  type: 'AWS::EC2::VPCEndpoint',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::VPCEndpoint',
  arn: { service: 'ec2', head: 'vpc-endpoint' },
  relations: ['vpc', 'subnet', 'security-group'],
  config: obj({
    vpcEndpointId: str,
    endpointType: str,
    serviceName: str,
    state: str,
    vpcId: str,
    subnetIds: strs,
    securityGroupIds: strs,
    routeTableIds: strs,
    privateDnsEnabled: bool,
    policy: any,
  }),
  calls: [
    { operation: 'DescribeVpcEndpoints', per: 'list', pageMax: 1000, feeds: ['vpcEndpointId', 'endpointType', 'serviceName', 'state', 'vpcId', 'subnetIds', 'securityGroupIds', 'routeTableIds', 'privateDnsEnabled', 'policy'] },
  ],
  collect: { source: 'ec2-network' },
  hooks: { pricing: 'priced' },
};
