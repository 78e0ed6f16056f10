// Writes the synthetic estate of N resources as K snapshot shards, for the merge and
// sharded-scan measurements: `node --import tsx bench/shard-files.ts N K DIR` ->
// DIR/envgate.yaml and DIR/shards-N-K/shard-NN.json; `--org N K DIR` writes an
// organisation of K estates of N resources instead (orgShard), one shard in memory at a time. Resources are dealt round-robin
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
import type { Spec } from '../src/model/spec.js';
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

/** Account `e` (0-3, one per environment) of organisation shard `i`: 12 digits. */
export function orgAccount(i: number, e: number): string {
  return `${String(i + 1).padStart(8, '0')}000${e + 1}`;
}

const SYNTHETIC_ACCOUNTS = ['100000000001', '100000000002', '100000000003', '100000000004'];

/**
 * Shard `i` of an organisation: the synthetic estate of `n` resources in four accounts of
 * its own (orgAccount), its services renamed apart (`svcNN-`), so no two shards share an
 * ARN. Made from text, one shard at a time: the whole organisation is never in memory.
 */
export function orgShard(n: number, i: number): Snapshot {
  let text = JSON.stringify(syntheticSnapshot(n));
  SYNTHETIC_ACCOUNTS.forEach((a, e) => (text = text.split(a).join(orgAccount(i, e))));
  text = text.split('-svc').join(`-svc${String(i).padStart(3, '0')}-`);
  return JSON.parse(text) as Snapshot;
}

/** The synthetic spec for an organisation of `k` shards: each environment's accounts in every shard, alarm topics in any account. */
export function orgSpec(k: number): Spec {
  const spec = structuredClone(syntheticSpec().spec);
  Object.values(spec.environments).forEach((env, e) => {
    env.accounts = Array.from({ length: k }, (_, i) => ({ id: orgAccount(i, e) }));
    if (env.monitoring) env.monitoring.alarmActions = (env.monitoring.alarmActions ?? []).map((a) => a.replace(/:\d{12}:/, ':*:'));
  });
  return spec;
}

const args = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && args[0] === '--org' && args.length === 4) {
  // `--org N K DIR`: K shards of N resources each (DIR/org.yaml, DIR/org-N-K/shard-NNN.json).
  const [, n, k, dir] = args as [string, string, string, string];
  const out = path.join(dir, `org-${n}-${k}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(dir, 'org.yaml'), stringify(orgSpec(Number(k))));
  for (let i = 0; i < Number(k); i++) await writeSnapshot(path.join(out, `shard-${String(i).padStart(3, '0')}.json`), orgShard(Number(n), i));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && args.length === 3) {
  const [n, k, dir] = args as [string, string, string];
  const out = shardDir(dir, Number(n), Number(k));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(dir, 'envgate.yaml'), stringify(syntheticSpec().spec));
  const whole = syntheticSnapshot(Number(n));
  for (let i = 0; i < Number(k); i++) await writeSnapshot(path.join(out, `shard-${String(i).padStart(2, '0')}.json`), shardOf(whole, i, Number(k)));
}
