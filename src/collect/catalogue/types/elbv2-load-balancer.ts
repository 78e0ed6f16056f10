// Application, network and gateway load balancers: one paged list, then attributes and listeners each.
import { bool, int, list, obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const elbv2LoadBalancer: ResourceDescriptor = {
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  service: 'elbv2',
  scope: 'regional',
  configType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  arn: { service: 'elasticloadbalancing', head: 'loadbalancer' },
  alarmDimension: { name: 'LoadBalancer', arn: (v, t) => arnOf('elasticloadbalancing', t.region, t.accountId, `loadbalancer/${v}`) },
  relations: ['vpc', 'subnet', 'security-group', 'logs-to'],
  config: obj({
    lbType: { enum: ['application', 'network', 'gateway'] },
    scheme: { enum: ['internet-facing', 'internal'] },
    vpcId: str,
    dnsName: str,
    subnetIds: strs,
    securityGroupIds: strs,
    accessLogging: obj({ enabled: bool, bucket: str }),
    deletionProtection: bool,
    listeners: list(obj({ port: int, protocol: str, sslPolicy: str, redirectsToHttps: bool })),
  }),
  calls: [
    { operation: 'DescribeLoadBalancers', per: 'list', pageMax: 400, feeds: ['lbType', 'scheme', 'vpcId', 'dnsName', 'subnetIds', 'securityGroupIds'] },
    { operation: 'DescribeLoadBalancerAttributes', per: 'resource', feeds: ['accessLogging', 'deletionProtection'], relations: ['logs-to'] },
    { operation: 'DescribeListeners', per: 'resource', feeds: ['listeners'] },
  ],
  collect: { source: 'elbv2' },
  hooks: { pricing: 'priced', parity: true },
};
