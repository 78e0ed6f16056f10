// Effective identity-policy access of one principal in each environment, as the set of
// IAM access-level categories it is granted there, with the statements that grant them.
// Approximations always lean towards more access (a scanner must not under-report):
// Allow with a Condition counts; a Deny subtracts only when unconditional and covering
// the whole environment; cross-account reach counts (the resource policy is not read).
// Every approximation that touched a cell is said in its caveats.
import type { IamAccessCategory } from '../../model/spec.js';
import type { ArnIndex } from './iam-arn-index.js';
import { expandActions, expandNotActions, iamCatalogVersion, type ExpandedActions } from './iam-catalog.js';
import { list, type PrincipalPolicies, type SourcedStatement } from './iam-policies.js';

export const CATEGORY_ORDER: readonly IamAccessCategory[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

export interface Grant {
  principalArn: string;
  policy: string;
  sid?: string;
  category: IamAccessCategory;
  /** Up to three actions of the category that the statement grants. */
  actions: string[];
  /** Roles assumed, in order, to reach the policy (absent: the principal's own). */
  via?: string[];
}

export interface EnvAccess {
  categories: Set<IamAccessCategory>;
  grants: Grant[];
  caveats: Set<string>;
}

const SAMPLE_ACTIONS = 3;
const GRANTS_PER_CATEGORY = 5;

interface Prepared {
  src: SourcedStatement;
  allow: boolean;
  expanded: ExpandedActions;
  conditional: boolean;
  notAction: boolean;
  notResource: boolean;
}

function label(s: SourcedStatement): string {
  return s.sid !== undefined ? `${s.policy} (Sid ${s.sid})` : `${s.policy} (statement ${s.index + 1})`;
}

function prepare(s: SourcedStatement): Prepared {
  const st = s.statement;
  const notAction = st.NotAction !== undefined && st.Action === undefined;
  const expanded = notAction ? expandNotActions(list(st.NotAction)) : expandActions(list(st.Action));
  return {
    src: s,
    allow: st.Effect === 'Allow',
    expanded,
    conditional: st.Condition !== undefined && Object.keys(st.Condition).length > 0,
    notAction,
    notResource: st.NotResource !== undefined && st.Resource === undefined,
  };
}

type Scope = { full: Set<string>; partial: Set<string> };

/** Environments an Allow reaches (any resource or the account) for a principal of `home`. */
function allowScope(p: Prepared, home: string, index: ArnIndex): Scope {
  const st = p.src.statement;
  const full = new Set<string>();
  const partial = new Set<string>();
  if (p.notResource) {
    const excluded = list(st.NotResource);
    if (excluded.some((r) => /^\*+$/.test(r))) return { full, partial };
    for (const env of index.envsInAccounts('*', home)) {
      const total = index.totals.get(env) ?? 0;
      // Excluded only when every resource of the environment is excluded.
      if (total > 0 && index.countMatched(excluded, env) === total) continue;
      full.add(env);
    }
    return { full, partial };
  }
  const resources = st.Resource === undefined ? ['*'] : list(st.Resource);
  for (const r of resources) for (const env of index.reach(r, home).envs) full.add(env);
  return { full, partial };
}

/** Environments a Deny covers entirely (full) or only in part (partial: not subtracted). */
function denyScope(p: Prepared, home: string, index: ArnIndex, allEnvs: readonly string[]): Scope {
  const st = p.src.statement;
  const full = new Set<string>();
  const partial = new Set<string>();
  if (p.notResource) {
    const kept = list(st.NotResource);
    for (const env of allEnvs) {
      if (index.countMatched(kept, env) === 0) full.add(env);
      else partial.add(env);
    }
    return { full, partial };
  }
  const resources = st.Resource === undefined ? ['*'] : list(st.Resource);
  if (resources.some((r) => /^\*+$/.test(r))) return { full: new Set(allEnvs), partial };
  for (const r of resources) {
    const reach = index.reach(r, home);
    for (const env of reach.envs) (reach.accountWide ? full : partial).add(env);
  }
  for (const env of partial) {
    const total = index.totals.get(env) ?? 0;
    if (!full.has(env) && total > 0 && index.countMatched(resources, env) === total) full.add(env);
  }
  for (const env of full) partial.delete(env);
  return { full, partial };
}

interface Evaluated {
  p: Prepared;
  scope: Scope;
}

function evaluateSet(stmts: readonly SourcedStatement[], home: string, index: ArnIndex, envs: readonly string[]): Evaluated[] {
  return stmts.map((s) => {
    const p = prepare(s);
    return { p, scope: p.allow ? allowScope(p, home, index) : denyScope(p, home, index, envs) };
  });
}

/** Access per environment for one principal. */
export function effectiveAccess(
  principalArn: string,
  home: string,
  policies: PrincipalPolicies,
  index: ArnIndex,
  envs: readonly string[],
): Map<string, EnvAccess> {
  const identity = evaluateSet(policies.identity, home, index, envs);
  const boundary = policies.boundary === undefined ? undefined : evaluateSet(policies.boundary, home, index, envs);
  const out = new Map<string, EnvAccess>();
  const homeEnvs = index.envsInAccounts('*', home);
  for (const env of envs) {
    const caveats = new Set<string>();
    const denies: ExpandedActions[] = [];
    for (const { p, scope } of [...identity, ...(boundary ?? [])]) {
      if (p.allow) continue;
      if (!scope.full.has(env) && !scope.partial.has(env)) continue;
      if (p.conditional) caveats.add(`Deny ${label(p.src)} has a Condition and was not subtracted`);
      else if (scope.full.has(env)) denies.push(p.expanded);
      else caveats.add(`Deny ${label(p.src)} covers only some resources here and was not subtracted`);
    }
    let boundaryAllows: ExpandedActions[] | undefined;
    if (boundary !== undefined) {
      boundaryAllows = boundary.filter((e) => e.p.allow && e.scope.full.has(env)).map((e) => e.p.expanded);
      if (boundary.some((e) => e.p.allow && e.p.conditional && e.scope.full.has(env))) {
        caveats.add('permissions boundary Allow has a Condition; counted as allowing');
      }
    }
    const permitted = (action: string): boolean => {
      const k = action.toLowerCase();
      for (const d of denies) if (d.keys.has(k)) return false;
      if (boundaryAllows !== undefined) {
        for (const b of boundaryAllows) if (b.keys.has(k)) return true;
        return false;
      }
      return true;
    };
    const access: EnvAccess = { categories: new Set(), grants: [], caveats };
    for (const { p, scope } of identity) {
      if (!p.allow || !scope.full.has(env)) continue;
      let granted = false;
      for (const category of CATEGORY_ORDER) {
        const actions: string[] = [];
        for (const a of p.expanded.byCategory.get(category) ?? []) {
          if (permitted(a)) actions.push(a);
          if (actions.length >= SAMPLE_ACTIONS) break;
        }
        if (actions.length === 0) continue;
        granted = true;
        access.categories.add(category);
        if (access.grants.filter((g) => g.category === category).length < GRANTS_PER_CATEGORY) {
          access.grants.push({
            principalArn,
            policy: p.src.policy,
            ...(p.src.sid !== undefined ? { sid: p.src.sid } : {}),
            category,
            actions,
          });
        }
      }
      if (!granted) continue;
      if (p.conditional) caveats.add(`Allow ${label(p.src)} has a Condition; counted as granting`);
      if (p.notAction) caveats.add(`NotAction in ${label(p.src)} expanded against iam-data ${iamCatalogVersion()}`);
      if (p.notResource) caveats.add(`NotResource in ${label(p.src)} counted as reaching this environment`);
      if (p.expanded.unknown.length > 0) {
        caveats.add(`unknown actions in ${label(p.src)}: ${p.expanded.unknown.join(', ')}`);
      }
    }
    if (access.categories.size > 0 && !homeEnvs.has(env)) {
      caveats.add('reached across accounts: the resource policy, which must also allow it, was not evaluated');
    }
    out.set(env, access);
  }
  return out;
}
