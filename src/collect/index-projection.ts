// The compact form in which a sharded scan holds every resource of the organisation: what
// the analyses read (isolation, access matrix, parity, cost and the rest compare resources
// across shards), derived from their declared reads (ANALYSIS_READS through demandOf), not
// a hand-kept list. A resource keeps its identity, tags and relations (attribution, the
// relation edges and inbound indexes), and of its config the fields the analyses declare
// they read, the fields the engine itself reads (furniture), those linking reads
// (links.ts: relations across shards) and `vpcId` (attribution by VPC). That the declared reads are all an analysis reads is what
// test/collect/demand-sufficient.test.ts holds for collection, and
// test/gate/sharded-scan.test.ts for the index; the declarative rules read each
// resource's own full record, which the sharded scan swaps in a window at a time.
import type { Rule } from '../engine/rule.js';
import type { Resource } from '../model/snapshot.js';
import type { Spec } from '../model/spec.js';
import { CATALOGUE } from './catalogue/index.js';
import { demandOf, ENGINE_READS } from './demand.js';
import { LINK_READS } from './links.js';

export type Projection = (r: Resource) => Resource;

/** Per described type, the config fields the index keeps ('*': all); undefined when it keeps whole records. */
export function indexFields(rules: readonly Rule[], spec: Spec): Map<string, Set<string> | '*'> | undefined {
  const demand = demandOf(
    rules.filter((r) => r.analysis),
    spec,
  );
  if (demand.full) return undefined;
  const keep = new Map<string, Set<string> | '*'>();
  for (const d of CATALOGUE) {
    const fields = demand.types.get(d.type);
    if (fields === '*') {
      keep.set(d.type, '*');
      continue;
    }
    keep.set(d.type, new Set<string>(['vpcId', ...(ENGINE_READS[d.type] ?? []), ...(LINK_READS[d.type] ?? []), ...(fields ?? [])]));
  }
  return keep;
}

/** The projection of a resource for the index: its config cut to `indexFields` (key order kept); other types whole. */
export function indexProjection(rules: readonly Rule[], spec: Spec): Projection {
  const keep = indexFields(rules, spec);
  if (!keep) return (r) => r;
  return (r) => {
    const fields = keep.get(r.type);
    if (fields === undefined || fields === '*') return r;
    const config: Record<string, unknown> = {};
    for (const k of Object.keys(r.config)) if (fields.has(k)) config[k] = r.config[k];
    return { ...r, config };
  };
}
