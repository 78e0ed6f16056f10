// Resource-based policies (bucket, queue, topic, key and secret policies) read as grants:
// each Allow statement's principals, narrowed by the conditions that name accounts,
// principals, source resources, VPCs or the organisation, resolved to the environments
// they belong to. Deny statements never grant. What a condition cannot be resolved to
// leaves the statement reaching every environment (a scanner must not under-report).
import type { PolicyStatement, Resource } from '../../model/snapshot.js';
import type { EngineContext } from '../context.js';
import { arnIndexOf, iamArnRegExp } from './iam-arn-index.js';
import { list } from './iam-policies.js';
import { recordsOfResources } from './support.js';

/** The types whose `config.policy` is a resource policy. */
export const RESOURCE_POLICY_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::KMS::Key',
  'AWS::SecretsManager::Secret',
]);

/** Who a statement names, as written. */
export type Grantee =
  | { kind: 'public'; text: string }
  | { kind: 'account'; account: string; text: string }
  | { kind: 'principal'; arn: string; account: string; text: string }
  | { kind: 'service'; text: string }
  | { kind: 'other'; text: string };

export interface Condition {
  operator: string;
  key: string;
  values: string[];
}

export interface GrantStatement {
  /** `Sid X` or `statement N` (1-based). */
  label: string;
  sid?: string;
  index: number;
  /** Action (or NotAction, then notAction is true) as written. */
  actions: string[];
  notAction: boolean;
  grantees: Grantee[];
  conditions: Condition[];
}

function statementsOf(doc: unknown): PolicyStatement[] {
  if (doc === null || typeof doc !== 'object') return [];
  const s = (doc as { Statement?: unknown }).Statement;
  if (s === undefined || s === null) return [];
  return (Array.isArray(s) ? s : [s]).filter((x): x is PolicyStatement => x !== null && typeof x === 'object');
}

const ACCOUNT_ID = /^\d{12}$/;

/** One Principal value of the AWS kind: '*', an account id, a root, role, user or session ARN. */
export function parseAwsPrincipal(text: string): Grantee {
  if (text === '*') return { kind: 'public', text };
  if (ACCOUNT_ID.test(text)) return { kind: 'account', account: text, text };
  const m = /^arn:[^:]+:(iam|sts)::(\d{12}):(.+)$/.exec(text);
  if (m === null) return { kind: 'other', text };
  const [, service, account, rest] = m as unknown as [string, string, string, string];
  if (rest === 'root') return { kind: 'account', account, text };
  // A role session acts as its role: arn:aws:sts::A:assumed-role/NAME/session.
  const session = service === 'sts' ? /^assumed-role\/([^/]+)\//.exec(rest) : null;
  if (session !== null) return { kind: 'principal', arn: `arn:aws:iam::${account}:role/${session[1]}`, account, text };
  return { kind: 'principal', arn: `arn:aws:iam::${account}:${rest}`, account, text };
}

function grantees(st: PolicyStatement): Grantee[] {
  const raw = st as { Principal?: unknown; NotPrincipal?: unknown };
  // Allow with NotPrincipal admits everyone but the listed: as public as '*'.
  if (raw.NotPrincipal !== undefined) return [{ kind: 'public', text: 'NotPrincipal' }];
  const p = raw.Principal;
  if (p === undefined) return [];
  if (p === '*') return [{ kind: 'public', text: '*' }];
  if (typeof p !== 'object' || p === null) return [{ kind: 'other', text: String(p) }];
  const out: Grantee[] = [];
  for (const [kind, value] of Object.entries(p as Record<string, unknown>)) {
    for (const v of list(value as string | string[]).map(String)) {
      if (kind === 'AWS') out.push(parseAwsPrincipal(v));
      else if (kind === 'Service') out.push({ kind: 'service', text: v });
      else out.push({ kind: 'other', text: `${kind}:${v}` });
    }
  }
  return out;
}

function conditionsOf(st: PolicyStatement): Condition[] {
  const out: Condition[] = [];
  const cond = (st as { Condition?: unknown }).Condition;
  if (cond === null || typeof cond !== 'object') return out;
  for (const [operator, kv] of Object.entries(cond as Record<string, unknown>)) {
    if (kv === null || typeof kv !== 'object') continue;
    for (const [key, values] of Object.entries(kv as Record<string, unknown>)) {
      out.push({ operator, key: key.toLowerCase(), values: list(values as string | string[]).map(String) });
    }
  }
  return out.sort((a, b) => (a.operator + a.key < b.operator + b.key ? -1 : 1));
}

/** The Allow statements of a resource policy (Deny statements never grant). */
export function allowStatements(doc: unknown): GrantStatement[] {
  const out: GrantStatement[] = [];
  statementsOf(doc).forEach((st, i) => {
    if (st.Effect !== 'Allow') return;
    const sid = typeof st.Sid === 'string' && st.Sid !== '' ? st.Sid : undefined;
    const notAction = st.Action === undefined && st.NotAction !== undefined;
    out.push({
      label: sid !== undefined ? `Sid ${sid}` : `statement ${i + 1}`,
      ...(sid !== undefined ? { sid } : {}),
      index: i,
      actions: list(notAction ? st.NotAction : st.Action).map(String),
      notAction,
      grantees: grantees(st),
      conditions: conditionsOf(st),
    });
  });
  return out;
}

/** A statement is public: some grantee is everyone and no condition narrows it. */
export function isPublic(s: GrantStatement): boolean {
  return s.conditions.length === 0 && s.grantees.some((g) => g.kind === 'public');
}

/** Positive operators narrow to the values they list; negated ones (StringNot..., ArnNot...) do not. */
function narrows(c: Condition): boolean {
  return !/Not/i.test(c.operator.replace(/^For(Any|All)Value:/i, '')) && !/^Null$/i.test(c.operator);
}

const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:principalaccount', 'aws:sourceowner']);
const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/** One environment a statement reaches, and what says so. */
export interface Reach {
  environment: string;
  /** The principal or condition value that reaches it. */
  via: string;
  /** The grant depends on a condition envgate resolved conservatively. */
  assumed?: string;
  /** Resolved through an account (not a named principal or resource): the account's every environment. */
  byAccount?: true;
}

/** Lookups a statement's principals and conditions are resolved with (built once per context). */
export interface Resolver {
  envsOfAccount(account: string): ReadonlySet<string>;
  envOfPrincipal(arn: string, account: string): { envs: ReadonlySet<string>; byAccount: boolean };
  envsOfArnPattern(pattern: string): { envs: ReadonlySet<string>; byAccount: boolean };
  envOfVpc(id: string): string | undefined;
  envOfVpce(id: string): string | undefined;
  all: readonly string[];
}

const resolvers = new WeakMap<EngineContext, Resolver>();

export function resolverOf(ctx: EngineContext): Resolver {
  const hit = resolvers.get(ctx);
  if (hit !== undefined) return hit;
  const index = arnIndexOf(ctx);
  const recs = recordsOfResources(ctx);
  const vpcs = new Map<string, string>();
  const vpces = new Map<string, string>();
  ctx.snapshot.resources.forEach((r, i) => {
    const env = recs[i]?.environment;
    if (env == null) return;
    const c = r.config as { vpcId?: string; vpcEndpointId?: string };
    if (r.type === 'AWS::EC2::VPC') vpcs.set(c.vpcId ?? r.id, env);
    if (r.type === 'AWS::EC2::VPCEndpoint') vpces.set(c.vpcEndpointId ?? r.id, env);
  });
  const none: ReadonlySet<string> = new Set();
  const principals = new Map(ctx.principals.map((p) => [p.arn, p]));
  const resolver: Resolver = {
    envsOfAccount: (a) => index.envsByAccount.get(a) ?? none,
    envOfPrincipal: (arn, account) => {
      // A principal the snapshot attributes is its environment; else its account's.
      const env = principals.has(arn) ? ctx.attribution.get(arn)?.environment : undefined;
      return env != null ? { envs: new Set([env]), byAccount: false } : { envs: index.envsByAccount.get(account) ?? none, byAccount: true };
    },
    envsOfArnPattern: (pattern) => {
      const reach = index.reach(pattern, '');
      const envs = new Set(reach.envs);
      // Principal ARN patterns (aws:PrincipalArn) match principals, not resources.
      const re = iamArnRegExp(pattern);
      for (const p of ctx.principals) {
        const env = ctx.attribution.get(p.arn)?.environment;
        if (env != null && re.test(p.arn)) envs.add(env);
      }
      if (envs.size > 0 && !reach.accountWide) return { envs, byAccount: false };
      // Nothing attributed matches (or `arn:...:ACCOUNT:*`): the account in the ARN decides.
      const account = pattern.split(':')[4] ?? '';
      if (ACCOUNT_ID.test(account)) for (const e of index.envsByAccount.get(account) ?? []) envs.add(e);
      return { envs, byAccount: true };
    },
    envOfVpc: (id) => vpcs.get(id),
    envOfVpce: (id) => vpces.get(id),
    all: Object.keys(ctx.spec.spec.environments).sort(),
  };
  resolvers.set(ctx, resolver);
  return resolver;
}

/** Environments the narrowing conditions allow, or undefined when none narrows. */
function conditionReach(s: GrantStatement, rv: Resolver): Reach[] | undefined {
  const out: Reach[] = [];
  let narrowed = false;
  for (const c of s.conditions) {
    if (!narrows(c)) continue;
    const add = (envs: Iterable<string>, via: string, assumed?: string, byAccount = false): void => {
      for (const environment of envs) out.push({ environment, via, ...(assumed !== undefined ? { assumed } : {}), ...(byAccount ? { byAccount: true as const } : {}) });
    };
    if (ACCOUNT_KEYS.has(c.key)) {
      narrowed = true;
      for (const v of c.values) add(rv.envsOfAccount(v), `${c.key}=${v}`, undefined, true);
    } else if (c.key === 'aws:principalarn' || c.key === 'aws:sourcearn') {
      narrowed = true;
      for (const v of c.values) {
        const r = rv.envsOfArnPattern(v);
        add(r.envs, `${c.key}=${v}`, undefined, r.byAccount);
      }
    } else if (c.key === 'aws:sourcevpc' || c.key === 'aws:sourcevpce') {
      narrowed = true;
      for (const v of c.values) {
        const env = c.key === 'aws:sourcevpc' ? rv.envOfVpc(v) : rv.envOfVpce(v);
        // A VPC or endpoint the snapshot does not attribute could be anyone's.
        if (env !== undefined) add([env], `${c.key}=${v}`);
        else add(rv.all, `${c.key}=${v}`, `${v} is not an attributed resource`);
      }
    } else if (ORG_KEYS.has(c.key)) {
      narrowed = true;
      add(rv.all, `${c.key}=${c.values.join(',')}`, 'every environment is assumed to be in the organisation');
    }
  }
  return narrowed ? out : undefined;
}

/** Every environment a statement's principals (narrowed by its conditions) reach. */
export function statementReach(s: GrantStatement, rv: Resolver): Reach[] {
  const out: Reach[] = [];
  const narrowing = conditionReach(s, rv);
  const unresolved = s.conditions.filter((c) => narrowing === undefined || !narrows(c)).map((c) => `${c.operator} ${c.key}`);
  for (const g of s.grantees) {
    if (g.kind === 'account') for (const environment of rv.envsOfAccount(g.account)) out.push({ environment, via: g.text, byAccount: true });
    else if (g.kind === 'principal') {
      const r = rv.envOfPrincipal(g.arn, g.account);
      for (const environment of r.envs) out.push({ environment, via: g.text, ...(r.byAccount ? { byAccount: true as const } : {}) });
    }
    else if (g.kind === 'public' || g.kind === 'service') {
      // '*' or a service acting for anyone: who it is comes from the conditions alone.
      if (narrowing !== undefined) out.push(...narrowing.map((r) => ({ ...r, via: `${g.text} with ${r.via}` })));
      else if (g.kind === 'public' && s.conditions.length > 0) {
        for (const environment of rv.all) out.push({ environment, via: g.text, assumed: `condition not resolved to accounts: ${unresolved.join(', ')}` });
      }
    }
  }
  return out;
}

/** A resource's policy document, when its type carries one. */
export function resourcePolicy(r: Resource): unknown {
  if (!RESOURCE_POLICY_TYPES.has(r.type)) return undefined;
  const p = (r.config as { policy?: unknown }).policy;
  return p === null ? undefined : p;
}
