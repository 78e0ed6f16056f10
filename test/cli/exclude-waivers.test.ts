// The spec's exclude section in scan and gate, and scan --waivers (fixture mht-api).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readJson, run, tmp, waiversFor, write } from './gate-helpers.js';

const mht = fixture('mht-api');
const ROLE = 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team';
const QUEUE = 'arn:aws:sqs:us-west-2:123456789012:mht-api-staging-events';

/** mht-api's spec with an exclude section appended; returns its path. */
function specWith(exclude: string): string {
  const dir = tmp();
  return write(dir, 'envgate.yaml', `${readFileSync(mht.spec, 'utf8')}\nexclude:\n${exclude}`);
}

interface Report {
  summary: { blocking: number; totals: { waived: number } };
  results: { ruleId: string; status: string; fingerprint: string; waived: boolean; resource: { arn: string } }[];
  excluded: { arn: string; reason: string; owner?: string; expires?: string; specLocation: { file: string; line: number; path: string } }[];
}

const scan = (spec: string, out: string, ...extra: string[]) => run(['scan', '--spec', spec, '--snapshot', mht.snapshot, '--out', out, ...extra]);

describe('exclude in scan and gate', () => {
  const EXCLUDE = `  - type: AWS::IAM::Role
    name: mht-api-staging-hotfix-*
    reason: break-glass role, reviewed by security (SEC-12)
    owner: security
    expires: 2025-06-30
  - arn: "${QUEUE}"
    reason: queue of the v1 API, deleted next sprint
  - name: nothing-matches-*
    reason: gone
`;

  it('scan: excluded resources give no result, every report lists them, an unused exclusion is a notice', async () => {
    const spec = specWith(EXCLUDE);
    const out = tmp();
    const r = await scan(spec, out);
    expect(r.code).toBe(1); // four high findings remain (network path, shared topic, each environment's trail)
    const report = readJson<Report>(path.join(out, 'envgate.json'));
    expect(report.results.filter((x) => x.resource.arn === ROLE || x.resource.arn === QUEUE)).toEqual([]);
    expect(report.summary.blocking).toBe(4);
    expect(report.excluded.map((x) => [x.arn, x.reason, x.owner, x.expires, x.specLocation.path])).toEqual([
      [ROLE, 'break-glass role, reviewed by security (SEC-12)', 'security', '2025-06-30', '/exclude/0'],
      [QUEUE, 'queue of the v1 API, deleted next sprint', undefined, undefined, '/exclude/1'],
    ]);
    expect(report.excluded[0]!.specLocation.file).toBe(path.relative(process.cwd(), spec).split(path.sep).join('/'));
    const md = readFileSync(path.join(out, 'envgate.md'), 'utf8');
    expect(md).toContain('## Excluded from scope');
    expect(md).toContain('break-glass role, reviewed by security (SEC-12) | security | 2025-06-30 |');
    const sarif = readFileSync(path.join(out, 'envgate.sarif'), 'utf8');
    expect(sarif).not.toContain(QUEUE);
    expect(r.stderr).toMatch(/envgate: exclusion .*envgate\.yaml:\d+ matches no resource/);
    expect(r.stderr).toContain('0 waived, 2 resource(s) excluded by the spec;');
  });

  it('gate: an excluded resource no longer blocks; the gate report lists the target\'s exclusions', async () => {
    const base = tmp();
    const before = await run(['gate', '--spec', mht.spec, '--snapshot', mht.snapshot, '--from', 'staging', '--to', 'production', '--out', base]);
    expect(before.code).toBe(1);
    expect(readJson<{ blocking: { arn: string }[] }>(path.join(base, 'envgate-gate.json')).blocking.map((b) => b.arn)).toContain(ROLE);
    const out = tmp();
    await run(['gate', '--spec', specWith(EXCLUDE), '--snapshot', mht.snapshot, '--from', 'staging', '--to', 'production', '--out', out]);
    expect(readJson<{ blocking: { arn: string }[] }>(path.join(out, 'envgate-gate.json')).blocking.map((b) => b.arn)).not.toContain(ROLE);
    // The role is staging's: a gate into production lists only production's and unattributed exclusions (the queue).
    expect(readJson<Report>(path.join(out, 'envgate.json')).excluded.map((x) => x.arn)).toEqual([QUEUE]);
  });

  it('an expired exclusion is a warning and its resources are checked again', async () => {
    const out = tmp();
    const r = await scan(specWith(`  - arn: "${QUEUE}"\n    reason: r\n    expires: 2024-12-31\n`), out);
    expect(r.stderr).toMatch(/envgate: exclusion .*envgate\.yaml:\d+ expired on 2024-12-31: its 1 resource\(s\) are checked again/);
    const report = readJson<Report>(path.join(out, 'envgate.json'));
    expect(report.excluded).toEqual([]);
    expect(report.results.some((x) => x.resource.arn === QUEUE && x.ruleId === 'attribution-conflict' && x.status === 'fail')).toBe(true);
  });

  it('a bad exclusion is exit 2 with file, line and field', async () => {
    const spec = specWith('  - name: "re:("\n    reason: r\n    expires: 2025-13-01\n');
    const r = await scan(spec, tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/envgate\.yaml:\d+:11 pattern \/exclude\/0\/name/);
    expect(r.stderr).toMatch(/envgate\.yaml:\d+:14 date \/exclude\/0\/expires/);
  });
});

describe('scan --waivers', () => {
  async function blockingFingerprints(): Promise<string[]> {
    const out = tmp();
    await scan(mht.spec, out);
    const report = readJson<Report>(path.join(out, 'envgate.json'));
    return report.results.filter((x) => x.status === 'fail' && ['critical', 'high'].includes((x as unknown as { severity: string }).severity)).map((x) => x.fingerprint);
  }

  it('waived findings are marked as the gate marks them and do not make the scan exit 1', async () => {
    const fps = await blockingFingerprints();
    expect(fps).toHaveLength(7);
    const dir = tmp();
    const out = tmp();
    const r = await scan(mht.spec, out, '--waivers', write(dir, 'waivers.yaml', waiversFor(fps, () => '2025-06-30')));
    expect(r.code).toBe(0);
    const report = readJson<Report>(path.join(out, 'envgate.json'));
    expect(report.summary.blocking).toBe(0);
    expect(report.summary.totals.waived).toBe(7);
    expect(report.results.filter((x) => x.waived).map((x) => x.fingerprint).sort()).toEqual([...fps].sort());
    expect(r.stderr).toContain('7 waived');
  });

  it('an expired waiver no longer covers its finding: exit 1, and the scan says which waiver', async () => {
    const fps = await blockingFingerprints();
    const dir = tmp();
    const file = write(dir, 'waivers.yaml', waiversFor(fps, (i) => (i === 0 ? '2024-12-31' : '2025-06-30')));
    const r = await scan(mht.spec, tmp(), '--waivers', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`waiver w0 (${file}:3, owner platform) expired on 2024-12-31: 1 finding(s) count again`);
  });

  it('a bad waivers file is exit 2, located, before any evaluation', async () => {
    const dir = tmp();
    const bad = write(dir, 'waivers.yaml', 'version: 1\nwaivers:\n  - rule: x\n    resource: "*"\n    reason: r\n    owner: o\n    expires: 2025-02-30\n');
    const r = await scan(mht.spec, tmp(), '--waivers', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7:14 bad-date`);
  });
});
