// snapshot-age beyond the rule cases: snapshots stamped after the scan's time, the
// evidence and spec path of each result, collection errors, ties between newest snapshots
// and which snapshots count for which resource (NOW = 2025-01-01T00:00:00Z).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { CollectionError, Resource } from '../../../src/model/snapshot.js';
import type { Spec } from '../../../src/model/spec.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../helpers.js';

const RULE = loadRules().find((r) => r.meta.id === 'snapshot-age')!;
const VOL = 'AWS::EC2::Volume';
const DB = 'AWS::RDS::DBInstance';
const volArn = (id: string) => `arn:aws:ec2:us-east-1:111111111111:volume/${id}`;
const dbArn = (id: string) => `arn:aws:rds:us-east-1:111111111111:db:${id}`;
const vol = (name: string) => prod(VOL, name, { arn: volArn(name) });
const db = (name: string) => prod(DB, name, { arn: dbArn(name) });
const ebs = (name: string, of: string, startTime: string) =>
  prod('AWS::EC2::Snapshot', name, { config: { startTime }, relations: [{ kind: 'snapshot-of', target: volArn(of) }] });
const rds = (name: string, of: string, createTime: string) =>
  prod('AWS::RDS::DBSnapshot', name, { config: { createTime }, relations: [{ kind: 'snapshot-of', target: dbArn(of) }] });

const week = (s: Spec) => void (s.environments.production!.backups = { maxSnapshotAgeDays: 7 });

function run(resources: Resource[], edit: (s: Spec) => void = week, errors: CollectionError[] = [], now = NOW) {
  const spec = baseSpec();
  edit(spec);
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot(resources, { errors }), rules: [RULE], now });
  return Object.fromEntries(ev.results.map((r) => [r.resource.name, { status: r.status, message: r.message, evidence: r.evidence, reason: r.reason, path: r.specLocation?.path }]));
}

describe('snapshot-age', () => {
  it('a snapshot stamped after the scan passes and says so, not a negative age', () => {
    const got = run([vol('vol-ahead'), ebs('snap-ahead', 'vol-ahead', '2025-03-01T06:00:00.000Z')]);
    expect(got['vol-ahead']).toEqual({
      status: 'pass',
      message: "AWS::EC2::Volume 'vol-ahead': newest snapshot 'snap-ahead' taken 2025-03-01, after the scan's time (2025-01-01T00:00:00Z)",
      evidence: { observed: { snapshot: 'arn:aws:ec2:us-east-1:111111111111:snapshot/snap-ahead', startTime: '2025-03-01T06:00:00.000Z', ageDays: -60 }, expected: 'newest snapshot at most 7 days old' },
      reason: undefined,
      path: '/environments/production/backups/maxSnapshotAgeDays',
    });
    // A scan time with milliseconds is printed whole; one minute ahead is already after it.
    const later = run([vol('vol-minute'), ebs('snap-minute', 'vol-minute', '2025-01-01T12:01:00.000Z')], week, [], new Date('2025-01-01T12:00:00.250Z'));
    expect(later['vol-minute']!.message).toBe("AWS::EC2::Volume 'vol-minute': newest snapshot 'snap-minute' taken 2025-01-01, after the scan's time (2025-01-01T12:00:00.250Z)");
    // A snapshot at the scan's very time is 0 days old.
    const same = run([vol('vol-same'), ebs('snap-same', 'vol-same', '2025-01-01T00:00:00.000Z')]);
    expect(same['vol-same']!.message).toBe("AWS::EC2::Volume 'vol-same': newest snapshot 'snap-same' taken 2025-01-01, 0 days before the scan");
  });

  it('a failed snapshot listing in the resource\'s account and region leaves it not evaluated, naming every error', () => {
    const err = (service: string, operation: string, code: string, message: string): CollectionError => ({ accountId: '111111111111', region: 'us-east-1', service, operation, code, message, affects: ['AWS::EC2::Snapshot'] });
    const got = run([vol('vol-a'), ebs('snap-a', 'vol-a', '2024-12-31T00:00:00.000Z'), db('db-a')], week, [err('ec2', 'DescribeSnapshots', 'AccessDenied', 'not allowed'), err('ec2', 'DescribeSnapshots', 'Throttling', 'slow down')]);
    expect(got['vol-a']).toEqual({
      status: 'not-evaluated',
      message: "AWS::EC2::Volume 'vol-a': snapshot age not evaluated",
      evidence: {},
      reason: 'collection error ec2:DescribeSnapshots AccessDenied in 111111111111/us-east-1: not allowed; collection error ec2:DescribeSnapshots Throttling in 111111111111/us-east-1: slow down',
      path: '/environments/production/backups/maxSnapshotAgeDays',
    });
    // The EBS error says nothing of RDS snapshots: the DB instance is still judged.
    expect(got['db-a']!.status).toBe('fail');
  });

  it('evidence and reasons of a missing snapshot and of untimed snapshots', () => {
    const untimed = (type: string, name: string, target: string) => prod(type, name, { relations: [{ kind: 'snapshot-of', target }] });
    const got = run([vol('vol-bare'), vol('vol-untimed'), db('db-untimed'), untimed('AWS::EC2::Snapshot', 'snap-x', volArn('vol-untimed')), untimed('AWS::RDS::DBSnapshot', 'dbsnap-x', dbArn('db-untimed'))]);
    expect(got['vol-bare']!.evidence).toEqual({ observed: { snapshots: 0 }, expected: 'newest snapshot at most 7 days old' });
    expect(got['vol-untimed']!.reason).toBe('config.startTime of its snapshots not collected');
    expect(got['db-untimed']).toEqual({
      status: 'not-evaluated',
      message: "AWS::RDS::DBInstance 'db-untimed': snapshot times not in the snapshot",
      evidence: {},
      reason: 'config.createTime of its snapshots not collected',
      path: '/environments/production/backups/maxSnapshotAgeDays',
    });
  });

  it('the newest snapshot wins wherever it sits in the inventory; a tie goes to the first name', () => {
    // snap-b, the newest, comes after snap-a in ARN order.
    const later = run([vol('vol-a'), ebs('snap-a', 'vol-a', '2024-12-01T00:00:00.000Z'), ebs('snap-b', 'vol-a', '2024-12-30T00:00:00.000Z')]);
    expect(later['vol-a']!.message).toBe("AWS::EC2::Volume 'vol-a': newest snapshot 'snap-b' taken 2024-12-30, 2 days before the scan");
    // The newest ('zz-new', in eu-west-1) sorts first; an older one with a smaller name does not replace it.
    const eu = prod('AWS::EC2::Snapshot', 'zz-new', { region: 'eu-west-1', config: { startTime: '2024-12-31T00:00:00.000Z' }, relations: [{ kind: 'snapshot-of', target: volArn('vol-b') }] });
    const first = run([vol('vol-b'), eu, ebs('aa-old', 'vol-b', '2024-11-01T00:00:00.000Z')]);
    expect(first['vol-b']!.message).toBe("AWS::EC2::Volume 'vol-b': newest snapshot 'zz-new' taken 2024-12-31, 1 days before the scan");
    const tie = run([vol('vol-c'), ebs('snap-a', 'vol-c', '2024-12-30T00:00:00.000Z'), ebs('snap-b', 'vol-c', '2024-12-30T00:00:00.000Z')]);
    expect(tie['vol-c']!.evidence.observed).toEqual({ snapshot: 'arn:aws:ec2:us-east-1:111111111111:snapshot/snap-a', startTime: '2024-12-30T00:00:00.000Z', ageDays: 2 });
    // The same tie with the first name last in the inventory (eu-west-1 sorts before us-east-1).
    const euTie = prod('AWS::EC2::Snapshot', 'snap-z', { region: 'eu-west-1', config: { startTime: '2024-12-30T00:00:00.000Z' }, relations: [{ kind: 'snapshot-of', target: volArn('vol-d') }] });
    const tie2 = run([vol('vol-d'), euTie, ebs('snap-m', 'vol-d', '2024-12-30T00:00:00.000Z')]);
    expect(tie2['vol-d']!.message).toBe("AWS::EC2::Volume 'vol-d': newest snapshot 'snap-m' taken 2024-12-30, 2 days before the scan");
  });

  it('only snapshot-of relations from the resource\'s own snapshot type count', () => {
    const other = prod('AWS::EC2::Snapshot', 'snap-other', { config: { startTime: '2024-12-31T00:00:00.000Z' }, relations: [{ kind: 'snapshot-of', target: volArn('vol-own') }, { kind: 'volume', target: volArn('vol-copied') }] });
    const wrongType = rds('dbsnap-on-volume', 'x', '2024-12-31T00:00:00.000Z');
    wrongType.relations = [{ kind: 'snapshot-of', target: volArn('vol-rds') }];
    const got = run([vol('vol-own'), vol('vol-copied'), vol('vol-rds'), other, wrongType]);
    expect(got['vol-own']!.status).toBe('pass');
    expect(got['vol-copied']!.message).toBe("AWS::EC2::Volume 'vol-copied': no snapshot; production requires a snapshot taken within 7 days");
    expect(got['vol-rds']!.message).toBe("AWS::EC2::Volume 'vol-rds': no snapshot; production requires a snapshot taken within 7 days");
  });

  it('a volume of no environment is not judged', () => {
    const loose = { ...vol('vol-loose'), tags: {} };
    expect(run([loose, vol('vol-prod')])).toEqual({ 'vol-prod': expect.objectContaining({ status: 'fail' }) });
  });

  it('summary mode counts the passes and keeps the failures', () => {
    const spec = baseSpec();
    week(spec);
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([vol('vol-ok'), vol('vol-bare'), ebs('snap-ok', 'vol-ok', '2024-12-31T00:00:00.000Z')]), rules: [RULE], now: NOW, passes: 'summary' });
    expect(ev.results.map((r) => [r.resource.name, r.status])).toEqual([['vol-bare', 'fail']]);
    expect(ev.passCounts).toEqual([{ ruleId: 'snapshot-age', environment: 'production', passes: 1 }]);
  });
});
