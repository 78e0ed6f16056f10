import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readJson, run, tmp, waiversFor, write } from './gate-helpers.js';

const mht = fixture('mht-api');
/** What blocks at --fail-on high in mht-api, in the gate's order (severity, rule). */
const BLOCKING_AT_HIGH = [
  ['isolation-iam-grants', 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team'],
  ['access-matrix', 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team'],
  ['attribution-conflict', 'arn:aws:sqs:us-west-2:123456789012:mht-api-staging-events'],
  ['cloudtrail-per-environment', 'arn:aws:envgate:::environment/production'],
  ['isolation-network-paths', 'arn:aws:ec2:us-west-2:123456789012:security-group/sg-0eb8c0df16328d86b'],
  ['isolation-shared-resources', 'arn:aws:sns:us-west-2:123456789012:production-alerts'],
];
const gateArgs = (out: string, ...extra: string[]) => ['gate', '--spec', mht.spec, '--snapshot', mht.snapshot, '--from', 'staging', '--to', 'production', '--out', out, ...extra];

describe('envgate gate (fixture mht-api: production has high findings)', () => {
  it('blocks (exit 1), names what blocks, and writes the reports and the decision', async () => {
    const out = tmp();
    const r = await run(gateArgs(out));
    expect(r.code).toBe(1);
    const gate = readJson(path.join(out, 'envgate-gate.json'));
    expect(gate.verdict).toBe('blocked');
    expect(gate.blocking.map((b: { ruleId: string; arn: string }) => [b.ruleId, b.arn])).toEqual(BLOCKING_AT_HIGH);
    expect(gate.counts).toEqual({ failures: 12, waived: 0, inBaseline: 0, belowThreshold: 6, blocking: 6 });
    for (const b of gate.blocking) expect(r.stderr).toContain(b.arn);
    const report = readJson(path.join(out, 'envgate.json'));
    // Only the results involving the target and the parity of staging with production.
    for (const res of report.results) {
      expect(res.environments.includes('production') || res.resource.arn.startsWith('arn:aws:envgate:::parity/staging/production/')).toBe(true);
    }
  });

  it('passes (exit 0) with the same run as baseline, marking findings existing', async () => {
    const first = tmp();
    await run(gateArgs(first));
    const out = tmp();
    const r = await run(gateArgs(out, '--baseline', path.join(first, 'envgate.json')));
    expect(r.code).toBe(0);
    const report = readJson(path.join(out, 'envgate.json'));
    const fails = report.results.filter((x: { status: string }) => x.status === 'fail');
    expect(fails.length).toBe(12);
    expect(readJson(path.join(out, 'envgate-gate.json')).counts).toEqual({ failures: 12, waived: 0, inBaseline: 12, belowThreshold: 0, blocking: 0 });
    expect(fails.every((x: { baseline: string }) => x.baseline === 'existing')).toBe(true);
  });

  it('blocks on a finding beyond the baseline', async () => {
    const first = tmp();
    await run(gateArgs(first));
    const report = readJson(path.join(first, 'envgate.json'));
    const gate = readJson(path.join(first, 'envgate-gate.json'));
    const dropped = gate.blocking[0].fingerprint;
    report.results = report.results.filter((x: { fingerprint: string }) => x.fingerprint !== dropped);
    const baseline = write(first, 'older.json', JSON.stringify(report));
    const out = tmp();
    const r = await run(gateArgs(out, '--baseline', baseline));
    expect(r.code).toBe(1);
    expect(readJson(path.join(out, 'envgate-gate.json')).blocking.map((b: { fingerprint: string }) => b.fingerprint)).toEqual([dropped]);
  });

  it('passes with every blocking finding waived, and blocks naming the one expired waiver', async () => {
    const first = tmp();
    await run(gateArgs(first));
    const fps = readJson(path.join(first, 'envgate-gate.json')).blocking.map((b: { fingerprint: string }) => b.fingerprint);
    const active = write(first, 'waivers.yaml', waiversFor(fps, () => '2025-06-30'));
    const out = tmp();
    expect((await run(gateArgs(out, '--waivers', active))).code).toBe(0);
    const report = readJson(path.join(out, 'envgate.json'));
    expect(report.results.filter((x: { waived: boolean }) => x.waived)).toHaveLength(fps.length);
    const sarif = readJson(path.join(out, 'envgate.sarif'));
    const sarifFps = sarif.runs[0].results.map((x: { partialFingerprints: { primaryLocationLineHash: string } }) => x.partialFingerprints.primaryLocationLineHash);
    for (const fp of fps) expect(sarifFps).not.toContain(fp);

    const expired = write(first, 'expired.yaml', waiversFor(fps, (i) => (i === 0 ? '2024-12-31' : '2025-06-30')));
    const blocked = tmp();
    const r = await run(gateArgs(blocked, '--waivers', expired));
    expect(r.code).toBe(1);
    const role = 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team';
    expect(r.stderr.split('\n')).toEqual([
      `reports: ${['envgate.json', 'envgate.sarif', 'envgate.md', 'envgate-gate.json'].map((f) => path.join(blocked, f)).join(', ')}`,
      'envgate gate staging -> production: BLOCKED (exit 1)',
      '  1 blocking finding at or above high; 5 waived, 0 in baseline, 6 below threshold',
      `  - critical isolation-iam-grants ${role} (staging, involves production): AWS::IAM::Role 'mht-api-staging-hotfix-development-team' (staging): ${role} grants on arn:aws:s3:::mht-api-production-storage/*, reaching production (and 1 more link(s)); the spec keeps production apart from staging`,
      `      waiver w0 (${expired}:3) expired on 2024-12-31, owner platform`,
      `  expired waivers: w0 (${expired}:3, expired 2024-12-31)`,
    ]);
  });

  it('warns about waivers expiring within 14 days', async () => {
    const first = tmp();
    await run(gateArgs(first));
    const fps = readJson(path.join(first, 'envgate-gate.json')).blocking.map((b: { fingerprint: string }) => b.fingerprint);
    const soon = write(first, 'soon.yaml', waiversFor(fps, () => '2025-01-10'));
    const r = await run(gateArgs(tmp(), '--waivers', soon));
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(1)).toEqual([
      ...[3, 8, 13, 18, 23, 28].map((line, i) => `envgate gate: waiver 'w${i}' (${soon}:${line}) (owner platform) expires on 2025-01-10, in 9 days`),
      'envgate gate staging -> production: PASS (exit 0)',
      '  0 blocking findings at or above high; 6 waived, 0 in baseline, 6 below threshold',
    ]);
  });

  it('thresholds: --fail-on critical blocks only on the critical staging grant into production, --fail-on low blocks more', async () => {
    const critical = tmp();
    expect((await run(gateArgs(critical, '--fail-on', 'critical'))).code).toBe(1);
    const only = readJson(path.join(critical, 'envgate-gate.json')).blocking;
    expect(only.map((b: { ruleId: string; arn: string }) => [b.ruleId, b.arn])).toEqual([
      ['isolation-iam-grants', 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team'],
    ]);
    const low = tmp();
    expect((await run(gateArgs(low, '--fail-on', 'low'))).code).toBe(1);
    const high = tmp();
    await run(gateArgs(high));
    expect(readJson(path.join(high, 'envgate-gate.json')).blocking.map((b: { ruleId: string; arn: string }) => [b.ruleId, b.arn])).toEqual(BLOCKING_AT_HIGH);
    // --fail-on low adds the six medium findings.
    expect(readJson(path.join(low, 'envgate-gate.json')).blocking.map((b: { ruleId: string; arn: string }) => [b.ruleId, b.arn])).toEqual([
      ...BLOCKING_AT_HIGH,
      ['alarms-present', 'arn:aws:sqs:us-west-2:123456789012:mht-api-production-notifications'],
      ['availability-zone-count', 'arn:aws:envgate:::environment/production'],
      ['cost-ceiling', 'arn:aws:envgate:::environment/production'],
      ['log-retention', 'arn:aws:logs:us-west-2:123456789012:log-group:/mht-api-production/sqs/notifications'],
      ['parity-architecture', 'arn:aws:envgate:::parity/staging/production/resourceKinds'],
      ['parity-protections', 'arn:aws:envgate:::parity/staging/production/versioning'],
    ]);
  });

  it('exit 2 for unknown environments, bad waivers (located) and a baseline that is not a report', async () => {
    const unknown = await run(['gate', '--spec', mht.spec, '--snapshot', mht.snapshot, '--from', 'staging', '--to', 'prodution', '--out', tmp()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `${mht.spec}:23:3 unknown-environment /environments: --to prodution is not an environment of the spec or an alias of one (did you mean production?) (expected production (prod, prd), staging (stg, stage))\nenvgate: unknown environment 'prodution'`,
    );
    const dir = tmp();
    const bad = write(dir, 'waivers.yaml', 'version: 1\nwaivers:\n  - rule: x\n    resource: "*"\n    reason: r\n    owner: o\n    expires: 2025-02-30\n');
    const r = await run(gateArgs(tmp(), '--waivers', bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${bad}:7:14 bad-date /waivers/0/expires: '2025-02-30' is not a calendar date (expected YYYY-MM-DD)\nenvgate: ${bad}: 1 problem in the waivers file`);
    const notReport = await run(gateArgs(tmp(), '--baseline', mht.snapshot));
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toBe(
      `${mht.snapshot}:1:1 not-a-report: not an envgate report (no tool.name "envgate" or no results) (expected an envgate.json report)\nenvgate: ${mht.snapshot}: not an envgate JSON report this version can read`,
    );
  });
});

describe('envgate gate: data that could not be collected', () => {
  // mht-api's snapshot with one failed detail call: checks on S3 encryption cannot run.
  function incompleteSnapshot(): string {
    const snap = readJson(mht.snapshot);
    snap.errors = [{ accountId: '123456789012', region: 'us-west-2', service: 's3', operation: 'GetBucketEncryption', code: 'AccessDenied', message: 'denied', affects: ['AWS::S3::Bucket'] }];
    return write(tmp(), 'snapshot.json', JSON.stringify(snap));
  }
  const args = (snapshot: string, out: string, ...extra: string[]) => ['gate', '--spec', mht.spec, '--snapshot', snapshot, '--from', 'staging', '--to', 'production', '--out', out, ...extra];

  it('is incomplete (exit 3) without --allow-incomplete, and passes with it', async () => {
    const snapshot = incompleteSnapshot();
    const out = tmp();
    const r = await run(args(snapshot, out, '--fail-on', 'none'));
    expect(r.code).toBe(3);
    // After the reports line: the cause, the verdict, the counts; then each unevaluated check.
    expect(r.stderr.split('\n').slice(1, 6)).toEqual([
      'envgate gate: collection error cause: access denied on s3 (AccessDenied): 1 error(s) in 1 account(s), 1 region(s); services s3',
      'envgate gate staging -> production: INCOMPLETE (exit 3)',
      '  0 blocking findings at or above (fail-on none); 0 waived, 0 in baseline, 10 below threshold',
      '  incomplete: 31 check(s) not evaluated, 1 collection error(s)',
      '  ? isolation-resource-policies arn:aws:s3:::mht-api-production-access-logs: collection error s3:GetBucketEncryption AccessDenied in 123456789012/us-west-2: denied',
    ]);
    const gate = readJson(path.join(out, 'envgate-gate.json'));
    // The three production buckets' S3 checks (their two resource-policy checks and the storage bucket's Intelligent-Tiering included) and the parity checks that read them.
    expect([gate.notEvaluated, gate.collectionErrors]).toEqual([31, 1]);
    expect((await run(args(snapshot, tmp(), '--fail-on', 'none', '--allow-incomplete'))).code).toBe(0);
  });

  it('blocking findings win over incompleteness (exit 1)', async () => {
    const r = await run(args(incompleteSnapshot(), tmp(), '--fail-on', 'high'));
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'envgate gate: collection error cause: access denied on s3 (AccessDenied): 1 error(s) in 1 account(s), 1 region(s); services s3',
      'envgate gate staging -> production: BLOCKED (exit 1)',
      '  6 blocking findings at or above high; 0 waived, 0 in baseline, 4 below threshold',
    ]);
    // The six blocking findings come first, then what could not be evaluated.
    expect(lines.slice(4, 10).map((l) => l.split(' ').slice(0, 6).join(' '))).toEqual([
      '  - critical isolation-iam-grants arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team',
      '  - high access-matrix arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team',
      '  - high attribution-conflict arn:aws:sqs:us-west-2:123456789012:mht-api-staging-events',
      '  - high cloudtrail-per-environment arn:aws:envgate:::environment/production',
      '  - high isolation-network-paths arn:aws:ec2:us-west-2:123456789012:security-group/sg-0eb8c0df16328d86b',
      '  - high isolation-shared-resources arn:aws:sns:us-west-2:123456789012:production-alerts',
    ]);
    expect(lines[10]).toBe('  incomplete: 31 check(s) not evaluated, 1 collection error(s)');
  });
});
