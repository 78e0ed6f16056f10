// Builds the EngineContext once per evaluation: indexes by arn and type, attribution of
// every resource and principal, the collection-error index, and lazy reverse relations.
// Everything here is linear in the snapshot.
import type { AttributionRecord, EngineContext } from './context.js';
import type { LoadedSpec } from '../model/spec.js';
import type { CollectionError, Resource, Snapshot } from '../model/snapshot.js';
import { createAttributor, inheritThroughAttachments, principalAsAttributable, vpcIdResolver } from './attribution.js';

export function buildContext(spec: LoadedSpec, snapshot: Snapshot, now: Date): EngineContext {
  const byArn = new Map<string, Resource>();
  const byType = new Map<string, Resource[]>();
  for (const r of snapshot.resources) {
    byArn.set(r.arn, r);
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }

  const attributor = createAttributor(spec.spec, vpcIdResolver(byArn));
  const attribution = new Map<string, AttributionRecord>();
  for (const r of snapshot.resources) attribution.set(r.arn, attributor.attribute(r));
  inheritThroughAttachments(snapshot.resources, attribution, attributor);
  // Read back after inheritance, which may replace records: exactly what attribution.get gives.
  const resourceAttribution = snapshot.resources.map((r) => attribution.get(r.arn));
  for (const p of snapshot.principals) {
    if (!attribution.has(p.arn)) attribution.set(p.arn, attributor.attribute(principalAsAttributable(p)));
  }

  const errorsByArea = new Map<string, CollectionError[]>();
  for (const e of snapshot.errors) {
    for (const area of e.affects) {
      const list = errorsByArea.get(area);
      if (list) list.push(e);
      else errorsByArea.set(area, [e]);
    }
  }

  const inboundByKind = new Map<string, Map<string, string[]>>();
  const inbound = (kind: string, target: string): readonly string[] => {
    let idx = inboundByKind.get(kind);
    if (!idx) {
      idx = new Map();
      for (const r of snapshot.resources) {
        for (const rel of r.relations) {
          if (rel.kind !== kind) continue;
          const list = idx.get(rel.target);
          if (list) list.push(r.arn);
          else idx.set(rel.target, [r.arn]);
        }
      }
      inboundByKind.set(kind, idx);
    }
    return idx.get(target) ?? EMPTY;
  };

  return {
    spec,
    snapshot,
    now,
    byArn,
    byType,
    attribution,
    resourceAttribution,
    principals: snapshot.principals,
    environments: Object.keys(spec.spec.environments).sort(),
    errorsAffecting(type, accountId, region) {
      // '*': the collector could not reach the account at all, so every type there is incomplete.
      const own = errorsByArea.get(type);
      const all = type === '*' ? undefined : errorsByArea.get('*');
      if (!own && !all) return [];
      const list = own && all ? [...own, ...all] : (own ?? all)!;
      return list.filter(
        (e) =>
          (accountId === undefined || e.accountId === accountId) &&
          (region === undefined || e.region === region || e.region === 'global' || region === 'global'),
      );
    },
    inbound,
  };
}

const EMPTY: readonly string[] = Object.freeze([]);
