// Route tables with their main association: one paged list (100 a page).
import { bool, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';

export const ec2RouteTable: ResourceDescriptor = {
  type: 'AWS::EC2::RouteTable',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::RouteTable',
  arn: { service: 'ec2', head: 'route-table' },
  relations: ['vpc', 'subnet'],
  config: obj({ routeTableId: str, vpcId: str, main: bool, subnetIds: strs, gatewayIds: strs, routes: list(obj({ destination: str, target: str, state: str })) }),
  calls: [
    { operation: 'DescribeRouteTables', per: 'list', pageMax: 100, feeds: ['routeTableId', 'vpcId', 'main', 'subnetIds', 'gatewayIds', 'routes'] },
  ],
  collect: { source: 'ec2-network' },
};
