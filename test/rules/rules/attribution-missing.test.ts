// Rule attribution-missing: compliant and violating resources (through the rule tester).
import { prod, res } from '../../engine/helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('attribution-missing', [
  {
    name: 'a resource with no signal is a finding',
    resources: [prod('AWS::S3::Bucket', 'tagged'), res('AWS::S3::Bucket', 'untagged')],
    expect: { tagged: 'pass', untagged: 'fail' },
  },
  {
    name: 'a resource the spec allows to be shared needs no environment',
    spec: (s) => void (s.shared = [{ type: 'AWS::Route53::HostedZone', name: 'example.com', reason: 'one zone for all' }]),
    resources: [res('AWS::Route53::HostedZone', 'example.com'), res('AWS::Route53::HostedZone', 'other.com')],
    expect: { 'example.com': 'pass', 'other.com': 'fail' },
  },
]);
