// Rule snapshot-encryption: compliant and violating EBS snapshots (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const SNAP = 'AWS::EC2::Snapshot';

ruleTester.run('snapshot-encryption', [
  {
    name: 'unencrypted snapshots fail, also one inheriting its volume environment',
    spec: (s) => void (production(s).storage = { snapshotEncryption: true }),
    resources: [
      prod(SNAP, 'snap-enc', { config: { encryption: { enabled: true, algorithm: 'aws:kms', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' } } }),
      prod(SNAP, 'snap-plain', { config: { encryption: { enabled: false } } }),
      prod('AWS::EC2::Volume', 'vol-1', { arn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1' }),
      // Untagged: in production through its volume (snapshot-of).
      {
        ...prod(SNAP, 'snap-of-vol'),
        tags: {},
        config: { encryption: { enabled: false } },
        relations: [{ kind: 'snapshot-of', target: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1' }],
      },
    ],
    expect: { 'snap-enc': 'pass', 'snap-plain': 'fail', 'snap-of-vol': 'fail' },
    messages: { 'snap-plain': "AWS::EC2::Snapshot 'snap-plain': snapshot not encrypted; production requires encrypted EBS snapshots" },
  },
  {
    name: 'off or absent: no result',
    spec: (s) => void (production(s).storage = { snapshotEncryption: false }),
    resources: [prod(SNAP, 'snap-plain', { config: { encryption: { enabled: false } } })],
    expect: { 'snap-plain': 'none' },
  },
]);
