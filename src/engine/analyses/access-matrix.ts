// The access matrix: for every team of the spec and every environment, the effective
// access level its principals' identity policies grant, next to the declared level.
// Each (team, environment, principal) gives one outcome: fail when the principal is
// granted an IAM access category the declared level does not include, naming the
// statements; pass otherwise. A team no principal matches cannot be checked: one
// not-evaluated outcome (a spec matcher that finds nobody must not read as compliance).
import { ACCESS_LEVELS, type AccessLevel, type IamAccessCategory, type PrincipalMatcher } from '../../model/spec.js';
import type { AccessCell } from '../../model/result.js';
import type { CollectionError, Principal } from '../../model/snapshot.js';
import { describeError } from '../collection-errors.js';
import type { Analysis, AnalysisReport, EngineContext, Outcome } from '../context.js';
import { matchesPattern } from '../../util/patterns.js';
import { arnIndexOf } from './iam-arn-index.js';
import { CATEGORY_ORDER, effectiveAccess, type Grant } from './iam-effective.js';
import { gatherPolicies, type PolicyLookup, type PrincipalPolicies } from './iam-policies.js';
import { accessWithChains, mergeAccess, resourcePolicyAccess, TrustIndex, type ComputedAccess } from './access-paths.js';

const GRANTS_PER_CELL = 10;

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function principalMatches(p: Principal, m: PrincipalMatcher): boolean {
  if (m.arn === undefined && m.name === undefined && m.tag === undefined) return false;
  if (m.arn !== undefined && !matchesPattern(m.arn, p.arn)) return false;
  if (m.name !== undefined && !matchesPattern(m.name, p.name)) return false;
  if (m.tag !== undefined) {
    const lower = new Map(Object.entries(p.tags).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [k, v] of Object.entries(m.tag)) {
      const actual = lower.get(k.toLowerCase());
      if (actual === undefined || !matchesPattern(v, actual)) return false;
    }
  }
  return true;
}

/** Users and roles of a team; a matched group brings its member users. Sorted by arn. */
export function teamMembers(principals: readonly Principal[], matchers: readonly PrincipalMatcher[]): Principal[] {
  const members = new Map<string, Principal>();
  const groups = new Set<string>();
  for (const p of principals) {
    if (!matchers.some((m) => principalMatches(p, m))) continue;
    if (p.kind === 'group') groups.add(p.arn);
    else members.set(p.arn, p);
  }
  if (groups.size > 0) {
    for (const p of principals) if (p.kind === 'user' && p.groups.some((g) => groups.has(g))) members.set(p.arn, p);
  }
  return [...members.values()].sort((a, b) => byString(a.arn, b.arn));
}

interface Levels {
  order: AccessLevel[];
  categories: Map<string, Set<IamAccessCategory>>;
}

function levelsOf(ctx: EngineContext): Levels {
  const defined = ctx.spec.spec.access?.levels ?? ({} as Record<AccessLevel, { categories: IamAccessCategory[] }>);
  const order = ACCESS_LEVELS.filter((l) => defined[l] !== undefined);
  const categories = new Map<string, Set<IamAccessCategory>>();
  for (const l of order) categories.set(l, new Set(defined[l].categories));
  return { order, categories };
}

/** The lowest level covering every granted category (the highest, when none does). */
export function levelFor(granted: ReadonlySet<IamAccessCategory>, levels: Levels): { level: string; covered: boolean } {
  for (const l of levels.order) {
    const cats = levels.categories.get(l)!;
    if ([...granted].every((c) => cats.has(c))) return { level: l, covered: true };
  }
  return { level: levels.order[levels.order.length - 1] ?? 'none', covered: false };
}

function iamErrors(ctx: EngineContext): CollectionError[] {
  return ctx.snapshot.errors.filter(
    (e) => e.service === 'iam' || e.affects.some((a) => a.startsWith('iam') || a.startsWith('AWS::IAM::')),
  );
}


function principalType(p: Principal): string {
  return p.kind === 'user' ? 'AWS::IAM::User' : p.kind === 'role' ? 'AWS::IAM::Role' : 'AWS::IAM::Group';
}

function cellGrants(grants: readonly Grant[], categories: ReadonlySet<IamAccessCategory>): AccessCell['grants'] {
  const merged = new Map<string, AccessCell['grants'][number]>();
  for (const g of grants) {
    if (!categories.has(g.category)) continue;
    const key = `${g.principalArn}\u0000${g.policy}\u0000${g.sid ?? ''}\u0000${(g.via ?? []).join(' ')}`;
    const hit = merged.get(key);
    if (hit === undefined) {
      merged.set(key, { principalArn: g.principalArn, policy: g.policy, ...(g.sid !== undefined ? { sid: g.sid } : {}), ...(g.via !== undefined ? { via: [...g.via] } : {}), actions: [...g.actions] });
    } else {
      for (const a of g.actions) if (!hit.actions.includes(a) && hit.actions.length < 6) hit.actions.push(a);
    }
  }
  return [...merged.values()]
    .sort((a, b) => byString(a.principalArn, b.principalArn) || byString(a.policy, b.policy) || byString(a.sid ?? '', b.sid ?? '') || byString((a.via ?? []).join(' '), (b.via ?? []).join(' ')))
    .slice(0, GRANTS_PER_CELL);
}

/** Categories that lift the granted set above `level` (what a finding must name). */
function beyond(granted: ReadonlySet<IamAccessCategory>, allowed: ReadonlySet<IamAccessCategory> | undefined): Set<IamAccessCategory> {
  return new Set([...granted].filter((c) => !(allowed?.has(c) ?? false)));
}

function sortedCategories(s: ReadonlySet<IamAccessCategory>): IamAccessCategory[] {
  return CATEGORY_ORDER.filter((c) => s.has(c));
}

export interface AccessAnalysisResult {
  cells: AccessCell[];
  outcomes: Outcome[];
}

const memo = new WeakMap<EngineContext, AccessAnalysisResult>();

export function analyseAccess(ctx: EngineContext): AccessAnalysisResult {
  const cached = memo.get(ctx);
  if (cached !== undefined) return cached;
  const spec = ctx.spec.spec;
  const envs = Object.keys(spec.environments).sort(byString);
  const levels = levelsOf(ctx);
  const lookup: PolicyLookup = {
    principals: new Map(ctx.principals.map((p) => [p.arn, p])),
    policies: new Map(ctx.snapshot.policies.map((p) => [p.arn, p])),
  };
  const errors = iamErrors(ctx);
  const index = arnIndexOf(ctx);
  const policiesMemo = new Map<string, PrincipalPolicies>();
  const policiesOf = (p: Principal): PrincipalPolicies => {
    let hit = policiesMemo.get(p.arn);
    if (hit === undefined) policiesMemo.set(p.arn, (hit = gatherPolicies(p, lookup)));
    return hit;
  };
  // A principal's own access: identity policies, and what resource policies grant it.
  const ownMemo = new Map<string, ComputedAccess>();
  const ownOf = (p: Principal): ComputedAccess => {
    let hit = ownMemo.get(p.arn);
    if (hit !== undefined) return hit;
    const errs = errors.filter((e) => e.accountId === p.accountId || e.accountId === '' || e.accountId === '*');
    const policies = policiesOf(p);
    if (errs.length > 0) hit = { reason: `IAM data incomplete: ${errs.map(describeError).join('; ')}` };
    else if (policies.missing.length > 0) hit = { reason: `policies or groups missing from the snapshot: ${policies.missing.join(', ')}` };
    else {
      const access = effectiveAccess(p.arn, p.accountId, policies, index, envs);
      mergeAccess(access, resourcePolicyAccess(ctx, p, envs));
      hit = { access };
    }
    ownMemo.set(p.arn, hit);
    return hit;
  };
  let trust: TrustIndex | undefined;
  const perPrincipal = new Map<string, ComputedAccess>();
  const computeFor = (p: Principal): ComputedAccess => {
    let hit = perPrincipal.get(p.arn);
    if (hit === undefined) perPrincipal.set(p.arn, (hit = accessWithChains(p, { trust: (trust ??= new TrustIndex(ctx.principals)), policiesOf, ownOf })));
    return hit;
  };

  const cells: AccessCell[] = [];
  const outcomes: Outcome[] = [];
  for (const team of Object.keys(spec.teams ?? {}).sort(byString)) {
    const members = teamMembers(ctx.principals, spec.teams[team]!.principals ?? []);
    const declaredRow = spec.access?.matrix?.[team] ?? {};
    if (members.length === 0) {
      const reason =
        errors.length > 0
          ? `no principal matched team ${team}; IAM data incomplete: ${errors.map(describeError).join('; ')}`
          : `no principal in the snapshot matches team ${team}'s principal matchers`;
      for (const env of envs) {
        cells.push({ team, environment: env, declared: declaredRow[env] ?? 'none', effective: 'none', grants: [], caveats: [reason] });
      }
      outcomes.push({
        status: 'not-evaluated',
        arn: `envgate:team/${team}`,
        resource: { accountId: '', region: 'global', type: 'envgate::Team', name: team, environment: null },
        message: `Team ${team} matches no principal, so its access cannot be checked`,
        evidence: { team, matchers: spec.teams[team]!.principals },
        specPath: `/teams/${team}/principals`,
        reason,
      });
      continue;
    }
    for (const env of envs) {
      const declared: string = declaredRow[env] ?? 'none';
      const allowed = levels.categories.get(declared);
      const cellCategories = new Set<IamAccessCategory>();
      const cellGrantsAll: Grant[] = [];
      const caveats = new Set<string>();
      let unknown = false;
      for (const p of members) {
        const { access, reason, incomplete } = computeFor(p);
        const base = {
          arn: p.arn,
          resource: { accountId: p.accountId, region: 'global', type: principalType(p), name: p.name, environment: ctx.attribution.get(p.arn)?.environment ?? null },
          environments: [env],
          specPath: `/access/matrix/${team}/${env}`,
          qualifier: `${team}/${env}`,
        };
        if (access === undefined) {
          unknown = true;
          caveats.add(reason!);
          outcomes.push({ ...base, status: 'not-evaluated', message: `${principalType(p)} '${p.name}' (team ${team}): access in ${env} could not be computed`, evidence: { team, environment: env, expected: declared }, reason: reason! });
          continue;
        }
        const a = access.get(env)!;
        for (const c of a.categories) cellCategories.add(c);
        cellGrantsAll.push(...a.grants);
        for (const c of a.caveats) caveats.add(c);
        const { level, covered } = levelFor(a.categories, levels);
        const over = beyond(a.categories, allowed);
        const fail = over.size > 0;
        const named = fail ? over : a.categories;
        // A role the principal can assume whose access is unknown: a pass would be a guess.
        if (!fail && incomplete !== undefined) {
          const why = `roles reachable by assumption could not be evaluated: ${incomplete.join('; ')}`;
          unknown = true;
          caveats.add(why);
          outcomes.push({ ...base, status: 'not-evaluated', message: `${principalType(p)} '${p.name}' (team ${team}): access in ${env} through assumable roles could not be computed`, evidence: { team, environment: env, expected: declared, observed: level }, reason: why });
          continue;
        }
        outcomes.push({
          ...base,
          status: fail ? 'fail' : 'pass',
          message: fail
            ? `${principalType(p)} '${p.name}' (team ${team}): ${level} access in ${env}; the access matrix allows ${team} ${declared} there`
            : `${principalType(p)} '${p.name}' (team ${team}): ${level} access in ${env}, within the matrix's ${declared}`,
          evidence: {
            team,
            environment: env,
            observed: level,
            expected: declared,
            categories: sortedCategories(a.categories),
            ...(fail ? { beyondDeclared: sortedCategories(over) } : {}),
            grants: cellGrants(a.grants, named),
            caveats: [...a.caveats].sort(byString),
            ...(covered ? {} : { note: 'granted categories exceed every defined level' }),
          },
        });
      }
      const { level, covered } = levelFor(cellCategories, levels);
      if (!covered) caveats.add('granted categories exceed every defined level');
      const lower = levels.order[Math.max(0, levels.order.indexOf(level as AccessLevel) - 1)];
      const defining = beyond(cellCategories, lower === level ? new Set() : levels.categories.get(lower ?? ''));
      cells.push({
        team,
        environment: env,
        declared,
        effective: unknown && cellCategories.size === 0 ? 'unknown' : level,
        grants: cellGrants(cellGrantsAll, defining),
        caveats: [...caveats].sort(byString),
      });
    }
  }
  const result = { cells, outcomes };
  memo.set(ctx, result);
  return result;
}

/** The computed matrix, sorted by team and environment (for Evaluation.accessMatrix). */
export function computeAccessMatrix(ctx: EngineContext): AccessCell[] {
  return analyseAccess(ctx).cells;
}

export const accessMatrixAnalysis: Analysis = {
  name: 'access-matrix',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  run(ctx): AnalysisReport {
    const { outcomes, cells } = analyseAccess(ctx);
    return { outcomes, accessMatrix: cells };
  },
};
