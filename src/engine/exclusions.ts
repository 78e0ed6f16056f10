// Exclusions (the spec's `exclude`): resources a team deliberately leaves out of scope.
// They give no result in any rule (no fail, pass or not-evaluated: the engine skips them
// as subjects); the evaluation lists each with the exclusion that took it out. An
// exclusion applies up to the day before `expires`, as waivers do.
import type { ExcludedResource, ExclusionNotice } from '../model/result.js';
import type { Exclusion } from '../model/spec.js';
import { matchesPattern } from '../util/patterns.js';
import type { IndexedContext } from './context.js';
import type { SpecLocator } from './spec-location.js';
import { cmp } from './results.js';

export interface Exclusions {
  /** Sorted by ARN. */
  excluded: ExcludedResource[];
  arns: ReadonlySet<string>;
  /** Positions in snapshot.resources of the excluded resources. */
  positions: ReadonlySet<number>;
  notices: ExclusionNotice[];
}

const NONE: Exclusions = { excluded: [], arns: new Set(), positions: new Set(), notices: [] };

const PRINCIPAL_TYPES = { user: 'AWS::IAM::User', group: 'AWS::IAM::Group', role: 'AWS::IAM::Role' } as const;

/** Whether an exclusion has lapsed on the UTC day of `now`. */
export function exclusionExpired(x: Exclusion, now: Date): boolean {
  return x.expires !== undefined && now.toISOString().slice(0, 10) >= x.expires;
}

function matches(x: Exclusion, name: string, arn: string): boolean {
  return (x.name === undefined || matchesPattern(x.name, name)) && (x.arn === undefined || matchesPattern(x.arn, arn));
}

/** The resources and principals the spec's exclusions take out, and what to say about the exclusions. */
export function matchExclusions(ctx: IndexedContext, locator: SpecLocator): Exclusions {
  const list = ctx.spec.spec.exclude ?? [];
  if (list.length === 0) return NONE;
  const expired = list.map((x) => exclusionExpired(x, ctx.now));
  const hits = list.map(() => 0);
  const excluded: ExcludedResource[] = [];
  const arns = new Set<string>();
  const positions = new Set<number>();
  const take = (arn: string, type: string, name: string, accountId: string, region: string, candidates: readonly number[]): boolean => {
    let chosen = -1;
    for (const i of candidates) {
      if (!matches(list[i]!, name, arn)) continue;
      hits[i]!++;
      if (chosen < 0 && !expired[i]) chosen = i;
    }
    if (chosen < 0 || arns.has(arn)) return chosen >= 0;
    const x = list[chosen]!;
    const loc = locator.pointer(`/exclude/${chosen}`);
    arns.add(arn);
    excluded.push({
      arn,
      accountId,
      region,
      type,
      name,
      environment: ctx.attribution.get(arn)?.environment ?? null,
      exclusion: chosen,
      reason: x.reason,
      ...(x.owner !== undefined ? { owner: x.owner } : {}),
      ...(x.expires !== undefined ? { expires: x.expires } : {}),
      ...(loc ? { specLocation: loc } : {}),
    });
    return true;
  };
  const candidatesOf = (type: string) => list.flatMap((x, i) => (x.type === undefined || matchesPattern(x.type, type) ? [i] : []));
  for (const [type, ps] of ctx.typePositions) {
    const candidates = candidatesOf(type);
    if (candidates.length === 0) continue;
    for (const p of ps) {
      const r = ctx.snapshot.resources[p]!;
      if (take(r.arn, r.type, r.name, r.accountId, r.region, candidates)) positions.add(p);
    }
  }
  for (const p of ctx.principals) {
    if (ctx.byArn.has(p.arn)) continue;
    const type = PRINCIPAL_TYPES[p.kind];
    take(p.arn, type, p.name, p.accountId, 'global', candidatesOf(type));
  }
  // An ARN excluded through one of its duplicate resources is excluded at every position,
  // also at a copy whose own name matched no exclusion. Without duplicates every excluded
  // position is already taken above.
  const resources = ctx.snapshot.resources;
  if (arns.size > 0 && ctx.byArn.size < resources.length) {
    for (let p = 0; p < resources.length; p++) if (arns.has(resources[p]!.arn)) positions.add(p);
  }
  excluded.sort((a, b) => cmp(a.arn, b.arn));

  const notices: ExclusionNotice[] = [];
  list.forEach((x, i) => {
    const loc = locator.pointer(`/exclude/${i}`);
    const where = loc ? `${loc.file}:${loc.line}` : `/exclude/${i}`;
    const base = { exclusion: i, ...(loc ? { specLocation: loc } : {}) };
    if (expired[i]) {
      const n = hits[i]!;
      notices.push({ ...base, level: 'warn', code: 'exclusion-expired', message: `exclusion ${where} expired on ${x.expires}${n > 0 ? `: its ${n} resource(s) are checked again` : ''}` });
    } else if (hits[i] === 0) {
      notices.push({ ...base, level: 'info', code: 'exclusion-unused', message: `exclusion ${where} matches no resource: remove it if the resources are gone` });
    }
  });
  return { excluded, arns, positions, notices };
}
