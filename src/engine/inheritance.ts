// Inheritance of environments through containment and use: a resource with no signal of
// its own takes the environment of what contains it (a VPC's members, a load balancer's
// target groups), what it watches (an alarm) or was taken from (a snapshot), or what
// uses it (an instance's volumes). One table says which relation kinds carry an
// environment and in which direction; everything else is the one mechanism below.
import type { AttributionRecord } from './context.js';
import type { RelationKind, Resource } from '../model/snapshot.js';
import type { Attributor, InheritedSignal } from './attribution.js';

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
  { kind: 'volume', from: 'source', link: 'attached to' },
];

interface Link {
  parent: number;
  carrier: number;
}

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
  const unique = positions.size === resources.length;
  const canon = (i: number) => (unique ? i : positions.get(resources[i]!.arn)!);
  const signalless = (i: number) => records[i] !== undefined && records[i]!.evidence.length === 0;
  const links = new Map<number, Link[]>();
  const add = (child: number, parent: number, carrier: number) => {
    if (child === parent) return;
    const list = links.get(child);
    if (list === undefined) links.set(child, [{ parent, carrier }]);
    else if (!list.some((l) => l.parent === parent && l.carrier === carrier)) list.push({ parent, carrier });
  };
  CARRIERS.forEach((c, ci) => {
    for (const i of relationSources.get(c.kind) ?? []) {
      const holder = canon(i);
      if (c.from === 'target' && !signalless(holder)) continue;
      for (const rel of resources[i]!.relations) {
        if (rel.kind !== c.kind) continue;
        const other = positions.get(rel.target);
        if (other === undefined) continue;
        if (c.from === 'target') add(holder, other, ci);
        else if (signalless(other)) add(other, holder, ci);
      }
    }
  });
  if (links.size === 0) return;

  // Children of each parent, to revisit only what a round's settling can affect.
  const children = new Map<number, number[]>();
  for (const [child, list] of links) {
    for (const l of list) {
      const c = children.get(l.parent);
      if (c === undefined) children.set(l.parent, [child]);
      else if (c[c.length - 1] !== child) c.push(child);
    }
  }
  let pending = [...links.keys()].sort((a, b) => a - b);
  const settled = new Set<number>();
  while (pending.length > 0) {
    const assigned: [number, AttributionRecord][] = [];
    for (const child of pending) {
      if (settled.has(child)) continue;
      const signals: InheritedSignal[] = [];
      for (const l of links.get(child)!) {
        const p = records[l.parent];
        if (!p || p.environment === null || p.conflict) continue;
        const parent = resources[l.parent]!;
        signals.push({ environment: p.environment, detail: `${CARRIERS[l.carrier]!.link} ${parent.name}`, parent: parent.arn });
      }
      if (signals.length > 0) assigned.push([child, attributor.inheritedFrom(signals)]);
    }
    // Applied after the round, so a round reads only what earlier rounds settled.
    const next = new Set<number>();
    for (const [child, rec] of assigned) {
      records[child] = rec;
      settled.add(child);
      for (const c of children.get(child) ?? []) if (!settled.has(c) && links.has(c)) next.add(c);
    }
    pending = [...next].sort((a, b) => a - b);
  }
}
