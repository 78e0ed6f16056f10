// Inheritance of environments through containment and use: a resource with no signal of
// its own takes the environment of what contains it (a VPC's members, a load balancer's
// target groups), what it watches (an alarm), fronts (a CloudFront distribution) or filters
// (a web ACL) or was taken from (a snapshot), or what
// uses it (an instance's volumes). One table says which relation kinds carry an
// environment and in which direction; everything else is the one mechanism below.
import type { AttributionRecord } from './context.js';
import type { RelationKind, Resource } from '../model/snapshot.js';
import type { Attributor } from './attribution.js';

type Evidence = AttributionRecord['evidence'][number];

export interface Carrier {
  kind: RelationKind;
  /**
   * 'target': the relation's target passes its environment to the resource holding the
   * relation (a subnet's `vpc`); 'source': the holder passes it to the target (an
   * instance's `volume`).
   */
  from: 'target' | 'source';
  /** How the evidence names the link, followed by the parent's name. */
  link: string;
}

/** The relation kinds that carry an environment, in the order evidence lists them. */
export const CARRIERS: readonly Carrier[] = [
  { kind: 'vpc', from: 'target', link: 'in VPC' },
  { kind: 'subnet', from: 'target', link: 'in subnet' },
  { kind: 'load-balancer', from: 'target', link: 'target group of' },
  { kind: 'attached-to', from: 'target', link: 'attached to' },
  { kind: 'monitors', from: 'target', link: 'alarm on' },
  { kind: 'snapshot-of', from: 'target', link: 'snapshot of' },
  { kind: 'origin', from: 'target', link: 'CDN in front of' },
  { kind: 'filters', from: 'target', link: 'web ACL of' },
  { kind: 'delivers-logs-of', from: 'target', link: 'log delivery of' },
  // A cache cluster takes its subnet group's environment (the group's from its VPC), and a
  // replication group, which names no subnet group, takes its member clusters'.
  { kind: 'subnet-group', from: 'target', link: 'in subnet group' },
  { kind: 'member-cluster', from: 'target', link: 'replication group of' },
  // Schedules have no tags (the Scheduler tags only schedule groups): they take their target's environment.
  { kind: 'schedules', from: 'target', link: 'uptime schedule of' },
  { kind: 'volume', from: 'source', link: 'attached to' },
];

/**
 * Gives every resource without signals of its own the environments of its parents
 * (per CARRIERS), nearest first: a round settles the resources whose parents are
 * settled, so a chain (VPC -> subnet -> network interface) resolves in as many rounds
 * as it is long, and a cycle can never feed itself. Parents that are unattributed or in
 * conflict pass nothing on; parents naming two environments make a conflict.
 * `records[i]` is the record of the resource at position i (the last of duplicate ARNs,
 * as `positions` gives), replaced in place; `relationSources` lists, per relation kind,
 * the positions of the resources holding such relations.
 */
export function inheritEnvironments(
  resources: readonly Resource[],
  records: (AttributionRecord | undefined)[],
  positions: ReadonlyMap<string, number>,
  relationSources: ReadonlyMap<string, readonly number[]>,
  attributor: Attributor,
): void {
  const n = resources.length;
  const unique = positions.size === n;
  const signalless = (i: number) => records[i] !== undefined && records[i]!.evidence.length === 0;
  // Per child position: its links as flat (parent, carrier) pairs. Flat arrays, not
  // objects: at scale most resources hold carrier relations.
  const links: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const children: number[] = [];
  const add = (child: number, parent: number, carrier: number) => {
    if (child === parent) return;
    let list = links[child];
    if (list === undefined) {
      links[child] = list = [];
      children.push(child);
    }
    for (let k = 0; k < list.length; k += 2) if (list[k] === parent && list[k + 1] === carrier) return;
    list.push(parent, carrier);
  };
  for (let ci = 0; ci < CARRIERS.length; ci++) {
    const c = CARRIERS[ci]!;
    for (const i of relationSources.get(c.kind) ?? []) {
      const holder = unique ? i : positions.get(resources[i]!.arn)!;
      if (c.from === 'target' && !signalless(holder)) continue;
      for (const rel of resources[i]!.relations) {
        if (rel.kind !== c.kind) continue;
        const other = positions.get(rel.target);
        if (other === undefined) continue;
        if (c.from === 'target') add(holder, other, ci);
        else if (signalless(other)) add(other, holder, ci);
      }
    }
  }
  if (children.length === 0) return;

  // Children of each parent, to revisit only what a round's settling can affect.
  const dependants = new Map<number, number[]>();
  for (const child of children) {
    const list = links[child]!;
    for (let k = 0; k < list.length; k += 2) {
      const d = dependants.get(list[k]!);
      if (d === undefined) dependants.set(list[k]!, [child]);
      else if (d[d.length - 1] !== child) d.push(child);
    }
  }
  // One evidence object per (parent, carrier): a VPC's members share it.
  const evidence = new Map<number, Evidence>();
  const settled = new Uint8Array(n);
  const found: Evidence[] = [];
  let pending = children.sort((a, b) => a - b);
  while (pending.length > 0) {
    const assigned: [number, AttributionRecord][] = [];
    for (const child of pending) {
      if (settled[child] === 1) continue;
      found.length = 0;
      const list = links[child]!;
      for (let k = 0; k < list.length; k += 2) {
        const parent = list[k]!;
        const p = records[parent];
        if (!p || p.environment === null || p.conflict) continue;
        const key = parent * CARRIERS.length + list[k + 1]!;
        let e = evidence.get(key);
        if (e === undefined) {
          const r = resources[parent]!;
          evidence.set(key, (e = attributor.relationEvidence(p.environment, `${CARRIERS[list[k + 1]!]!.link} ${r.name}`, r.arn)));
        }
        if (!found.includes(e)) found.push(e);
      }
      if (found.length > 0) assigned.push([child, attributor.inheritedFrom(found)]);
    }
    // Applied after the round, so a round reads only what earlier rounds settled.
    const next = new Set<number>();
    for (const [child, rec] of assigned) {
      records[child] = rec;
      settled[child] = 1;
      for (const c of dependants.get(child) ?? []) if (settled[c] === 0) next.add(c);
    }
    pending = [...next].sort((a, b) => a - b);
  }
}
