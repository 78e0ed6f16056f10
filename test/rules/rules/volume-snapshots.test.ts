// Rule volume-snapshots: volumes with and without a snapshot (through the rule tester).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';
const VOL = 'AWS::EC2::Volume';
const volArn = (id: string) => `arn:aws:ec2:us-east-1:111111111111:volume/${id}`;
const snap = (name: string, of: string) => prod('AWS::EC2::Snapshot', name, { relations: [{ kind: 'snapshot-of', target: volArn(of) }] });

ruleTester.run('volume-snapshots', [
  {
    name: 'a volume with a snapshot passes, one without fails',
    spec: (s) => void (production(s).storage = { volumeSnapshots: true }),
    resources: [prod(VOL, 'vol-kept', { arn: volArn('vol-kept') }), prod(VOL, 'vol-bare', { arn: volArn('vol-bare') }), snap('snap-1', 'vol-kept')],
    expect: { 'vol-kept': 'pass', 'vol-bare': 'fail' },
    messages: { 'vol-bare': "AWS::EC2::Volume 'vol-bare': no EBS snapshot of this volume; production requires volumes to be snapshotted" },
  },
  {
    name: 'not required: no result',
    spec: (s) => void (production(s).storage = { volumeTypes: ['gp3'] }),
    resources: [prod(VOL, 'vol-bare', { arn: volArn('vol-bare') })],
    expect: { 'vol-bare': 'none' },
  },
]);
