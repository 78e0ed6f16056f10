// Internet gateways: one paged list.
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2InternetGateway: ResourceDescriptor = {
  type: 'AWS::EC2::InternetGateway',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::InternetGateway',
  arn: { service: 'ec2', head: 'internet-gateway' },
  relations: ['vpc'],
  config: obj({ internetGatewayId: str, vpcIds: strs }),
  calls: [
    { operation: 'DescribeInternetGateways', per: 'list', pageMax: 1000, feeds: ['internetGatewayId', 'vpcIds'] },
  ],
  collect: { source: 'ec2-network' },
};
