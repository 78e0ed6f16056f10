// Small helpers the built-in analyses share: iterating a type with each resource's
// environment, and the not-evaluated outcome for data a collection error left missing.
import type { AttributionRecord, EngineContext, Outcome } from '../context.js';
import type { Resource } from '../../model/snapshot.js';
import type { EnvironmentSpec } from '../../model/spec.js';

export function environmentOf(ctx: EngineContext, arn: string): string | null {
  return ctx.attribution.get(arn)?.environment ?? null;
}

const recordsCache = new WeakMap<EngineContext, readonly (AttributionRecord | undefined)[]>();

/** Attribution of ctx.snapshot.resources[i] at index i (the context's own, or computed once). */
export function recordsOfResources(ctx: EngineContext): readonly (AttributionRecord | undefined)[] {
  if (ctx.resourceAttribution !== undefined) return ctx.resourceAttribution;
  let recs = recordsCache.get(ctx);
  if (recs === undefined) recordsCache.set(ctx, (recs = ctx.snapshot.resources.map((r) => ctx.attribution.get(r.arn))));
  return recs;
}

const relationsCache = new WeakMap<EngineContext, ReadonlyMap<string, readonly number[]>>();

/** Records resource position `i` under each kind of relation `r` has (ascending, each once). */
export function addRelationSources(sources: Map<string, number[]>, r: Resource, i: number): void {
  const rels = r.relations;
  for (let k = 0; k < rels.length; k++) {
    const kind = rels[k]!.kind;
    const list = sources.get(kind);
    if (list === undefined) sources.set(kind, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
}

/** ctx.relationSources (the context's own, or computed once for a hand-made context). */
export function relationSourcesOf(ctx: EngineContext): ReadonlyMap<string, readonly number[]> {
  if (ctx.relationSources !== undefined) return ctx.relationSources;
  let m = relationsCache.get(ctx);
  if (m === undefined) {
    const sources = new Map<string, number[]>();
    ctx.snapshot.resources.forEach((r, i) => addRelationSources(sources, r, i));
    relationsCache.set(ctx, (m = sources));
  }
  return m;
}

const typesCache = new WeakMap<EngineContext, ReadonlyMap<string, readonly number[]>>();

/** ctx.typePositions (the context's own, or computed once for a hand-made context). */
export function typePositionsOf(ctx: EngineContext): ReadonlyMap<string, readonly number[]> {
  if (ctx.typePositions !== undefined) return ctx.typePositions;
  let m = typesCache.get(ctx);
  if (m === undefined) {
    const byType = new Map<string, number[]>();
    ctx.snapshot.resources.forEach((r, i) => {
      const list = byType.get(r.type);
      if (list) list.push(i);
      else byType.set(r.type, [i]);
    });
    typesCache.set(ctx, (m = byType));
  }
  return m;
}

export function envSpec(ctx: EngineContext, env: string | null): EnvironmentSpec | undefined {
  return env === null ? undefined : ctx.spec.spec.environments[env];
}

export function resourcesOf(ctx: EngineContext, type: string): readonly Resource[] {
  return ctx.byType.get(type) ?? [];
}

/** Not-evaluated outcome when collection errors left the resource's data incomplete. */
export function collectionGap(ctx: EngineContext, r: Resource, what: string): Outcome | undefined {
  const errs = ctx.errorsAffecting(r.type, r.accountId, r.region).filter((e) => e.resourceArn === undefined || e.resourceArn === r.arn);
  if (errs.length === 0) return undefined;
  const reason = errs.map((e) => `collection error ${e.service}:${e.operation} ${e.code} in ${e.accountId}/${e.region}: ${e.message}`).join('; ');
  return { status: 'not-evaluated', arn: r.arn, message: `${r.type} '${r.name}': ${what} not evaluated`, evidence: {}, reason };
}

export function environmentArn(env: string): string {
  return `arn:aws:envgate:::environment/${env}`;
}

export function environmentRef(env: string): NonNullable<Outcome['resource']> {
  return { accountId: '', region: 'global', type: 'envgate::Environment', name: env, environment: env };
}

export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
