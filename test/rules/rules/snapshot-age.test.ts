// Rule snapshot-age: the newest snapshot of each volume and DB instance against
// backups.maxSnapshotAgeDays and the scan's time (NOW = 2025-01-01).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const VOL = 'AWS::EC2::Volume';
const DB = 'AWS::RDS::DBInstance';
const volArn = (id: string) => `arn:aws:ec2:us-east-1:111111111111:volume/${id}`;
const dbArn = (id: string) => `arn:aws:rds:us-east-1:111111111111:db:${id}`;
const ebs = (name: string, of: string, startTime?: string) =>
  prod('AWS::EC2::Snapshot', name, { config: startTime ? { startTime } : {}, relations: [{ kind: 'snapshot-of', target: volArn(of) }] });
const rds = (name: string, of: string, createTime: string) =>
  prod('AWS::RDS::DBSnapshot', name, { config: { createTime }, relations: [{ kind: 'snapshot-of', target: dbArn(of) }] });

ruleTester.run('snapshot-age', [
  {
    name: 'a recent newest snapshot passes; an old newest one or none fails',
    spec: (s) => void (production(s).backups = { maxSnapshotAgeDays: 7 }),
    resources: [
      prod(VOL, 'vol-fresh', { arn: volArn('vol-fresh') }),
      prod(VOL, 'vol-stale', { arn: volArn('vol-stale') }),
      prod(VOL, 'vol-bare', { arn: volArn('vol-bare') }),
      prod(VOL, 'vol-untimed', { arn: volArn('vol-untimed') }),
      prod(DB, 'db-fresh', { arn: dbArn('db-fresh') }),
      prod(DB, 'db-stale', { arn: dbArn('db-stale') }),
      // The older snapshot of vol-fresh does not count against it: only the newest does.
      ebs('snap-old', 'vol-fresh', '2024-10-01T00:00:00.000Z'),
      ebs('snap-new', 'vol-fresh', '2024-12-30T08:00:00.000Z'),
      ebs('snap-stale', 'vol-stale', '2024-12-20T23:00:00.000Z'),
      ebs('snap-untimed', 'vol-untimed'),
      rds('rds:db-fresh-2024-12-31', 'db-fresh', '2024-12-31T03:00:00.000Z'),
      rds('db-stale-manual', 'db-stale', '2024-11-02T00:00:00.000Z'),
    ],
    expect: { 'vol-fresh': 'pass', 'vol-stale': 'fail', 'vol-bare': 'fail', 'vol-untimed': 'not-evaluated', 'db-fresh': 'pass', 'db-stale': 'fail' },
    messages: {
      'vol-fresh': "AWS::EC2::Volume 'vol-fresh': newest snapshot 'snap-new' taken 2024-12-30, 1 days before the scan",
      'vol-stale': "AWS::EC2::Volume 'vol-stale': newest snapshot 'snap-stale' taken 2024-12-20, 11 days before the scan; production requires a snapshot taken within 7 days",
      'vol-bare': "AWS::EC2::Volume 'vol-bare': no snapshot; production requires a snapshot taken within 7 days",
      'vol-untimed': "AWS::EC2::Volume 'vol-untimed': snapshot times not in the snapshot",
      'db-fresh': "AWS::RDS::DBInstance 'db-fresh': newest snapshot 'rds:db-fresh-2024-12-31' taken 2024-12-31, 0 days before the scan",
      'db-stale': "AWS::RDS::DBInstance 'db-stale': newest snapshot 'db-stale-manual' taken 2024-11-02, 60 days before the scan; production requires a snapshot taken within 7 days",
    },
  },
  {
    name: 'seven whole days passes, eight fails',
    spec: (s) => void (production(s).backups = { maxSnapshotAgeDays: 7 }),
    resources: [
      prod(VOL, 'vol-edge', { arn: volArn('vol-edge') }),
      prod(VOL, 'vol-over', { arn: volArn('vol-over') }),
      ebs('snap-edge', 'vol-edge', '2024-12-25T00:00:00.000Z'),
      ebs('snap-over', 'vol-over', '2024-12-24T00:00:00.000Z'),
    ],
    expect: { 'vol-edge': 'pass', 'vol-over': 'fail' },
    messages: { 'vol-over': "AWS::EC2::Volume 'vol-over': newest snapshot 'snap-over' taken 2024-12-24, 8 days before the scan; production requires a snapshot taken within 7 days" },
  },
  {
    name: 'snapshotTypes: only the listed types are judged',
    spec: (s) => void (production(s).backups = { maxSnapshotAgeDays: 7, snapshotTypes: ['AWS::RDS::DBInstance'] }),
    resources: [prod(VOL, 'vol-bare', { arn: volArn('vol-bare') }), prod(DB, 'db-bare', { arn: dbArn('db-bare') })],
    expect: { 'vol-bare': 'none', 'db-bare': 'fail' },
    messages: { 'db-bare': "AWS::RDS::DBInstance 'db-bare': no snapshot; production requires a snapshot taken within 7 days" },
  },
  {
    name: 'no requirement, no result',
    resources: [prod(VOL, 'vol-bare', { arn: volArn('vol-bare') })],
    expect: { 'vol-bare': 'none' },
  },
]);
