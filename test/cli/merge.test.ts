// Shards of an organisation-wide scan: per-account snapshots of the 3mtt-chatbot fixture
// (three accounts: development, staging, production), merged two ways.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/snapshot.js';
import { fixture, readJson, run, tmp, write } from './gate-helpers.js';

const f = fixture('3mtt-chatbot');

function shards(dir: string): string[] {
  const s = JSON.parse(readFileSync(f.snapshot, 'utf8')) as Snapshot;
  return s.metadata.accounts.map((a, i) => {
    const part: Snapshot = {
      ...s,
      // API calls belong to one shard each, so their sum is the whole's.
      metadata: { ...s.metadata, accounts: [a], apiCalls: i === 0 ? s.metadata.apiCalls : {}, coverage: s.metadata.coverage.filter((c) => c.accountId === a) },
      resources: s.resources.filter((r) => r.accountId === a),
      principals: s.principals.filter((p) => p.accountId === a),
      policies: s.policies,
      costs: s.costs.filter((c) => c.accountId === a),
      errors: s.errors.filter((e) => e.accountId === a),
    };
    return write(dir, `shard-${a}.json`, JSON.stringify(part));
  });
}

async function scan(snapshot: string, out: string) {
  return run(['scan', '--spec', f.spec, '--snapshot', snapshot, '--out', out, '--format', 'json', '--fail-on', 'none']);
}

describe('envgate merge', () => {
  it('merged snapshots evaluate to exactly the single scan of the union', async () => {
    const dir = tmp();
    const parts = shards(dir);
    expect(parts.length).toBe(3);
    const merged = path.join(dir, 'merged');
    expect((await run(['merge', ...parts, '--out', merged])).code).toBe(0);
    const whole = path.join(dir, 'whole');
    const union = path.join(dir, 'union');
    await scan(f.snapshot, whole);
    await scan(path.join(merged, 'snapshot.json'), union);
    const a = readJson(path.join(whole, 'envgate.json'));
    const b = readJson(path.join(union, 'envgate.json'));
    expect(b.results).toEqual(a.results);
    expect(b.accessMatrix).toEqual(a.accessMatrix);
    expect(b.costs).toEqual(a.costs);
    expect(b.summary).toEqual(a.summary);
    expect(b.run.apiCalls).toEqual(a.run.apiCalls);
  });

  it('merged report shards agree with the single scan; checks needing several shards become not-evaluated', async () => {
    const dir = tmp();
    const parts = shards(dir);
    const reports = [];
    for (const p of parts) {
      const out = path.join(dir, path.basename(p, '.json'));
      await scan(p, out);
      reports.push(path.join(out, 'envgate.json'));
    }
    const whole = path.join(dir, 'whole');
    await scan(f.snapshot, whole);
    const merged = path.join(dir, 'merged');
    const r = await run(['merge', ...reports, '--out', merged, '--format', 'json,sarif,md', '--fail-on', 'none']);
    expect([0, 3]).toContain(r.code);
    const a = readJson(path.join(whole, 'envgate.json'));
    const b = readJson(path.join(merged, 'envgate.json'));
    const key = (x: unknown) => JSON.stringify(x);
    const wholeSet = new Set(a.results.map(key));
    const notEvaluated = new Set(b.results.filter((x: { status: string }) => x.status === 'not-evaluated').map((x: { fingerprint: string }) => x.fingerprint));
    // Every pass and fail of the merge is exactly what the single scan says...
    for (const x of b.results.filter((y: { status: string }) => y.status !== 'not-evaluated')) expect(wholeSet.has(key(x))).toBe(true);
    // ...and every result of the single scan is in the merge, or its check is not-evaluated there (never a wrong pass).
    const mergedSet = new Set(b.results.map(key));
    const missing = a.results.filter((x: { fingerprint: string }) => !mergedSet.has(key(x)));
    for (const x of missing) expect(notEvaluated.has(x.fingerprint)).toBe(true);
    // Only checks that span accounts or shards end up undecided (an environment's zone count reads every shard's subnets and instances).
    for (const x of missing) expect(['parity', 'isolation', 'access', 'compute', 'cost', 'network']).toContain(x.category);
    expect(missing.length).toBeLessThan(a.results.length / 10);
    expect(b.run.accounts).toEqual(a.run.accounts);
    expect(b.run.apiCalls).toEqual(a.run.apiCalls);
    expect(readFileSync(path.join(merged, 'envgate.sarif'), 'utf8')).toContain('"version": "2.1.0"');
  });

  it('exit 2 when shards come from different specs or mix reports and snapshots', async () => {
    const dir = tmp();
    const parts = shards(dir);
    const out = path.join(dir, 'r');
    await scan(parts[0]!, out);
    const report = path.join(out, 'envgate.json');
    expect((await run(['merge', report, parts[1]!, '--out', path.join(dir, 'x')])).code).toBe(2);
    const other = readJson(report);
    other.run.spec.sha256 = '0'.repeat(64);
    const otherFile = write(dir, 'other.json', JSON.stringify(other));
    const r = await run(['merge', report, otherFile, '--out', path.join(dir, 'y')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spec-mismatch');
  });
});
