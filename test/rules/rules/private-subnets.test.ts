// Rule private-subnets: workloads only in subnets without a route to an internet gateway,
// and no public address (through the rule tester).
import { prod, res } from '../../engine/helpers.js';
import type { Relation } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { net, production, ruleTester } from '../rule-tester.js';

const INSTANCE = 'AWS::EC2::Instance';
const DB = 'AWS::RDS::DBInstance';
const LAMBDA = 'AWS::Lambda::Function';
const ECS = 'AWS::ECS::Service';
const ARN = 'arn:aws:ec2:us-east-1:111111111111';
const subnet = (id: string): Relation => ({ kind: 'subnet', target: `${ARN}:subnet/${id}` });
const vpc = (id: string): Relation => ({ kind: 'vpc', target: `${ARN}:vpc/${id}` });
const local = { destination: '10.0.0.0/16', target: 'local', state: 'active' };

// vpc-1: the main table routes to the internet; subnet-priv has its own table through a NAT gateway.
const tables = [
  res('AWS::EC2::RouteTable', 'rtb-main', { config: { routeTableId: 'rtb-main', vpcId: 'vpc-1', main: true, subnetIds: [], routes: [{ destination: '0.0.0.0/0', target: 'igw-1', state: 'active' }, local] } }),
  res('AWS::EC2::RouteTable', 'rtb-priv', { config: { routeTableId: 'rtb-priv', vpcId: 'vpc-1', main: false, subnetIds: ['subnet-priv', 'subnet-priv2'], routes: [{ destination: '0.0.0.0/0', target: 'nat-1', state: 'active' }, local] } }),
];
const listed = (s: Spec) => void (production(s).network = net({ privateSubnets: [INSTANCE, DB, LAMBDA] }));

ruleTester.run('private-subnets', [
  {
    name: 'a workload in a subnet on the main table that routes to an internet gateway fails, naming subnet, table and route',
    spec: listed,
    resources: [
      ...tables,
      prod(INSTANCE, 'web', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1' }, relations: [subnet('subnet-pub'), vpc('vpc-1')] }),
      prod(INSTANCE, 'app', { config: { subnetId: 'subnet-priv', vpcId: 'vpc-1' }, relations: [subnet('subnet-priv'), vpc('vpc-1')] }),
      prod(DB, 'db', { config: { subnetIds: ['subnet-priv', 'subnet-priv2'], vpcId: 'vpc-1', publiclyAccessible: false } }),
      res(INSTANCE, 'untagged', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1' } }),
    ],
    expect: { web: 'fail', app: 'pass', db: 'pass', untagged: 'none' },
    messages: {
      web: "AWS::EC2::Instance 'web': in public subnet subnet-pub (route table rtb-main routes 0.0.0.0/0 to igw-1); production keeps AWS::EC2::Instance in private subnets without public addresses",
      app: "AWS::EC2::Instance 'app': in private subnet subnet-priv",
      db: "AWS::RDS::DBInstance 'db': in private subnets subnet-priv, subnet-priv2",
    },
  },
  {
    name: 'a public IP or a publicly accessible database fails in a private subnet',
    spec: listed,
    resources: [
      ...tables,
      prod(INSTANCE, 'ip', { config: { subnetId: 'subnet-priv', vpcId: 'vpc-1', publicIp: '198.51.100.7' } }),
      prod(DB, 'open-db', { config: { subnetIds: ['subnet-priv'], vpcId: 'vpc-1', publiclyAccessible: true } }),
    ],
    expect: { ip: 'fail', 'open-db': 'fail' },
    messages: {
      ip: "AWS::EC2::Instance 'ip': has public IP 198.51.100.7; production keeps AWS::EC2::Instance in private subnets without public addresses",
      'open-db': "AWS::RDS::DBInstance 'open-db': is publicly accessible; production keeps AWS::RDS::DBInstance in private subnets without public addresses",
    },
  },
  {
    name: 'an ECS service in a public subnet or assigning public IPs fails; one outside awsvpc is not judged',
    spec: (s) => void (production(s).network = net({ privateSubnets: [ECS] })),
    resources: [
      ...tables,
      prod(ECS, 'api', { config: { subnetIds: ['subnet-priv'], assignPublicIp: false }, relations: [subnet('subnet-priv')] }),
      prod(ECS, 'edge', { config: { subnetIds: ['subnet-pub'], assignPublicIp: false }, relations: [subnet('subnet-pub'), vpc('vpc-1')] }),
      prod(ECS, 'ip', { config: { subnetIds: ['subnet-priv'], assignPublicIp: true }, relations: [subnet('subnet-priv'), vpc('vpc-1')] }),
      prod(ECS, 'bridge', { config: { subnetIds: [], assignPublicIp: false } }),
    ],
    expect: { api: 'pass', edge: 'fail', ip: 'fail', bridge: 'none' },
    messages: {
      api: "AWS::ECS::Service 'api': in private subnet subnet-priv",
      edge: "AWS::ECS::Service 'edge': in public subnet subnet-pub (route table rtb-main routes 0.0.0.0/0 to igw-1); production keeps AWS::ECS::Service in private subnets without public addresses",
      ip: "AWS::ECS::Service 'ip': assigns public IPs to its tasks; production keeps AWS::ECS::Service in private subnets without public addresses",
    },
  },
  {
    name: 'a subnet whose route table was not collected is not evaluated, never a pass',
    spec: listed,
    resources: [
      ...tables,
      prod(INSTANCE, 'elsewhere', { config: { subnetId: 'subnet-9', vpcId: 'vpc-9' } }),
      prod(INSTANCE, 'no-subnet', { config: { vpcId: 'vpc-1' } }),
      prod(INSTANCE, 'other-region', { region: 'us-west-2', config: { subnetId: 'subnet-priv', vpcId: 'vpc-1' } }),
    ],
    expect: { elsewhere: 'not-evaluated', 'no-subnet': 'not-evaluated', 'other-region': 'not-evaluated' },
  },
  {
    name: 'the VPC comes from the subnet when the workload does not say; a Lambda outside a VPC is left to lambda-in-vpc',
    spec: listed,
    resources: [
      ...tables,
      res('AWS::EC2::Subnet', 'subnet-pub', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1' } }),
      prod(LAMBDA, 'fn-vpc', { relations: [subnet('subnet-pub')] }),
      prod(LAMBDA, 'fn-novpc', { config: { subnetIds: [] } }),
    ],
    expect: { 'fn-vpc': 'fail', 'fn-novpc': 'none' },
  },
  {
    name: 'the bastion named by the spec may sit in a public subnet with a public IP',
    spec: (s) => void (production(s).network = net({ privateSubnets: [INSTANCE], bastion: { names: ['jump-*'], tags: {}, sshFrom: [] } })),
    resources: [...tables, prod(INSTANCE, 'jump-1', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1', publicIp: '198.51.100.8' } }), prod(INSTANCE, 'web', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1' } })],
    expect: { 'jump-1': 'pass', web: 'fail' },
    messages: { 'jump-1': "AWS::EC2::Instance 'jump-1': the environment's bastion host, which may sit in a public subnet" },
  },
  {
    name: 'types the environment does not list, and environments without the requirement, are not judged',
    spec: (s) => void (production(s).network = net({ privateSubnets: [DB] })),
    resources: [...tables, prod(INSTANCE, 'web', { config: { subnetId: 'subnet-pub', vpcId: 'vpc-1' } }), res(DB, 'stg-db', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { subnetIds: ['subnet-pub'], vpcId: 'vpc-1' } })],
    expect: { web: 'none', 'stg-db': 'none' },
  },
]);
