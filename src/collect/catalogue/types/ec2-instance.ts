// Instances: one paged list; the roles they run as are joined from IAM in finish.
import { obj, str, strs } from '../../../model/config-schemas.js';
import type { ResourceDescriptor } from '../descriptor.js';
import { arnOf } from '../refs.js';

export const ec2Instance: ResourceDescriptor = {
  type: 'AWS::EC2::Instance',
  service: 'ec2',
  scope: 'regional',
  configType: 'AWS::EC2::Instance',
  arn: { service: 'ec2', head: 'instance' },
  alarmDimension: { name: 'InstanceId', arn: (v, t) => arnOf('ec2', t.region, t.accountId, `instance/${v}`) },
  relations: ['vpc', 'subnet', 'security-group', 'volume', 'instance-profile-role'],
  config: obj({
    instanceId: str,
    instanceType: str,
    state: str,
    vpcId: str,
    subnetId: str,
    availabilityZone: str,
    securityGroupIds: strs,
    volumeIds: strs,
    iamInstanceProfileArn: str,
    publicIp: str,
    purchaseOption: str,
  }),
  calls: [
    { operation: 'DescribeInstances', per: 'list', pageMax: 1000, feeds: ['instanceId', 'instanceType', 'state', 'vpcId', 'subnetId', 'availabilityZone', 'securityGroupIds', 'volumeIds', 'iamInstanceProfileArn', 'publicIp', 'purchaseOption'] },
  ],
  collect: { source: 'ec2' },
  hooks: { pricing: 'priced' },
};
