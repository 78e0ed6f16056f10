// Access beyond a principal's own identity policies: what resource policies grant it by
// name, and what the roles it can assume hold, transitively. A role
// is assumable when the principal's identity policy allows sts:AssumeRole on it (and its
// permissions boundary, if any, too) and the role's trust policy admits the principal,
// its account or everyone; a trust policy naming the principal itself in the same
// account needs no identity grant (AWS's rule for resource policies). Chains are
// followed breadth first, each role once, up to MAX_CHAIN roles deep.
import type { Principal, PolicyStatement } from '../../model/snapshot.js';
import type { EngineContext } from '../context.js';
import { iamArnRegExp } from './iam-arn-index.js';
import { expandActions, expandNotActions } from './iam-catalog.js';
import { CATEGORY_ORDER, type EnvAccess } from './iam-effective.js';
import { list, type PrincipalPolicies } from './iam-policies.js';
import { allowStatements, resourcePolicy, type GrantStatement } from './resource-policies.js';
import { recordsOfResources } from './support.js';

export const MAX_CHAIN = 5;
const SAMPLE_ACTIONS = 3;

export interface ComputedAccess {
  access?: Map<string, EnvAccess>;
  /** Why the access could not be computed. */
  reason?: string;
  /** Roles reachable by assumption whose access could not be computed (the result is a lower bound). */
  incomplete?: string[];
}

function emptyAccess(envs: readonly string[]): Map<string, EnvAccess> {
  return new Map(envs.map((e) => [e, { categories: new Set(), grants: [], caveats: new Set() }]));
}

function label(sid: string | undefined, index: number): string {
  return sid !== undefined && sid !== '' ? `Sid ${sid}` : `statement ${index + 1}`;
}

/** One resource-policy statement that names principals directly. */
interface PolicyGrant {
  resource: string;
  account: string;
  env: string;
  statement: GrantStatement;
}

const grantsCache = new WeakMap<EngineContext, { byArn: Map<string, PolicyGrant[]>; patterns: { re: RegExp; g: PolicyGrant }[] }>();

/** Resource-policy statements indexed by the principal they name; built once per context. */
function policyGrants(ctx: EngineContext): NonNullable<ReturnType<typeof grantsCache.get>> {
  const hit = grantsCache.get(ctx);
  if (hit !== undefined) return hit;
  const out = { byArn: new Map<string, PolicyGrant[]>(), patterns: [] as { re: RegExp; g: PolicyGrant }[] };
  const recs = recordsOfResources(ctx);
  ctx.snapshot.resources.forEach((r, i) => {
    const env = recs[i]?.environment;
    const doc = env == null ? undefined : resourcePolicy(r);
    if (doc === undefined) return;
    for (const s of allowStatements(doc)) {
      const g: PolicyGrant = { resource: r.arn, account: r.accountId, env: env!, statement: s };
      for (const who of s.grantees) {
        if (who.kind === 'principal') {
          const l = out.byArn.get(who.arn);
          if (l === undefined) out.byArn.set(who.arn, [g]);
          else l.push(g);
        } else if (who.kind === 'public') {
          // '*' with aws:PrincipalArn grants the principals it names. With no condition it
          // admits everyone, which is resource-policy-public's one finding, not one per
          // team principal; other conditions (aws:SourceOwner, aws:SourceArn, ...) bound
          // service or account paths, which identity policies still decide.
          for (const c of s.conditions) {
            if (c.key === 'aws:principalarn' && !/Not/i.test(c.operator)) for (const v of c.values) out.patterns.push({ re: iamArnRegExp(v), g });
          }
        }
      }
    }
  });
  grantsCache.set(ctx, out);
  return out;
}

/** The role ARN with its path removed (trust policies may name either). */
function bare(arn: string): string {
  const m = /^(arn:[^:]+:iam::\d{12}:(?:role|user))\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m === null ? arn : `${m[1]}/${m[2]}`;
}

/** What resource policies grant `p` by name (or by aws:PrincipalArn), per environment. */
export function resourcePolicyAccess(ctx: EngineContext, p: Principal, envs: readonly string[]): Map<string, EnvAccess> {
  const out = emptyAccess(envs);
  const idx = policyGrants(ctx);
  const found = [...(idx.byArn.get(p.arn) ?? []), ...(bare(p.arn) !== p.arn ? (idx.byArn.get(bare(p.arn)) ?? []) : [])];
  for (const { re, g } of idx.patterns) if (re.test(p.arn)) found.push(g);
  for (const g of found) {
    const a = out.get(g.env);
    if (a === undefined) continue;
    const s = g.statement;
    const expanded = s.notAction ? expandNotActions(s.actions) : expandActions(s.actions);
    const policy = `resource policy of ${g.resource}`;
    let granted = false;
    for (const category of CATEGORY_ORDER) {
      const actions = (expanded.byCategory.get(category) ?? []).slice(0, SAMPLE_ACTIONS);
      if (actions.length === 0) continue;
      granted = true;
      a.categories.add(category);
      a.grants.push({ principalArn: p.arn, policy, ...(s.sid !== undefined ? { sid: s.sid } : {}), category, actions: [...actions] });
    }
    if (!granted) continue;
    if (s.conditions.length > 0) a.caveats.add(`${policy} (${s.label}) has a Condition; counted as granting`);
    if (g.account !== p.accountId) a.caveats.add(`${policy} (${s.label}) counted across accounts without reading the identity policy`);
  }
  return out;
}

/** Adds `extra` to `base` (every environment), marking grants with the roles assumed. */
export function mergeAccess(base: Map<string, EnvAccess>, extra: ReadonlyMap<string, EnvAccess>, via?: readonly string[]): void {
  for (const [env, a] of extra) {
    const b = base.get(env);
    if (b === undefined) continue;
    for (const c of a.categories) b.categories.add(c);
    for (const g of a.grants) b.grants.push(via === undefined ? g : { ...g, via: [...via] });
    for (const c of a.caveats) b.caveats.add(via === undefined ? c : `${c} (through ${via.join(' -> ')})`);
  }
}

function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => iamArnRegExp(p.toLowerCase()).test(action));
}

/** Whether the identity statements allow (and no unconditional Deny refuses) sts:AssumeRole on `role`. */
function identityAllows(stmts: readonly { statement: PolicyStatement }[], role: string): boolean {
  let allowed = false;
  for (const { statement: st } of stmts) {
    const notAction = st.Action === undefined && st.NotAction !== undefined;
    const names = list(notAction ? st.NotAction : st.Action);
    const hits = notAction ? !actionMatches(names, 'sts:assumerole') : actionMatches(names, 'sts:assumerole');
    if (!hits) continue;
    const notResource = st.Resource === undefined && st.NotResource !== undefined;
    const res = list(notResource ? st.NotResource : (st.Resource ?? '*'));
    const onRole = notResource ? !res.some((r) => iamArnRegExp(r).test(role)) : res.some((r) => iamArnRegExp(r).test(role));
    if (!onRole) continue;
    const conditional = st.Condition !== undefined && Object.keys(st.Condition).length > 0;
    if (st.Effect === 'Deny' && !conditional) return false;
    if (st.Effect === 'Allow') allowed = true;
  }
  return allowed;
}

export interface AssumeStep {
  role: Principal;
  /** The trust statement that admits the caller. */
  trust: string;
  conditional: boolean;
}

interface TrustEntry {
  role: Principal;
  trust: string;
  conditional: boolean;
  /** Named as itself (bare ARN) rather than by account or '*'. */
  named: boolean;
}

/** Roles' trust statements allowing sts:AssumeRole, by whom they admit. Built once per scan. */
export class TrustIndex {
  private readonly byPrincipal = new Map<string, TrustEntry[]>();
  private readonly byAccount = new Map<string, TrustEntry[]>();
  private readonly everyone: TrustEntry[] = [];

  constructor(roles: readonly Principal[]) {
    const push = (m: Map<string, TrustEntry[]>, k: string, e: TrustEntry): void => {
      const l = m.get(k);
      if (l === undefined) m.set(k, [e]);
      else l.push(e);
    };
    for (const role of roles) {
      if (role.kind !== 'role' || role.trustPolicy === undefined) continue;
      for (const s of allowStatements(role.trustPolicy)) {
        if (s.notAction || !actionMatches(s.actions.map((a) => a.toLowerCase()), 'sts:assumerole')) continue;
        const base = { role, trust: label(s.sid, s.index), conditional: s.conditions.length > 0 };
        for (const g of s.grantees) {
          if (g.kind === 'public') this.everyone.push({ ...base, named: false });
          else if (g.kind === 'account') push(this.byAccount, g.account, { ...base, named: false });
          else if (g.kind === 'principal') push(this.byPrincipal, bare(g.arn), { ...base, named: true });
        }
      }
    }
  }

  /** Roles `p` can assume directly, one step per role (the first admitting statement), by role ARN. */
  assumable(p: Principal, policies: PrincipalPolicies): AssumeStep[] {
    const steps = new Map<string, AssumeStep>();
    const candidates = [...(this.byPrincipal.get(bare(p.arn)) ?? []), ...(this.byAccount.get(p.accountId) ?? []), ...this.everyone];
    for (const e of candidates) {
      if (e.role.arn === p.arn || steps.has(e.role.arn)) continue;
      // Named in its own account's trust policy, the caller needs no identity grant.
      const free = e.named && e.role.accountId === p.accountId;
      const identity = free || (identityAllows(policies.identity, e.role.arn) && (policies.boundary === undefined || identityAllows(policies.boundary, e.role.arn)));
      if (identity) steps.set(e.role.arn, { role: e.role, trust: e.trust, conditional: e.conditional });
    }
    return [...steps.values()].sort((a, b) => (a.role.arn < b.role.arn ? -1 : a.role.arn > b.role.arn ? 1 : 0));
  }
}

export interface ChainInput {
  trust: TrustIndex;
  policiesOf(p: Principal): PrincipalPolicies;
  /** The principal's own access (identity and resource policies), memoised by the caller. */
  ownOf(p: Principal): ComputedAccess;
}

/** A principal's own access plus every role's it reaches by assumption, with the chains. */
export function accessWithChains(p: Principal, input: ChainInput): ComputedAccess {
  const own = input.ownOf(p);
  if (own.access === undefined) return own;
  const access = new Map([...own.access].map(([e, a]) => [e, { categories: new Set(a.categories), grants: [...a.grants], caveats: new Set(a.caveats) }]));
  const incomplete: string[] = [];
  const seen = new Set([p.arn]);
  let frontier: { from: Principal; chain: string[] }[] = [{ from: p, chain: [] }];
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { from, chain } of frontier) {
      for (const step of input.trust.assumable(from, input.policiesOf(from))) {
        if (seen.has(step.role.arn)) continue;
        seen.add(step.role.arn);
        const via = [...chain, step.role.arn];
        const theirs = input.ownOf(step.role);
        if (theirs.access === undefined) {
          incomplete.push(`${step.role.arn}: ${theirs.reason ?? 'not computed'}`);
          continue;
        }
        mergeAccess(access, theirs.access, via);
        if (step.conditional) for (const a of access.values()) if (a.grants.some((g) => g.via?.join() === via.join())) a.caveats.add(`trust policy of ${step.role.arn} (${step.trust}) has a Condition; counted as admitting`);
        next.push({ from: step.role, chain: via });
      }
    }
    frontier = next;
  }
  // Said only when the bound actually cut a chain short.
  if (frontier.some(({ from }) => input.trust.assumable(from, input.policiesOf(from)).some((s) => !seen.has(s.role.arn)))) {
    for (const a of access.values()) a.caveats.add(`role chains followed ${MAX_CHAIN} roles deep, no further`);
  }
  return { access, ...(incomplete.length > 0 ? { incomplete: incomplete.sort() } : {}) };
}

