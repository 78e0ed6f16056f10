// NAT gateways: one paged list.
import { obj, str } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const ec2NatGateway: ResourceDescriptor = {
  type: 'AWS::EC2::NatGateway',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::NatGateway',
  arn: { service: 'ec2', head: 'natgateway' },
  alarmDimension: { name: 'NatGatewayId', arn: (v, t) => arnOf('ec2', t.region, t.accountId, `natgateway/${v}`) },
  relations: ['vpc', 'subnet'],
  config: obj({ vpcId: str, subnetId: str, state: str }),
  calls: [
    { operation: 'DescribeNatGateways', per: 'list', pageMax: 1000, feeds: ['vpcId', 'subnetId', 'state'] },
  ],
  collect: { source: 'ec2' },
  hooks: { pricing: 'priced' },
};
