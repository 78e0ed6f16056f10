// Merging snapshots collected in parallel (one CI job per account or region) into the one
// snapshot a single collection of the union would have produced. Evaluating the merged
// snapshot once is exact for every rule, including those that compare environments
// across accounts (parity, isolation, access, cost ceilings), which report shards cannot be.
import { InputError } from '../model/diagnostics.js';
import type { Snapshot } from '../model/snapshot.js';
import { mergePrices } from '../model/prices.js';
import { cmp } from '../report/context.js';
import { isShardMarker } from '../model/shard-marker.js';

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
    resources: byKey(snaps.map((s) => s.resources), (r) => r.arn),
    principals: byKey(snaps.map((s) => s.principals), (p) => p.arn),
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
