// Rule default-vpc-use: compliant and violating resources (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';

ruleTester.run('default-vpc-use', [
  {
    name: 'workloads in a default VPC; its own subnets do not count',
    spec: (s) => void (production(s).network = net({ forbidDefaultVpc: true })),
    resources: [
      prod(VPC, 'default-used', { config: { isDefault: true, cidrBlocks: ['172.31.0.0/16'] } }),
      prod(VPC, 'default-idle', { config: { isDefault: true, cidrBlocks: ['172.31.0.0/16'] }, region: 'us-west-2' }),
      prod(VPC, 'custom', { config: { isDefault: false, cidrBlocks: ['10.0.0.0/16'] } }),
      prod('AWS::EC2::Instance', 'i-1', { relations: [{ kind: 'vpc', target: 'arn:aws:ec2:us-east-1:111111111111:vpc/default-used' }] }),
      prod(SUBNET, 'sn-default', { region: 'us-west-2', relations: [{ kind: 'vpc', target: 'arn:aws:ec2:us-west-2:111111111111:vpc/default-idle' }] }),
    ],
    expect: { 'default-used': 'fail', 'default-idle': 'pass', custom: 'pass', 'i-1': 'none' },
  },
]);
