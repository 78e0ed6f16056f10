import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, readJson, run, tmp, write } from './gate-helpers.js';

const mht = fixture('mht-api');

describe('envgate diff', () => {
  it('lists new, resolved, unchanged and gone findings in text, JSON and Markdown; --fail-on-new exits 1', async () => {
    const dir = tmp();
    expect((await run(['scan', '--spec', mht.spec, '--snapshot', mht.snapshot, '--out', dir, '--format', 'json', '--fail-on', 'none'])).code).toBe(0);
    const now = path.join(dir, 'envgate.json');
    const report = readJson(now);
    const fails = report.results.filter((r: { status: string }) => r.status === 'fail');
    expect(fails.length).toBeGreaterThan(1);
    // Yesterday: the first failure did not exist yet; a check passing now failed; and a
    // finding on a resource the complete scan no longer finds.
    const older = structuredClone(report);
    const passing = report.results.find((r: { status: string }) => r.status === 'pass');
    older.results = older.results.filter((r: { fingerprint: string }) => r.fingerprint !== fails[0].fingerprint && r.fingerprint !== passing.fingerprint);
    older.results.push({ ...passing, status: 'fail' });
    older.results.push({ ...fails[1], fingerprint: 'f'.repeat(32), resource: { ...fails[1].resource, arn: 'arn:aws:s3:::gone' } });
    const old = write(dir, 'old.json', JSON.stringify(older));

    const json = await run(['diff', old, now, '--format', 'json']);
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout);
    expect(d.new.map((e: { fingerprint: string }) => e.fingerprint)).toEqual([fails[0].fingerprint]);
    expect(d.resolved.map((e: { fingerprint: string }) => e.fingerprint)).toEqual([passing.fingerprint]);
    expect(d.gone.map((e: { arn: string }) => e.arn)).toEqual(['arn:aws:s3:::gone']);
    expect(d.counts.unchanged).toBe(fails.length - 1);

    expect((await run(['diff', old, now])).stdout.split('\n')[0]).toBe(`envgate diff: 1 new, 1 resolved, ${fails.length - 1} unchanged, 0 no longer evaluated, 1 resource gone`);
    expect((await run(['diff', old, now, '--format', 'md'])).stdout).toMatch(/^## envgate: 1 new/);
    expect((await run(['diff', old, now, '--fail-on-new'])).code).toBe(1);
    expect((await run(['diff', now, now, '--fail-on-new'])).code).toBe(0);
  });

  it('exit 2 with a located error for a file that is not a report', async () => {
    const dir = tmp();
    const bad = write(dir, 'bad.json', '{\n  "schemaVersion": 1,\n  "tool": }\n');
    const r = await run(['diff', bad, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3:11 json-syntax`);
  });
});

describe('envgate diff of two systems', () => {
  it('refuses reports of different systems, as merge does', async () => {
    const dir = tmp();
    expect((await run(['scan', '--spec', mht.spec, '--snapshot', mht.snapshot, '--out', dir, '--format', 'json', '--fail-on', 'none'])).code).not.toBe(2);
    const now = path.join(dir, 'envgate.json');
    const other = readJson(now);
    other.run.spec.system = 'another-system';
    const old = write(dir, 'other.json', JSON.stringify(other));
    const r = await run(['diff', old, now]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${now}:1:1 system-mismatch /run/spec/system: a report of system 'mht-api', not 'another-system' as ${old} (expected another-system)`);
  });
});
