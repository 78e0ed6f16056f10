// Results for what collection left unseen: a type that could not be listed (or an account
// that could not be read) gets one not-evaluated result per rule and gap, so a gap is
// never a silent pass.
import type { Result, RuleMeta } from '../model/result.js';
import type { EngineContext } from './context.js';
import { describeError } from './collection-errors.js';
import { isShardMarker } from '../model/shard-marker.js';
import { fingerprint } from '../util/fingerprint.js';
import { cmp, subjectEnvironments } from './results.js';
import type { SpecLocator } from './spec-location.js';

/**
 * The types a '*' rule covers: those in the snapshot and those a collection error left
 * unlisted (a type that could not be listed at all has no resource to show it exists),
 * and '*' itself for an account that could not be read at all.
 */
export function coverageTypes(ctx: EngineContext, present: readonly string[]): string[] {
  const types = new Set(present);
  for (const e of ctx.snapshot.errors) for (const a of e.affects) if (a.startsWith('AWS::') || a === '*') types.add(a);
  return [...types].sort(cmp);
}

/** Those of `types` a shard marker leaves uncollected (global services left to another shard). */
export function shardMarkedTypes(ctx: EngineContext, types: readonly string[]): string[] {
  const marked = new Set(ctx.snapshot.errors.filter(isShardMarker).flatMap((e) => e.affects));
  return types.filter((t) => marked.has(t));
}

/** A type that could not be listed leaves resources unseen: one not-evaluated per gap. */
export function coverageGaps(meta: RuleMeta, types: readonly string[], ctx: EngineContext, locator: SpecLocator): Result[] {
  const out: Result[] = [];
  const seen = new Set<string>();
  for (const type of types) {
    for (const e of ctx.errorsAffecting(type)) {
      if (e.resourceArn !== undefined) continue;
      const arn = `arn:aws:envgate:${e.region}:${e.accountId}:coverage/${type}`;
      if (seen.has(arn)) continue;
      seen.add(arn);
      const env = environmentOfAccount(ctx, e.accountId, e.region);
      const res: Result = {
        ruleId: meta.id,
        status: 'not-evaluated',
        severity: meta.severity,
        category: meta.category,
        resource: { arn, accountId: e.accountId, region: e.region, type, name: `${type === '*' ? 'every type' : type} in ${e.accountId}/${e.region}`, environment: env },
        environments: subjectEnvironments(env),
        message: isShardMarker(e)
          ? `${type} in account ${e.accountId} was not collected in this shard (--global); "${meta.title}" not evaluated there`
          : `${type === '*' ? 'Account' : `${type} in account`} ${e.accountId} region ${e.region} could not be inventoried; "${meta.title}" not evaluated there`,
        evidence: {},
        fingerprint: fingerprint(meta.id, arn),
        reason: describeError(e),
      };
      const loc = locator.locate(meta.requirement, env);
      if (loc) res.specLocation = loc;
      out.push(res);
    }
  }
  return out;
}

function environmentOfAccount(ctx: EngineContext, accountId: string, region: string): string | null {
  const envs = Object.entries(ctx.spec.spec.environments)
    .filter(([, e]) => (e.accounts ?? []).some((a) => a.id === accountId) && (region === 'global' || (e.regions ?? []).length === 0 || e.regions.includes(region)))
    .map(([n]) => n);
  return envs.length === 1 ? envs[0]! : null;
}
