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
  type Entry = { byType: Map<string, Resource[]>; count: number; accounts: Set<string>; regions: Set<string> };
  const out = new Map<string, Entry>();
  const resources = ctx.snapshot.resources;
  const recs = recordsOfResources(ctx);
  // Neighbours in a snapshot mostly share environment, type and account: the last ones are
  // kept at hand instead of hashing each resource's into a Map or Set.
  let lastEnv: string | undefined;
  let e: Entry | undefined;
  let lastType: string | undefined;
  let list: Resource[] | undefined;
  let lastAccount: string | undefined;
  let lastRegion: string | undefined;
  for (let i = 0; i < resources.length; i++) {
    const env = recs[i]?.environment;
    if (!env) continue;
    const r = resources[i]!;
    if (env !== lastEnv || e === undefined) {
      lastEnv = env;
      e = out.get(env);
      if (!e) out.set(env, (e = { byType: new Map(), count: 0, accounts: new Set(), regions: new Set() }));
      lastType = lastAccount = lastRegion = undefined;
    }
    e.count += 1;
    if (r.accountId !== lastAccount) e.accounts.add((lastAccount = r.accountId));
    if (r.region !== lastRegion) {
      lastRegion = r.region;
      if (r.region !== 'global') e.regions.add(r.region);
    }
    if (r.type !== lastType || list === undefined) {
      lastType = r.type;
      list = e.byType.get(r.type);
      if (!list) e.byType.set(r.type, (list = []));
    }
    list.push(r);
  }
  cache.set(ctx, out);
  return out;
}

export function resourcesOfEnvironment(ctx: EngineContext, env: string): EnvironmentResources {
  return environmentResources(ctx).get(env) ?? EMPTY;
}
