// Writes the synthetic estate of N resources as K snapshot shards, for the merge and
// sharded-scan measurements: `node --import tsx bench/shard-files.ts N K DIR` ->
// DIR/envgate.yaml and DIR/shards-N-K/shard-NN.json. Resources are dealt round-robin
// (resource i to shard i mod K), so every shard holds part of every account and the
// relations cross shards; principals go to the shard of their index the same way, API
// calls to the first shard. Each shard is written and dropped before the next is built,
// but the whole estate is generated in memory first (about 1.5 GB at a million).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { writeSnapshot } from '../src/collect/snapshot-io.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { syntheticSnapshot, syntheticSpec } from './synthetic.js';

export function shardDir(dir: string, n: number, k: number): string {
  return path.join(dir, `shards-${n}-${k}`);
}

/** Shard `i` of `k` of a snapshot (round-robin over resources and principals). */
export function shardOf(s: Snapshot, i: number, k: number): Snapshot {
  return {
    ...s,
    metadata: { ...s.metadata, apiCalls: i === 0 ? s.metadata.apiCalls : {} },
    resources: s.resources.filter((_, j) => j % k === i),
    principals: s.principals.filter((_, j) => j % k === i),
  };
}

const [n, k, dir] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && n !== undefined && k !== undefined && dir !== undefined) {
  const out = shardDir(dir, Number(n), Number(k));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(dir, 'envgate.yaml'), stringify(syntheticSpec().spec));
  const whole = syntheticSnapshot(Number(n));
  for (let i = 0; i < Number(k); i++) await writeSnapshot(path.join(out, `shard-${String(i).padStart(2, '0')}.json`), shardOf(whole, i, Number(k)));
}
