// Rule required-tags: compliant and violating resources (through the rule tester).
import { prod, res } from '../../engine/helpers.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('required-tags', [
  {
    name: 'every required key must be present',
    spec: (s) => void (s.tagging.required = ['Owner', 'CostCenter']),
    resources: [
      prod('AWS::S3::Bucket', 'full', { tags: { Environment: 'production', Owner: 'a', CostCenter: '1' } }),
      prod('AWS::SQS::Queue', 'partial', { tags: { Environment: 'production', Owner: 'a' } }),
      res('AWS::SNS::Topic', 'untagged'),
      // AWS cannot tag IAM groups: no result rather than an unfixable finding.
      prod('AWS::IAM::Group', 'admins', { tags: {} }),
      // Nor Scheduler schedules (only their groups take tags), even when a name gives their environment.
      prod('AWS::Scheduler::Schedule', 'prod-stop', { tags: {} }),
    ],
    expect: { full: 'pass', partial: 'fail', untagged: 'fail', admins: 'none', 'prod-stop': 'none' },
    messages: { partial: "AWS::SQS::Queue 'partial': missing required tag(s) CostCenter; the spec requires Owner, CostCenter on every resource" },
  },
  {
    name: 'network interfaces and automated RDS snapshots are left out; manual snapshots are not',
    spec: (s) => void (s.tagging.required = ['Owner']),
    resources: [
      res('AWS::EC2::NetworkInterface', 'eni-lb'),
      res('AWS::RDS::DBSnapshot', 'rds:db-2025-01-01-00-00', { config: { snapshotType: 'automated' } }),
      // A type-only exemption: no config read, so a collection gap cannot make it unknown.
      res('AWS::RDS::DBSnapshot', 'rds:db-2025-01-02-00-00'),
      res('AWS::RDS::DBSnapshot', 'db-before-upgrade', { config: { snapshotType: 'manual' } }),
      res('AWS::EC2::Snapshot', 'snap-nightly', { config: { sizeGiB: 8 } }),
      res('AWS::EC2::RouteTable', 'rtb-app'),
    ],
    expect: { 'eni-lb': 'none', 'rds:db-2025-01-01-00-00': 'none', 'rds:db-2025-01-02-00-00': 'none', 'db-before-upgrade': 'fail', 'snap-nightly': 'fail', 'rtb-app': 'fail' },
  },
]);
