// Merging snapshots collected in parallel (one CI job per account or region) into the one
// snapshot a single collection of the union would have produced. Evaluating the merged
// snapshot once is exact for every rule, including those that compare environments
// across accounts (parity, isolation, access, cost ceilings), which report shards cannot be.
import { InputError } from '../model/diagnostics.js';
import type { Resource, Snapshot } from '../model/snapshot.js';
import { readSnapshotHead, readSnapshotResources, sortResource, sortSnapshot, writeChunksAtomically, type SnapshotHead } from '../collect/snapshot-io.js';
import { canonicalJsonChunks, StreamedArray } from '../collect/json-stream.js';
import { mergePrices } from '../model/prices.js';
import { cmp } from '../report/context.js';
import { isShardMarker } from '../model/shard-marker.js';
import { addResourceFacts, factsOf, linkResource, type LinkFacts } from '../collect/links.js';

export interface SnapshotShard {
  file: string;
  snapshot: Snapshot;
}

export function mergeSnapshots(shards: readonly SnapshotShard[]): Snapshot {
  if (shards.length === 0) throw new InputError('merge needs at least one snapshot');
  const first = shards[0]!.snapshot;
  const byKey = <T>(lists: T[][], key: (x: T) => string): T[] => {
    const m = new Map<string, T>();
    for (const x of lists.flat()) {
      const k = key(x);
      const prev = m.get(k);
      // The same item from two shards (a global resource seen twice): keep one, deterministically.
      if (prev === undefined || JSON.stringify(x) < JSON.stringify(prev)) m.set(k, x);
    }
    return [...m.entries()].sort((a, b) => cmp(a[0], b[0])).map(([, x]) => x);
  };
  const snaps = shards.map((s) => s.snapshot);
  const apiCalls: Record<string, number> = {};
  for (const s of snaps) for (const [op, n] of Object.entries(s.metadata.apiCalls)) apiCalls[op] = (apiCalls[op] ?? 0) + n;
  // A shard that left an account's global services to another (--global) is completed by it.
  const globalCollected = globalCollectedAccounts(snaps);
  const union = (xs: string[][]) => [...new Set(xs.flat())].sort(cmp);
  const prices = mergePrices(snaps.map((s) => s.prices));
  const resources = byKey(snaps.map((s) => s.resources), (r) => r.arn);
  const principals = byKey(snaps.map((s) => s.principals), (p) => p.arn);
  // Relations whose ends were collected in different shards (links.ts).
  const facts = factsOf(resources, principals);
  return {
    schemaVersion: first.schemaVersion,
    metadata: {
      tool: first.metadata.tool,
      collectedAt: snaps.map((s) => s.metadata.collectedAt).sort(cmp).at(-1)!,
      accounts: union(snaps.map((s) => s.metadata.accounts)),
      regions: union(snaps.map((s) => s.metadata.regions)),
      apiCalls: Object.fromEntries(Object.entries(apiCalls).sort((a, b) => cmp(a[0], b[0]))),
      coverage: byKey(snaps.map((s) => s.metadata.coverage), (c) => JSON.stringify([c.accountId, c.region, c.source, [...c.types].sort()])),
    },
    resources: resources.map((r) => linkResource(r, facts)),
    principals,
    policies: byKey(snaps.map((s) => s.policies), (p) => p.arn),
    costs: byKey(snaps.map((s) => s.costs), (c) => JSON.stringify([c.accountId, c.tagKey, c.tagValue, c.periodStart, c.periodEnd])),
    errors: byKey(snaps.map((s) => s.errors.filter((e) => !isShardMarker(e) || !globalCollected.has(e.accountId))), (e) =>
      JSON.stringify([e.accountId, e.region, e.service, e.operation, e.resourceArn ?? '', e.code, e.message]),
    ),
    ...(prices ? { prices } : {}),
  };
}

/** Accounts whose global services some shard collected: it names the account and left no shard marker for it. */
function globalCollectedAccounts(snaps: readonly Snapshot[]): Set<string> {
  const out = new Set<string>();
  for (const s of snaps) {
    const left = new Set(s.errors.filter(isShardMarker).map((e) => e.accountId));
    for (const a of s.metadata.accounts) if (!left.has(a)) out.add(a);
  }
  return out;
}

/** What a streamed merge wrote. */
export interface MergedFile {
  accounts: string[];
  resources: number;
  errors: Snapshot['errors'];
  /** Every member of the merged snapshot but its resources (an empty list). */
  rest: Snapshot;
}

/**
 * mergeSnapshots for snapshot files of any size, written to `target` in the same bytes as
 * writeSnapshot(target, mergeSnapshots(...)): every list but the resources is merged in
 * memory (they are small), the resources are merged record by record from the files,
 * each already in ARN order as envgate writes them. So only one record per shard is
 * held at a time. A shard whose resources are out of order (edited by hand, another
 * tool) is read whole and sorted, alone.
 */
export async function mergeSnapshotFiles(files: readonly string[], target: string): Promise<MergedFile> {
  if (files.length === 0) throw new InputError('merge needs at least one snapshot');
  const heads = files.map((f) => readSnapshotHead(f));
  const rest = mergeSnapshots(heads.map((h) => ({ file: h.file, snapshot: h.snapshot })));
  const unsorted = new Set<number>();
  // The first pass over the records validates them and gathers what linking needs.
  const facts = linkFactsOf(heads, rest);
  for (;;) {
    let count = 0;
    const merged = mergedResources(heads, unsorted, { validate: false });
    const resources = function* (): Generator<Resource> {
      for (const r of merged) {
        count++;
        yield linkResource(r, facts);
      }
    };
    const skeleton = sortSnapshot(rest) as unknown as Record<string, unknown>;
    try {
      await writeChunksAtomically(target, canonicalJsonChunks({ ...skeleton, resources: new StreamedArray(resources()) }));
      return { accounts: rest.metadata.accounts, resources: count, errors: rest.errors, rest: { ...rest, resources: [] } };
    } catch (err) {
      if (!(err instanceof OutOfOrder)) throw err;
      unsorted.add(err.shard);
    } finally {
      merged.return(undefined);
    }
  }
}

/**
 * What links.ts needs from the shards (their load balancers and keys, the merged
 * principals), from one pass over each shard's records, which validates them.
 */
export function linkFactsOf(heads: readonly SnapshotHead[], rest: Snapshot): LinkFacts {
  const facts = factsOf([], rest.principals);
  for (const h of heads) for (const r of readSnapshotResources(h)) addResourceFacts(facts, r);
  return facts;
}

/**
 * The merged snapshot's resources, in its order and form (ARN order, one copy per ARN,
 * relations sorted), read record by record from the shards; `unsorted` names shards
 * read whole and sorted instead. Throws OutOfOrder for another shard out of ARN order.
 * `validate: false` when the shards' records were validated by an earlier pass.
 */
export function* mergedResources(heads: readonly SnapshotHead[], unsorted: ReadonlySet<number>, options: { validate?: boolean } = {}): Generator<Resource> {
  const streams = heads.map((h, i) => (unsorted.has(i) ? sortedWhole(h, options) : readSnapshotResources(h, options)));
  try {
    for (const r of mergeResourceStreams(streams)) yield sortResource(r);
  } finally {
    for (const s of streams) s.return(undefined);
  }
}

/** A shard's resources out of ARN order: merged after sorting that shard in memory. */
export class OutOfOrder extends Error {
  constructor(readonly shard: number) {
    super(`shard ${shard}: resources out of order`);
  }
}

function* sortedWhole(head: SnapshotHead, options: { validate?: boolean }): Generator<Resource> {
  const all = [...readSnapshotResources(head, options)];
  // As mergeSnapshots: by ARN; of one ARN's copies, the least JSON first.
  yield* all.map((r) => [r, JSON.stringify(r)] as const).sort((a, b) => cmp(a[0].arn, b[0].arn) || cmp(a[1], b[1])).map(([r]) => r);
}

/**
 * The k-way merge of ARN-ordered streams: each ARN once, the copy with the least JSON text
 * (mergeSnapshots' choice), so the result does not depend on the shard order. Throws
 * OutOfOrder naming the first stream whose ARNs go backwards.
 */
function* mergeResourceStreams(streams: readonly Iterator<Resource>[]): Generator<Resource> {
  const heads: (Resource | undefined)[] = streams.map((s) => next(s));
  function next(s: Iterator<Resource>): Resource | undefined {
    const n = s.next();
    return n.done ? undefined : n.value;
  }
  function advance(i: number): void {
    const prev = heads[i]!.arn;
    const r = next(streams[i]!);
    if (r !== undefined && r.arn < prev) throw new OutOfOrder(i);
    heads[i] = r;
  }
  // A linear scan for the least head: shard counts are tens, and this keeps ties exact.
  for (;;) {
    let arn: string | undefined;
    for (const h of heads) if (h !== undefined && (arn === undefined || h.arn < arn)) arn = h.arn;
    if (arn === undefined) return;
    let best: Resource | undefined;
    let bestJson: string | undefined;
    for (let i = 0; i < heads.length; i++) {
      while (heads[i] !== undefined && heads[i]!.arn === arn) {
        const r = heads[i]!;
        if (best === undefined) best = r;
        else {
          bestJson ??= JSON.stringify(best);
          const json = JSON.stringify(r);
          if (json < bestJson) {
            best = r;
            bestJson = json;
          }
        }
        advance(i);
      }
    }
    yield best!;
  }
}
