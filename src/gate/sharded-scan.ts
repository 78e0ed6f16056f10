// Evaluation over snapshot shards without loading the merged snapshot (issue 13): one pass
// over the shards builds a compact global index (every resource in the projection the
// analyses read, collect/index-projection.ts, with every principal, policy, cost, error
// and the merged metadata), the analyses run on it once, and the declarative rules judge
// the resources a window at a time, each window's full records read again from the
// shards (in the merged order) and swapped into the index for that window only. Memory
// is the index plus one window, not the merged snapshot; the evaluation is the one a
// single scan of `envgate merge`'s snapshot gives (test/gate/sharded-scan.test.ts).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonicalSnapshot } from '../collect/snapshot-order.js';
import { readSnapshotHead, sortSnapshot, type SnapshotHead } from '../collect/snapshot-io.js';
import { indexProjection } from '../collect/index-projection.js';
import { addResourceFacts, factsOf, linkResource, type LinkFacts } from '../collect/links.js';
import { buildContext } from '../engine/build-context.js';
import { evaluateWithContext, type PassMode } from '../engine/evaluate.js';
import type { Rule } from '../engine/rule.js';
import { InputError } from '../model/diagnostics.js';
import type { Evaluation } from '../model/result.js';
import type { Resource, Snapshot } from '../model/snapshot.js';
import type { LoadedSpec } from '../model/spec.js';
import { mergedResources, mergeSnapshots, OutOfOrder } from './merge-snapshots.js';

/** Full records swapped into the index at a time. */
export const WINDOW_RESOURCES = 50_000;

/** The shard files named: files as given, a directory's `*.json` files; sorted, each once. */
export function shardFiles(entries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    let dir = false;
    try {
      dir = statSync(e).isDirectory();
    } catch {
      // A missing file is the snapshot reader's located error.
    }
    if (!dir) out.add(e);
    else for (const f of readdirSync(e)) if (f.endsWith('.json')) out.add(path.join(e, f));
  }
  if (out.size === 0) throw new InputError(`--shards ${entries.join(' ')}: no snapshot files (*.json) found`);
  return [...out].sort();
}

export interface ShardIndex {
  /** The merged snapshot with every resource in its index projection. */
  snapshot: Snapshot;
  heads: readonly SnapshotHead[];
  /** Shards whose resources are not in ARN order (read whole and sorted). */
  unsorted: ReadonlySet<number>;
  /** What links the records' cross-shard relations (links.ts), for the windows' full records. */
  facts: LinkFacts;
}

/** The first pass: every shard's small lists merged, every resource projected, in the merged order. */
export function readShardIndex(files: readonly string[], rules: readonly Rule[], spec: LoadedSpec): ShardIndex {
  const heads = files.map((f) => readSnapshotHead(f));
  const rest = sortSnapshot(mergeSnapshots(heads.map((h) => ({ file: h.file, snapshot: h.snapshot }))));
  const project = indexProjection(rules, spec.spec);
  const unsorted = new Set<number>();
  for (;;) {
    const resources: Resource[] = [];
    const compact = interner();
    const facts = factsOf([], rest.principals);
    try {
      for (const r of mergedResources(heads, unsorted)) {
        addResourceFacts(facts, r);
        resources.push(compact(project(r)));
      }
    } catch (err) {
      if (!(err instanceof OutOfOrder)) throw err;
      unsorted.add(err.shard);
      continue;
    }
    // The projection keeps what linking reads (LINK_READS), so a linked projection is the projection of the linked record.
    for (let i = 0; i < resources.length; i++) resources[i] = linkResource(resources[i]!, facts);
    return { snapshot: canonicalSnapshot({ ...rest, resources }), heads, unsorted, facts };
  }
}

/**
 * evaluate() of the merged snapshot, from the index and the shards: the analyses on the
 * index, the declarative rules on each window's full records.
 */
export function evaluateShards(input: { spec: LoadedSpec; index: ShardIndex; rules: readonly Rule[]; now: Date; passes?: PassMode; window?: number }): Evaluation {
  const { index } = input;
  const ctx = buildContext(input.spec, index.snapshot, input.now);
  const resources = index.snapshot.resources;
  const byType = ctx.byType as Map<string, Resource[]>;
  // Each position's index in its type's list, to swap a record in both places.
  const slot = new Int32Array(resources.length);
  for (const positions of ctx.typePositions.values()) for (let k = 0; k < positions.length; k++) slot[positions[k]!] = k;
  const size = input.window ?? WINDOW_RESOURCES;
  const windows = (judge: (from: number, to: number) => void): void => {
    const saved: Resource[] = [];
    let p = 0;
    const put = (pos: number, r: Resource): void => {
      resources[pos] = r;
      byType.get(r.type)![slot[pos]!] = r;
    };
    const flush = (): void => {
      const from = p - saved.length;
      judge(from, p);
      for (let j = 0; j < saved.length; j++) put(from + j, saved[j]!);
      saved.length = 0;
    };
    // Validated by the first pass; each record is checked to be the one indexed.
    for (const full of mergedResources(index.heads, index.unsorted, { validate: false })) {
      const projected = resources[p];
      if (projected === undefined || projected.arn !== full.arn || projected.type !== full.type) {
        throw new InputError(`the shards changed while they were evaluated (at ${full.arn}): run the scan again`);
      }
      saved.push(projected);
      put(p++, linkResource(full, index.facts));
      if (saved.length === size) flush();
    }
    if (saved.length > 0) flush();
    if (p !== resources.length) throw new InputError('the shards changed while they were evaluated: run the scan again');
  };
  return evaluateWithContext(ctx, input.rules, undefined, { passes: input.passes, declarativeWindows: windows });
}

/**
 * Shares the index's repeated strings (JSON.parse makes a new string for every value):
 * accounts, regions, types, tag values, relation kinds and targets (a target is mostly
 * another resource's ARN). A third of the index's memory in the synthetic estate. The pool
 * lives while the index is built only.
 */
function interner(): (r: Resource) => Resource {
  const pool = new Map<string, string>();
  const one = (x: string): string => {
    const had = pool.get(x);
    if (had !== undefined) return had;
    pool.set(x, x);
    return x;
  };
  return (r) => {
    // fromEntries defines each key as its own property, as JSON.parse does (even `__proto__`).
    const tags = Object.fromEntries(Object.entries(r.tags).map(([k, v]) => [k, one(v)]));
    return {
      ...r,
      arn: one(r.arn),
      accountId: one(r.accountId),
      region: one(r.region),
      type: one(r.type),
      tags,
      relations: r.relations.map((x) => ({ kind: one(x.kind) as typeof x.kind, target: one(x.target) })),
    };
  };
}
