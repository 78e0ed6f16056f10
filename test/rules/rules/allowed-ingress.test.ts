// Rule allowed-ingress: on each listed port only the allowlist's CIDRs and groups
// (through the rule tester).
import { prod } from '../../engine/helpers.js';
import type { Spec } from '../../../src/model/spec.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SG = 'AWS::EC2::SecurityGroup';
const rule = (over: { protocol?: string; fromPort?: number; toPort?: number; cidrs?: string[]; groupIds?: string[] }) => ({ protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: [], groupIds: [], ...over });
const group = (name: string, id: string, ingress: unknown[]) => prod(SG, name, { id, config: { groupId: id, groupName: name, vpcId: 'vpc-1', ingress, egress: [] } });
const vpn = (s: Spec) =>
  void (production(s).network = net({
    allowedIngress: [
      { description: 'VPN', ports: [443, 22], cidrs: ['10.8.0.0/16'] },
      { description: 'load balancer', ports: [443], securityGroups: ['lb-*'] },
    ],
  }));

ruleTester.run('allowed-ingress', [
  {
    name: 'VPN ranges and the load balancer group pass; the world or an unlisted group fails, per port',
    spec: vpn,
    resources: [
      group('lb-sg', 'sg-lb', [rule({ cidrs: ['10.8.1.0/24'] }), rule({ fromPort: 80, toPort: 80, cidrs: ['0.0.0.0/0'] })]),
      group('app-sg', 'sg-app', [rule({ groupIds: ['sg-lb', 'sg-app'] }), rule({ fromPort: 22, toPort: 22, cidrs: ['10.8.0.0/16'] })]),
      group('open-sg', 'sg-open', [rule({ protocol: '-1', cidrs: ['0.0.0.0/0'] })]),
      group('db-sg', 'sg-db', [rule({ fromPort: 400, toPort: 500, groupIds: ['sg-other'] })]),
    ],
    expect: { 'lb-sg': 'pass', 'app-sg': 'pass', 'open-sg': 'fail', 'db-sg': 'fail' },
    messages: {
      'lb-sg': "AWS::EC2::SecurityGroup 'lb-sg': admits only allowed sources on ports 22, 443",
      'open-sg': "AWS::EC2::SecurityGroup 'open-sg': port 22 admits 0.0.0.0/0 where production allows only 10.8.0.0/16; port 443 admits 0.0.0.0/0 where production allows only 10.8.0.0/16, lb-*",
      'db-sg': "AWS::EC2::SecurityGroup 'db-sg': port 443 admits sg-other where production allows only 10.8.0.0/16, lb-*",
    },
  },
  {
    name: 'a wider range than the allowed block fails; no allowlist means no result',
    spec: vpn,
    resources: [
      group('wide-sg', 'sg-wide', [rule({ cidrs: ['10.0.0.0/8'] })]),
      prod(SG, 'stg-sg', { accountId: '222222222222', tags: { Environment: 'staging' }, config: { groupId: 'sg-s', ingress: [rule({ cidrs: ['0.0.0.0/0'] })], egress: [] } }),
    ],
    expect: { 'wide-sg': 'fail', 'stg-sg': 'none' },
  },
]);
