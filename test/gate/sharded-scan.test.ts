// A scan over shards gives the evaluation a single scan of the merged snapshot gives:
// every result, pass count, access cell, cost, attribution and exclusion, for the four
// documented systems split into shards (round-robin, so relations cross shards) and a
// synthetic four-account estate in windows smaller than a shard; through the CLI, the
// same JSON report but for the snapshot's file name.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import { readSnapshot, writeSnapshot } from '../../src/collect/snapshot-io.js';
import { canonicalSnapshot } from '../../src/collect/snapshot-order.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { evaluateShards, readShardIndex, shardFiles } from '../../src/gate/sharded-scan.js';
import { mergeSnapshotFiles } from '../../src/gate/merge-snapshots.js';
import type { Evaluation } from '../../src/model/result.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { syntheticSnapshot, syntheticSpec } from '../../bench/synthetic.js';
import { orgShard, orgSpec, shardOf } from '../../bench/shard-files.js';
import { tempDir } from '../helpers/tmp.js';

const ENV = { SOURCE_DATE_EPOCH: '1793512800', NO_COLOR: '1' };
const SYSTEMS = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'];
const dir = tempDir('envgate-sharded-');
const rules = loadRules([]);

/** Every part of an evaluation a report shows, as text. */
const whole = (e: Evaluation) =>
  JSON.stringify({ results: e.results, rules: e.rules, passCounts: e.passCounts, accessMatrix: e.accessMatrix, costs: e.costs, attribution: e.attribution, excluded: e.excluded, notices: e.exclusionNotices });

async function writeShards(s: Snapshot, k: number, name: string): Promise<string> {
  const out = path.join(dir, name);
  mkdirSync(out, { recursive: true });
  for (let i = 0; i < k; i++) await writeSnapshot(path.join(out, `shard-${i}.json`), shardOf(s, i, k));
  return out;
}

async function scanJson(args: string[]): Promise<{ code: number; report: Record<string, { snapshot?: Record<string, unknown> } & Record<string, unknown>>; stderr: string[] }> {
  const out = memoryOutput();
  const code = await main(['scan', ...args, '--format', 'json', '--out', '-', '--fail-on', 'none'], ENV, out);
  return { code, report: JSON.parse(out.stdout.join('\n')) as never, stderr: out.stderr };
}

describe('scan --shards', () => {
  it.each(SYSTEMS)('%s in 3 shards: the JSON report of the merged snapshot, but its file name', async (system) => {
    const spec = `fixtures/${system}/envgate.yaml`;
    const shards = await writeShards(readSnapshot(`fixtures/${system}/snapshot.json`), 3, system);
    const merged = path.join(dir, `${system}-merged.json`);
    await mergeSnapshotFiles(shardFiles([shards]), merged);
    const a = await scanJson(['--spec', spec, '--snapshot', merged]);
    const b = await scanJson(['--spec', spec, '--shards', shards]);
    expect(b.code).toBe(a.code);
    expect(b.stderr).toEqual(a.stderr);
    expect(a.report.run!.snapshot!.file).toBe(path.relative(process.cwd(), merged));
    expect(b.report.run!.snapshot!.file).toBeUndefined();
    delete a.report.run!.snapshot!.file;
    expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report));
  });

  it.each([
    ['summary', 7, 1000],
    ['all', 5, 333],
  ] as const)('a synthetic estate of 12,000 in %s mode, %i shards, windows of %i: the merged evaluation', async (passes, k, window) => {
    const spec = syntheticSpec();
    const s = syntheticSnapshot(12_000);
    const shards = await writeShards(s, k, `synthetic-${passes}`);
    const now = new Date('2026-06-01T00:00:00Z');
    const index = readShardIndex(shardFiles([shards]), rules, spec);
    expect(index.snapshot.resources.length).toBe(12_000);
    const sharded = evaluateShards({ spec, index, rules, now, passes, window });
    const merged = path.join(dir, `synthetic-${passes}.json`);
    await mergeSnapshotFiles(shardFiles([shards]), merged);
    const single = evaluate({ spec, snapshot: canonicalSnapshot(readSnapshot(merged)), rules, now, passes });
    expect(sharded.results.length).toBe(single.results.length);
    const differs = sharded.results.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(single.results[i]));
    expect(differs === -1 ? undefined : [sharded.results[differs], single.results[differs]]).toBeUndefined();
    expect(whole(sharded)).toBe(whole(single));
    // The index cuts configs to what the analyses read: 89% of the records' JSON here (the built-in analyses read most config).
    const size = (x: unknown) => JSON.stringify(x).length;
    expect(size(index.snapshot.resources)).toBeLessThan(size(readSnapshot(merged).resources) * 0.9);
  });

  it('gate --shards: the same verdict and JSON report as gate --snapshot of the merged shards', async () => {
    const spec = 'fixtures/mht-api/envgate.yaml';
    const shards = await writeShards(readSnapshot('fixtures/mht-api/snapshot.json'), 2, 'mht-gate');
    const merged = path.join(dir, 'mht-gate-merged.json');
    await mergeSnapshotFiles(shardFiles([shards]), merged);
    const gate = async (input: string[]) => {
      const out = memoryOutput();
      const code = await main(['gate', '--spec', spec, '--from', 'staging', '--to', 'production', ...input, '--format', 'json', '--out', '-'], ENV, out);
      const report = JSON.parse(out.stdout.join('\n')) as { run: { snapshot: { file?: string } } };
      delete report.run.snapshot.file;
      return { code, report: JSON.stringify(report) };
    };
    const a = await gate(['--snapshot', merged]);
    const b = await gate(['--shards', shards]);
    expect(a.code).toBe(1);
    expect(b).toEqual(a);
  });

  it('an organisation of 3 estates in 12 accounts, a shard each: the merged evaluation', async () => {
    const k = 3;
    const out = path.join(dir, 'org');
    mkdirSync(out, { recursive: true });
    for (let i = 0; i < k; i++) await writeSnapshot(path.join(out, `shard-${i}.json`), orgShard(2000, i));
    const loaded = { ...syntheticSpec(), spec: orgSpec(k) };
    expect(Object.values(loaded.spec.environments).map((e) => e.accounts.length)).toEqual([3, 3, 3, 3]);
    const now = new Date('2026-06-01T00:00:00Z');
    const index = readShardIndex(shardFiles([out]), rules, loaded);
    expect(index.snapshot.metadata.accounts.length).toBe(12);
    expect(index.snapshot.resources.length).toBe(6000);
    const merged = path.join(dir, 'org-merged.json');
    await mergeSnapshotFiles(shardFiles([out]), merged);
    const single = evaluate({ spec: loaded, snapshot: canonicalSnapshot(readSnapshot(merged)), rules, now, passes: 'all' });
    expect(whole(evaluateShards({ spec: loaded, index, rules, now, passes: 'all', window: 700 }))).toBe(whole(single));
  });

  it('--shards with --snapshot is a usage error; a directory without shards an input error', async () => {
    const out = memoryOutput();
    expect(await main(['scan', '--spec', 'fixtures/mht-api/envgate.yaml', '--snapshot', 'fixtures/mht-api/snapshot.json', '--shards', 'x.json'], ENV, out)).toBe(2);
    expect(out.stderr.join('\n')).toContain('--shards and --snapshot: give one of them');
    const empty = tempDir('envgate-no-shards-');
    const out2 = memoryOutput();
    expect(await main(['scan', '--spec', 'fixtures/mht-api/envgate.yaml', '--shards', empty], ENV, out2)).toBe(2);
    expect(out2.stderr.join('\n')).toContain(`--shards ${empty}: no snapshot files (*.json) found`);
  });
});
