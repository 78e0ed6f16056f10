// A snapshot read from a file may come in any order (edited by hand, merged, written by
// another tool). Results and their evidence must not depend on it, so a snapshot is put in
// canonical order when it is read: the lists sortSnapshot orders, and tag keys. One already
// in that order (what inventory writes) is returned as it is, without a copy. Policy
// statements keep their order: the IAM analyses are set-based, and the shuffle test
// (test/determinism) checks that their order changes no report.
import type { Snapshot } from '../model/snapshot.js';
import { canonicalJson } from './json-stream.js';
import { sortSnapshot } from './snapshot-io.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function inOrder<T>(xs: readonly T[], key: (x: T) => string): boolean {
  for (let i = 1; i < xs.length; i++) if (cmp(key(xs[i - 1]!), key(xs[i]!)) > 0) return false;
  return true;
}

const self = (x: string) => x;
const keysInOrder = (o: Record<string, unknown>) => inOrder(Object.keys(o), self);

function sortedKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(cmp)) out[k] = o[k]!;
  return out;
}

function isCanonical(s: Snapshot): boolean {
  const rest = (x: Snapshot) => canonicalJson({ ...x, resources: [], principals: [] });
  return (
    inOrder(s.resources, (r) => r.arn) &&
    s.resources.every((r) => keysInOrder(r.tags) && inOrder(r.relations, (x) => `${x.kind}\u0000${x.target}`)) &&
    inOrder(s.principals, (p) => p.arn) &&
    s.principals.every((p) => keysInOrder(p.tags) && inOrder(p.groups, self) && inOrder(p.attachedPolicies, self) && inOrder(p.inlinePolicies, (x) => x.name)) &&
    rest(sortSnapshot({ ...s, resources: [], principals: [] })) === rest(s)
  );
}

/** The snapshot in canonical order (itself when it already is): no result can depend on input order. */
export function canonicalSnapshot(s: Snapshot): Snapshot {
  if (isCanonical(s)) return s;
  const sorted = sortSnapshot(s);
  return {
    ...sorted,
    resources: sorted.resources.map((r) => ({ ...r, tags: sortedKeys(r.tags) })),
    principals: sorted.principals.map((p) => ({ ...p, tags: sortedKeys(p.tags) })),
  };
}
