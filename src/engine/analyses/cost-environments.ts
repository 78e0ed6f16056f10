// Resources per environment, grouped by type, with the accounts and regions they live
// in: built in one pass per context and shared by the cost and parity analyses, because
// at a million resources the attribution lookups of a pass are the expensive part.
import type { Resource } from '../../model/snapshot.js';
import type { EngineContext } from '../context.js';
import { recordsOfResources } from './support.js';

export interface EnvironmentResources {
  /** type -> resources, in snapshot order. */
  byType: ReadonlyMap<string, readonly Resource[]>;
  count: number;
  accounts: ReadonlySet<string>;
  /** Regions other than 'global'. */
  regions: ReadonlySet<string>;
}

const cache = new WeakMap<EngineContext, ReadonlyMap<string, EnvironmentResources>>();

const EMPTY: EnvironmentResources = { byType: new Map(), count: 0, accounts: new Set(), regions: new Set() };

export function environmentResources(ctx: EngineContext): ReadonlyMap<string, EnvironmentResources> {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out = new Map<string, { byType: Map<string, Resource[]>; count: number; accounts: Set<string>; regions: Set<string> }>();
  const resources = ctx.snapshot.resources;
  const recs = recordsOfResources(ctx);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    const env = recs[i]?.environment;
    if (!env) continue;
    let e = out.get(env);
    if (!e) out.set(env, (e = { byType: new Map(), count: 0, accounts: new Set(), regions: new Set() }));
    e.count += 1;
    e.accounts.add(r.accountId);
    if (r.region !== 'global') e.regions.add(r.region);
    const list = e.byType.get(r.type);
    if (list) list.push(r);
    else e.byType.set(r.type, [r]);
  }
  cache.set(ctx, out);
  return out;
}

export function resourcesOfEnvironment(ctx: EngineContext, env: string): EnvironmentResources {
  return environmentResources(ctx).get(env) ?? EMPTY;
}
