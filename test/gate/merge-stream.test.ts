// The streamed snapshot merge: the bytes writeSnapshot(mergeSnapshots(...)) gives, from
// files read record by record, for many shards, a shard out of ARN order, twice-seen
// resources, and a reading window smaller than one record; bad shards are located errors.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamJsonFile } from '../../src/collect/json-stream.js';
import { serializeSnapshot, writeSnapshot } from '../../src/collect/snapshot-io.js';
import { mergeSnapshotFiles, mergeSnapshots } from '../../src/gate/merge-snapshots.js';
import { InputError } from '../../src/model/diagnostics.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import { tempDir } from '../helpers/tmp.js';
import { syntheticSnapshot } from '../../bench/synthetic.js';
import { shardOf } from '../../bench/shard-files.js';

const dir = tempDir('envgate-merge-stream-');

/** A global resource every shard saw, each with its own name: the merge keeps one copy. */
const global = (name: string): Resource => ({ arn: 'arn:aws:iam::100000000001:role/shared', accountId: '100000000001', region: 'global', type: 'AWS::IAM::Role', name, id: 'shared', tags: {}, config: {}, relations: [] });

describe('mergeSnapshotFiles', () => {
  it('25 shards of 3,000 resources: the same bytes as the in-memory merge, each ARN once', async () => {
    const whole = syntheticSnapshot(3000);
    const shards: Snapshot[] = [];
    const files: string[] = [];
    for (let i = 0; i < 25; i++) {
      const s = shardOf(whole, i, 25);
      // The shared role sorts among the other ARNs, so the streams must interleave around it.
      const withGlobal = { ...s, resources: [...s.resources, global(`copy-${String(24 - i).padStart(2, '0')}`)].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)) };
      shards.push(withGlobal);
      const file = path.join(dir, `shard-${String(i).padStart(2, '0')}.json`);
      await writeSnapshot(file, withGlobal);
      files.push(file);
    }
    const target = path.join(dir, 'merged.json');
    const out = await mergeSnapshotFiles(files, target);
    expect(out.resources).toBe(3001);
    expect(out.accounts).toEqual(['100000000001', '100000000002', '100000000003', '100000000004']);
    const expected = serializeSnapshot(mergeSnapshots(shards.map((snapshot, i) => ({ file: files[i]!, snapshot }))));
    expect(readFileSync(target, 'utf8')).toBe(expected);
    // The least copy by its JSON text: shard 24 named it copy-00.
    const merged = JSON.parse(expected) as Snapshot;
    expect(merged.resources.filter((r) => r.arn === 'arn:aws:iam::100000000001:role/shared').map((r) => r.name)).toEqual(['copy-00']);
  });

  it('a shard out of ARN order, not canonical JSON, is sorted alone and merged the same', async () => {
    const base = syntheticSnapshot(200);
    const a = shardOf(base, 0, 2);
    const b = shardOf(base, 1, 2);
    const fa = path.join(dir, 'a.json');
    const fb = path.join(dir, 'b.json');
    writeFileSync(fa, JSON.stringify({ ...a, resources: [...a.resources].reverse() }));
    await writeSnapshot(fb, b);
    const target = path.join(dir, 'ab.json');
    expect((await mergeSnapshotFiles([fa, fb], target)).resources).toBe(200);
    expect(readFileSync(target, 'utf8')).toBe(serializeSnapshot(mergeSnapshots([{ file: fa, snapshot: a }, { file: fb, snapshot: b }])));
  });

  it('a reading window of 7 bytes gives every member and record as JSON.parse does', async () => {
    const file = path.join(dir, 'small.json');
    await writeSnapshot(file, syntheticSnapshot(60));
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>;
    const got: Record<string, unknown> = {};
    for (const ev of streamJsonFile(file, { chunkBytes: 7 })) {
      if (ev.kind === 'member') got[ev.key] = ev.value;
      else if (ev.kind === 'element') ((got[ev.key] ??= []) as unknown[]).push(ev.value);
      else got[ev.key] ??= [];
    }
    expect(got).toEqual(parsed);
    expect((got.resources as unknown[]).length).toBe(60);
  });

  it('a bad record names its file, line and path; bad JSON its line', async () => {
    const good = syntheticSnapshot(2);
    const [r0, r1] = good.resources;
    const head = JSON.stringify({ ...good, resources: undefined, principals: [] }).slice(0, -1);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, `${head},"resources":[\n${JSON.stringify(r0)},\n${JSON.stringify({ ...r1, type: 5 })}\n]}\n`);
    const caught = await mergeSnapshotFiles([bad], path.join(dir, 'x.json')).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toBe(`${bad} is not a valid envgate snapshot`);
    expect((caught as InputError).diagnostics).toEqual([{ file: bad, line: 3, column: 1, path: '/resources/1/type', code: 'schema-type', message: 'must be string', expected: 'string' }]);

    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, `${head},"resources":[\n${JSON.stringify(r0)},\n{"arn": }\n]}\n`);
    const err = await mergeSnapshotFiles([broken], path.join(dir, 'y.json')).catch((e: unknown) => e);
    expect((err as InputError).message).toBe(`${broken} is not valid JSON`);
    expect((err as InputError).diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[3, 1, 'invalid-json']]);
  });
});
