// The shard list `--shards` reads (files as given, a directory's *.json files, sorted) and
// the check that the shards did not change between the index pass and the windows.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluateShards, readShardIndex, shardFiles } from '../../src/gate/sharded-scan.js';
import { InputError } from '../../src/model/diagnostics.js';
import { loadRules } from '../../src/rules/load.js';
import { syntheticSnapshot, syntheticSpec } from '../../bench/synthetic.js';
import { shardOf } from '../../bench/shard-files.js';
import { tempDir } from '../helpers/tmp.js';

describe('shardFiles', () => {
  it("keeps files as given and a directory's *.json files only, sorted, each once", () => {
    const dir = tempDir('envgate-shard-files-');
    const sub = path.join(dir, 'shards');
    mkdirSync(sub);
    for (const f of ['b.json', 'a.json', 'notes.txt', 'c.json.orig']) writeFileSync(path.join(sub, f), '{}');
    const loose = path.join(dir, 'z-loose.json');
    writeFileSync(loose, '{}');
    expect(shardFiles([loose, sub, path.join(sub, 'a.json')])).toEqual([path.join(sub, 'a.json'), path.join(sub, 'b.json'), loose]);
  });

  it('keeps a missing file for the snapshot reader to report', () => {
    expect(shardFiles(['no-such-shard.json'])).toEqual(['no-such-shard.json']);
  });

  it('names every entry given when none holds a snapshot file', () => {
    const a = tempDir('envgate-shard-a-');
    const b = tempDir('envgate-shard-b-');
    expect(() => shardFiles([a, b])).toThrow(new InputError(`--shards ${a} ${b}: no snapshot files (*.json) found`));
  });
});

describe('evaluateShards: shards changed after the index pass', () => {
  const rules = loadRules([]);
  const spec = syntheticSpec();
  const now = new Date('2026-06-01T00:00:00Z');

  async function indexed(name: string) {
    const dir = tempDir(`envgate-${name}-`);
    const s = syntheticSnapshot(40);
    for (let i = 0; i < 2; i++) await writeSnapshot(path.join(dir, `shard-${i}.json`), shardOf(s, i, 2));
    return { dir, s, index: readShardIndex(shardFiles([dir]), rules, spec) };
  }

  it('a shard with fewer resources than indexed is an input error', async () => {
    const { dir, s, index } = await indexed('shrunk');
    const cut = shardOf(s, 1, 2);
    await writeSnapshot(path.join(dir, 'shard-1.json'), { ...cut, resources: cut.resources.slice(0, -1) });
    expect(() => evaluateShards({ spec, index, rules, now })).toThrow(new InputError('the shards changed while they were evaluated: run the scan again'));
  });

  it('a shard whose resource is another than indexed names it', async () => {
    const { dir, s, index } = await indexed('swapped');
    const cut = shardOf(s, 0, 2);
    const first = cut.resources[0]!;
    const other = { ...first, arn: `${first.arn}-other` };
    await writeSnapshot(path.join(dir, 'shard-0.json'), { ...cut, resources: [other, ...cut.resources.slice(1)] });
    expect(() => evaluateShards({ spec, index, rules, now })).toThrow(new InputError(`the shards changed while they were evaluated (at ${other.arn}): run the scan again`));
  });
});
