// Rule backup-plan-coverage: resources of the types backups.planCoverage lists are selected
// by an AWS Backup plan of their account and region (selection semantics in the analysis).
import { prod } from '../../engine/helpers.js';
import { production, ruleTester } from '../rule-tester.js';

const DB = 'AWS::RDS::DBInstance';
const VOL = 'AWS::EC2::Volume';
const PLAN = 'AWS::Backup::BackupPlan';
const ACCOUNT = '111111111111';
const dbArn = (id: string) => `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`;
const volArn = (id: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${id}`;
const daily = [{ name: 'daily', deleteAfterDays: 35 }];
const sel = (name: string, over: Record<string, unknown> = {}) => ({ selectionId: name, name, resources: [], notResources: [], listOfTags: [], conditions: [], ...over });
const plan = (name: string, selections: unknown[] | undefined, rules: unknown[] = daily, over: Record<string, unknown> = {}) =>
  prod(PLAN, name, { arn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${name}`, config: { planId: name, rules, ...(selections ? { selections } : {}) }, ...over });
const covers = (types: string[], planRetentionDays?: number) => (s: Parameters<typeof production>[0]) =>
  void (production(s).backups = { planCoverage: types, ...(planRetentionDays ? { planRetentionDays } : {}) });

ruleTester.run('backup-plan-coverage', [
  {
    name: 'selected by ARN pattern or by tag passes; unselected, excluded or filtered out fails',
    spec: covers([DB, VOL]),
    resources: [
      prod(DB, 'db-by-arn', { arn: dbArn('db-by-arn') }),
      prod(DB, 'db-by-tag', { arn: dbArn('db-by-tag'), tags: { Environment: 'production', Backup: 'daily' } }),
      prod(DB, 'db-excluded', { arn: dbArn('db-excluded') }),
      prod(DB, 'db-member', { arn: dbArn('db-member'), config: { clusterId: 'aurora-1' } }),
      prod(VOL, 'vol-kept', { arn: volArn('vol-kept'), tags: { Environment: 'production', Tier: 'data-hot' } }),
      prod(VOL, 'vol-filtered', { arn: volArn('vol-filtered'), tags: { Environment: 'production', Tier: 'scratch' } }),
      prod(VOL, 'vol-other-region', { arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-other-region`, region: 'eu-west-1' }),
      plan('databases', [
        // Resources OR ListOfTags: a DB matching either is selected.
        sel('dbs', { resources: ['arn:aws:rds:*:*:db:db-by-*'], listOfTags: [{ operator: 'StringEquals', key: 'aws:ResourceTag/Backup', value: 'daily' }] }),
        sel('all-but-one', { resources: ['arn:aws:rds:*:*:db:*'], notResources: [dbArn('db-excluded')] }),
      ]),
      // Resources AND every Conditions entry; the pattern names every region, but the plan
      // backs up its own region only.
      plan('volumes', [sel('data', { resources: ['arn:aws:ec2:*:*:volume/*'], conditions: [{ operator: 'StringLike', key: 'aws:ResourceTag/Tier', value: 'data-???' }] })]),
    ],
    expect: { 'db-by-arn': 'pass', 'db-by-tag': 'pass', 'db-excluded': 'fail', 'db-member': 'none', 'vol-kept': 'pass', 'vol-filtered': 'fail', 'vol-other-region': 'fail' },
    messages: {
      'db-by-arn': "AWS::RDS::DBInstance 'db-by-arn': backed up by plan 'databases' (selection 'dbs')",
      'db-by-tag': "AWS::RDS::DBInstance 'db-by-tag': backed up by plan 'databases' (selection 'dbs')",
      'db-excluded': "AWS::RDS::DBInstance 'db-excluded': no backup plan of its account and region selects it; production requires an AWS Backup plan",
      'vol-kept': "AWS::EC2::Volume 'vol-kept': backed up by plan 'volumes' (selection 'data')",
      'vol-filtered': "AWS::EC2::Volume 'vol-filtered': no backup plan of its account and region selects it; production requires an AWS Backup plan",
    },
  },
  {
    name: 'a plan without rules, or keeping recovery points too briefly, does not cover',
    spec: covers([DB], 30),
    resources: [
      prod(DB, 'db-short', { arn: dbArn('db-short'), tags: { Environment: 'production', Plan: 'short' } }),
      prod(DB, 'db-ruleless', { arn: dbArn('db-ruleless'), tags: { Environment: 'production', Plan: 'none' } }),
      prod(DB, 'db-forever', { arn: dbArn('db-forever'), tags: { Environment: 'production', Plan: 'forever' } }),
      plan('short', [sel('s', { conditions: [{ operator: 'StringEquals', key: 'aws:ResourceTag/Plan', value: 'short' }] })], [{ name: 'weekly', deleteAfterDays: 7 }, { name: 'daily', deleteAfterDays: 14 }]),
      plan('ruleless', [sel('r', { listOfTags: [{ operator: 'StringEquals', key: 'Plan', value: 'none' }] })], []),
      // A rule without a lifecycle keeps its recovery points forever.
      plan('forever', [sel('f', { listOfTags: [{ operator: 'StringEquals', key: 'Plan', value: 'forever' }] })], [{ name: 'monthly' }]),
    ],
    expect: { 'db-short': 'fail', 'db-ruleless': 'fail', 'db-forever': 'pass' },
    messages: {
      'db-short': "AWS::RDS::DBInstance 'db-short': plan 'short' keeps recovery points 14 days; production requires an AWS Backup plan keeping recovery points at least 30 days",
      'db-ruleless': "AWS::RDS::DBInstance 'db-ruleless': selected by plan 'ruleless', which has no backup rule; production requires an AWS Backup plan keeping recovery points at least 30 days",
    },
  },
  {
    name: 'selections not collected leave an uncovered resource not evaluated',
    spec: covers([DB]),
    resources: [prod(DB, 'db-unknown', { arn: dbArn('db-unknown') }), plan('unread', undefined)],
    expect: { 'db-unknown': 'not-evaluated' },
    messages: { 'db-unknown': "AWS::RDS::DBInstance 'db-unknown': backup plan coverage not evaluated" },
  },
  {
    name: 'types not listed, no result',
    spec: covers([VOL]),
    resources: [prod(DB, 'db-bare', { arn: dbArn('db-bare') })],
    expect: { 'db-bare': 'none' },
  },
]);
