// Builds the EngineContext once per evaluation: indexes by arn and type, attribution of
// every resource and principal, the collection-error index, and lazy reverse relations.
// Everything here is linear in the snapshot.
import type { AttributionRecord, IndexedContext } from './context.js';
import type { LoadedSpec } from '../model/spec.js';
import type { CollectionError, Resource, Snapshot } from '../model/snapshot.js';
import { ArnView } from './arn-views.js';
import { addRelationSources } from './analyses/support.js';
import { createAttributor, principalAsAttributable, vpcIdResolver } from './attribution.js';
import { inheritEnvironments } from './inheritance.js';

export function buildContext(spec: LoadedSpec, snapshot: Snapshot, now: Date): IndexedContext {
  const resources = snapshot.resources;
  const n = resources.length;
  // ARN -> position: resources first (a duplicate ARN's last position wins), then the
  // principals that are not resources. byArn and attribution are views over it.
  const positions = new Map<string, number>();
  const byType = new Map<string, Resource[]>();
  const typePositions = new Map<string, number[]>();
  const relationSources = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const r = resources[i]!;
    positions.set(r.arn, i);
    addRelationSources(relationSources, r, i);
    const list = byType.get(r.type);
    if (list) {
      list.push(r);
      typePositions.get(r.type)!.push(i);
    } else {
      byType.set(r.type, [r]);
      typePositions.set(r.type, [i]);
    }
  }
  const resourceArns = positions.size;
  const byArn = new ArnView<Resource>(positions, (i) => resources[i]!, n, resourceArns);

  const attributor = createAttributor(spec.spec, vpcIdResolver(byArn));
  const records = new Array<AttributionRecord | undefined>(n);
  for (let i = 0; i < n; i++) records[i] = attributor.attribute(resources[i]!);
  inheritEnvironments(resources, records, positions, relationSources, attributor);
  // Read back after inheritance, which may replace records: exactly what attribution.get gives.
  const resourceAttribution = resourceArns === n ? records : resources.map((r) => records[positions.get(r.arn)!]);
  const principalRecords: AttributionRecord[] = [];
  for (const p of snapshot.principals) {
    if (positions.has(p.arn)) continue;
    positions.set(p.arn, n + principalRecords.length);
    principalRecords.push(attributor.attribute(principalAsAttributable(p)));
  }
  const attribution = new ArnView<AttributionRecord>(positions, (i) => (i < n ? records[i]! : principalRecords[i - n]!), Infinity, positions.size);

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
      for (const i of relationSources.get(kind) ?? []) {
        const r = resources[i]!;
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
    typePositions,
    relationSources,
    positionOf: (arn) => byArn.position(arn),
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
