// Rule bastion-ssh: SSH only from the bastion's security groups or sshFrom (through the
// rule tester).
import { prod, res } from '../../engine/helpers.js';
import type { Spec } from '../../../src/model/spec.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SG = 'AWS::EC2::SecurityGroup';
const INSTANCE = 'AWS::EC2::Instance';
const rule = (over: { protocol?: string; fromPort?: number; toPort?: number; cidrs?: string[]; groupIds?: string[] }) => ({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: [], groupIds: [], ...over });
const group = (name: string, id: string, ingress: unknown[]) => prod(SG, name, { id, config: { groupId: id, groupName: name, vpcId: 'vpc-1', ingress, egress: [] } });
const bastion = (s: Spec, names = ['app-bastion-*']) => void (production(s).network = net({ bastion: { names, tags: {}, sshFrom: ['203.0.113.0/24'] } }));

ruleTester.run('bastion-ssh', [
  {
    name: 'SSH from the bastion group or the office range passes; from the world or another group fails',
    spec: (s) => bastion(s),
    resources: [
      prod(INSTANCE, 'app-bastion-1', { config: { securityGroupIds: ['sg-bastion'] } }),
      group('bastion-sg', 'sg-bastion', [rule({ cidrs: ['203.0.113.0/25'] })]),
      group('app-sg', 'sg-app', [rule({ groupIds: ['sg-bastion', 'sg-app'] }), rule({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] })]),
      group('open-sg', 'sg-open', [rule({ fromPort: 0, toPort: 65535, cidrs: ['0.0.0.0/0'] })]),
      group('peer-sg', 'sg-peer', [rule({ protocol: '-1', groupIds: ['sg-web'] })]),
      res(SG, 'untagged-sg', { config: { groupId: 'sg-x', ingress: [rule({ cidrs: ['0.0.0.0/0'] })], egress: [] } }),
    ],
    expect: { 'bastion-sg': 'pass', 'app-sg': 'pass', 'open-sg': 'fail', 'peer-sg': 'fail', 'untagged-sg': 'none' },
    messages: {
      'open-sg': "AWS::EC2::SecurityGroup 'open-sg': admits SSH (port 22) from 0.0.0.0/0; production admits SSH only from the bastion or its listed ranges: sg-bastion, 203.0.113.0/24",
      'peer-sg': "AWS::EC2::SecurityGroup 'peer-sg': admits SSH (port 22) from sg-web; production admits SSH only from the bastion or its listed ranges: sg-bastion, 203.0.113.0/24",
      'app-sg': "AWS::EC2::SecurityGroup 'app-sg': admits SSH only from the bastion or its listed ranges",
    },
  },
  {
    name: 'a bastion by tag; with no instance matching, a group source fails and the message says so',
    spec: (s) => void (production(s).network = net({ bastion: { names: [], tags: { Role: 'bastion' }, sshFrom: [] } })),
    resources: [
      prod(INSTANCE, 'jump', { tags: { Environment: 'production', Role: 'bastion' }, relations: [{ kind: 'security-group', target: 'arn:aws:ec2:us-east-1:111111111111:security-group/sg-jump' }] }),
      group('app-sg', 'sg-app', [rule({ groupIds: ['sg-jump'] })]),
    ],
    expect: { 'app-sg': 'pass' },
  },
  {
    name: 'with no instance matching the names, SSH from any group fails',
    spec: (s) => bastion(s, ['nothing-*']),
    resources: [prod(INSTANCE, 'app-bastion-1', { config: { securityGroupIds: ['sg-bastion'] } }), group('app-sg', 'sg-app', [rule({ groupIds: ['sg-bastion'] })])],
    expect: { 'app-sg': 'fail' },
    messages: { 'app-sg': "AWS::EC2::SecurityGroup 'app-sg': admits SSH (port 22) from sg-bastion; production admits SSH only from the bastion or its listed ranges: 203.0.113.0/24 (no instance matches the bastion names or tags)" },
  },
  {
    name: 'ingress not collected is not evaluated; environments without a bastion are not judged',
    spec: (s) => bastion(s),
    resources: [prod(SG, 'bare-sg', { config: { groupId: 'sg-bare' } }), res(SG, 'stg-sg', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { groupId: 'sg-s', ingress: [rule({ cidrs: ['0.0.0.0/0'] })], egress: [] } })],
    expect: { 'bare-sg': 'not-evaluated', 'stg-sg': 'none' },
  },
]);
