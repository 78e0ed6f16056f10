// Isolation ("no shared resources"): a resource or principal used by, or reaching into,
// more than one environment is a finding, unless the spec's `shared` allowances name it.
// One fail outcome per subject, with every environment involved and the linking paths
// (capped); attributed subjects without links pass; allowed ones pass naming the allowance.
import type { Principal, Resource } from '../../model/snapshot.js';
import type { SharedAllowance } from '../../model/spec.js';
import { matchesPattern } from '../../util/patterns.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { ArnIndex, arnIndexOf } from './iam-arn-index.js';
import { grantsPath, isAwsManagedKey, securityGroupPath, sharedTargetPath, tagPath, type Collector, type IsolationPath, type Link, type PathContext } from './isolation-paths.js';
import { resourcePolicyPath, resourcePolicyPositions } from './resource-policy-paths.js';
import { collectionGap, recordsOfResources, relationSourcesOf, typePositionsOf } from './support.js';

export const ISOLATION_PATHS: readonly IsolationPath[] = ['tag', 'shared-target', 'ingress-cidr', 'ingress-security-group', 'grants', 'resource-policy'];

export interface IsolationOptions {
  /** Which paths this rule checks (default: all). */
  paths?: IsolationPath[];
  /** Environment-tag values meaning "used by every environment" (case-insensitive). */
  sharedTagValues?: string[];
  /** Ingress CIDRs with a shorter prefix are ignored (0 = check even 0.0.0.0/0). */
  minPrefixLength?: number;
  /** Links listed in a finding's evidence (the count is always complete). */
  maxLinks?: number;
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    paths: { type: 'array', items: { enum: [...ISOLATION_PATHS] }, minItems: 1, uniqueItems: true },
    sharedTagValues: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
    minPrefixLength: { type: 'integer', minimum: 0, maximum: 32 },
    maxLinks: { type: 'integer', minimum: 1, maximum: 1000 },
  },
};

const DEFAULT_SHARED_VALUES = ['shared', 'common', 'global', 'all'];

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first allowance naming the resource, or -1. */
export function allowanceFor(shared: readonly SharedAllowance[], type: string, name: string, arn: string): number {
  return shared.findIndex(
    (a) =>
      matchesPattern(a.type, type) &&
      (a.name === undefined || matchesPattern(a.name, name)) &&
      (a.arn === undefined || matchesPattern(a.arn, arn)),
  );
}

interface Subject {
  own: string | null;
  links: Link[];
}

function linkKey(l: Link): string {
  return [l.path, l.environment, l.via, l.peer ?? '', l.policy ?? ''].join('\u0000');
}

function describe(l: Link): string {
  switch (l.path) {
    case 'tag':
      return `tagged ${l.via}`;
    case 'shared-target':
      return `used (${l.via}) by ${l.peer} of ${l.environment}`;
    case 'ingress-cidr':
      return `admits ${l.via}, inside ${l.environment}'s ${l.peer}`;
    case 'ingress-security-group':
      return `admits ${l.environment}'s security group ${l.peer}`;
    case 'grants':
      return `${l.policy} grants on ${l.via}${l.accountWide ? ` (every environment in the account)` : ''}, reaching ${l.environment}`;
    case 'resource-policy':
      return `${l.policy} admits ${l.via} of ${l.environment} to ${(l.actions ?? []).join(', ')}${l.assumed !== undefined ? ` (assumed: ${l.assumed})` : ''}`;
  }
}

function refOf(ctx: EngineContext, arn: string, principal: Principal | undefined, env: string | null): NonNullable<Outcome['resource']> {
  if (principal !== undefined) {
    const type = principal.kind === 'user' ? 'AWS::IAM::User' : principal.kind === 'role' ? 'AWS::IAM::Role' : 'AWS::IAM::Group';
    return { accountId: principal.accountId, region: 'global', type, name: principal.name, environment: env };
  }
  const parts = arn.split(':');
  void ctx;
  return { accountId: parts[4] ?? '', region: parts[3] || 'global', type: 'unknown', name: arn.split(/[/:]/).pop() ?? arn, environment: env };
}

export function runIsolation(ctx: EngineContext, options: IsolationOptions): Outcome[] {
  const spec = ctx.spec.spec;
  const paths = new Set(options.paths ?? ISOLATION_PATHS);
  const maxLinks = options.maxLinks ?? 10;
  const shared = spec.shared ?? [];
  const envNames = Object.keys(spec.environments).sort(byString);
  const principalsByArn = new Map(ctx.principals.map((p) => [p.arn, p]));

  const allowCache = new Map<string, number>();
  const allowIndex = (arn: string): number => {
    if (shared.length === 0) return -1;
    let i = allowCache.get(arn);
    if (i === undefined) {
      const r = ctx.byArn.get(arn);
      const p = principalsByArn.get(arn);
      i = r !== undefined ? allowanceFor(shared, r.type, r.name, r.arn) : p !== undefined ? allowanceFor(shared, refOf(ctx, arn, p, null).type, p.name, arn) : -1;
      allowCache.set(arn, i);
    }
    return i;
  };
  const envOf = (arn: string): string | null => ctx.attribution.get(arn)?.environment ?? null;
  const recs = recordsOfResources(ctx);
  const envAt = (i: number): string | null => recs[i]?.environment ?? null;

  const envByTagValue = new Map<string, string>();
  for (const env of envNames) {
    envByTagValue.set(env.toLowerCase(), env);
    for (const a of spec.environments[env]?.aliases ?? []) envByTagValue.set(a.toLowerCase(), env);
  }
  let index: ArnIndex | undefined;
  const pc: PathContext = {
    ctx,
    envOf,
    envAt,
    allowed: (arn) => allowIndex(arn) >= 0,
    envNames,
    envByTagValue,
    sharedTagValues: new Set((options.sharedTagValues ?? DEFAULT_SHARED_VALUES).map((v) => v.toLowerCase())),
    tagKeys: new Set(spec.attribution.tagKeys.map((k) => k.toLowerCase())),
    tagClasses: new Map(),
    // Built on first use: only the grants and tag paths ask it anything.
    get index(): ArnIndex {
      return (index ??= shared.length === 0 ? arnIndexOf(ctx) : new ArnIndex(ctx, (arn) => allowIndex(arn) < 0));
    },
  };

  const subjects = new Map<string, Subject>();
  const out: Collector = {
    add(subject, own, link) {
      let s = subjects.get(subject);
      if (s === undefined) subjects.set(subject, (s = { own: own ?? envOf(subject), links: [] }));
      s.links.push(link);
    },
  };
  const resources: readonly Resource[] = ctx.snapshot.resources;
  if (paths.has('tag')) {
    for (const r of resources) if (!pc.allowed(r.arn)) tagPath(pc, r.arn, r.accountId, r.tags, out);
    for (const p of ctx.principals) if (!ctx.byArn.has(p.arn) && !pc.allowed(p.arn)) tagPath(pc, p.arn, p.accountId, p.tags, out);
  }
  if (paths.has('shared-target')) sharedTargetPath(pc, resources, out);
  if (paths.has('ingress-cidr') || paths.has('ingress-security-group')) {
    const sgOut: Collector = { add: (s, o, l) => (paths.has(l.path) ? out.add(s, o, l) : undefined) };
    securityGroupPath(pc, ctx.byType.get('AWS::EC2::SecurityGroup') ?? [], { minPrefixLength: options.minPrefixLength ?? 1 }, sgOut);
  }
  if (paths.has('grants')) grantsPath(pc, ctx.principals, out);
  if (paths.has('resource-policy')) resourcePolicyPath(pc, out);

  const outcomes: Outcome[] = [];
  for (const [arn, s] of [...subjects].sort((a, b) => byString(a[0], b[0]))) {
    const unique = new Map<string, Link>();
    for (const l of s.links) unique.set(linkKey(l), l);
    const links = [...unique.values()].sort(
      (a, b) => byString(a.environment, b.environment) || byString(a.path, b.path) || byString(linkKey(a), linkKey(b)),
    );
    const envs = [...new Set([...(s.own !== null ? [s.own] : []), ...links.map((l) => l.environment)])].sort(byString);
    const r = ctx.byArn.get(arn);
    const name = r?.name ?? principalsByArn.get(arn)?.name ?? arn;
    outcomes.push({
      status: 'fail',
      arn,
      ...(r === undefined ? { resource: refOf(ctx, arn, principalsByArn.get(arn), s.own) } : {}),
      message: `${r?.type ?? refOf(ctx, arn, principalsByArn.get(arn), s.own).type} '${name}'${s.own !== null ? ` (${s.own})` : ''}: ${describe(links[0]!)}${links.length > 1 ? ` (and ${links.length - 1} more link(s))` : ''}; the spec keeps ${envs.filter((e) => e !== s.own).join(', ')} apart from ${s.own ?? 'other environments'}`,
      evidence: {
        observed: { environments: envs },
        expected: { environments: s.own !== null ? [s.own] : ['one environment'] },
        environment: s.own,
        paths: [...new Set(links.map((l) => l.path))].sort(byString),
        links: links.slice(0, maxLinks).map((l) => ({ ...l, summary: describe(l) })),
        linkCount: links.length,
      },
      environments: envs,
      // No specPath: the engine locates the rule's own requirement for the subject's
      // environment (network paths point at that environment's vpcCidrs, not at /shared).
    });
  }

  // Passes: attributed subjects with no link (and allowed ones, naming their allowance).
  // A pass's evidence depends only on the environment: one shared object per environment.
  const passEvidence = new Map<string, Outcome['evidence']>();
  const evidenceOf = (env: string): Outcome['evidence'] => {
    let e = passEvidence.get(env);
    if (e === undefined) passEvidence.set(env, (e = Object.freeze({ observed: Object.freeze({ environments: Object.freeze([env]) }), expected: Object.freeze({ environments: Object.freeze([env]) }) })));
    return e;
  };
  const noErrors = ctx.snapshot.errors.length === 0;
  const passFor = (arn: string, name: string, r: Resource | undefined, p: Principal | undefined, env: string | null): void => {
    if (subjects.has(arn)) return;
    const allowed = allowIndex(arn);
    if (env === null && allowed < 0) return;
    if (r !== undefined && allowed < 0 && !noErrors) {
      const gap = collectionGap(ctx, r, 'isolation');
      if (gap !== undefined) {
        outcomes.push(gap);
        return;
      }
    }
    if (ctx.countPass) return ctx.countPass(env, arn);
    const resource = r === undefined ? refOf(ctx, arn, p, env) : undefined;
    let o: Outcome;
    if (allowed < 0 && r !== undefined && r.type === 'AWS::KMS::Key' && isAwsManagedKey(ctx, arn)) {
      o = { arn, status: 'pass', message: `AWS managed key '${name}' is not an isolation boundary: IAM decides who may use it`, evidence: { observed: 'aws-managed-key', expected: 'used by one environment unless AWS managed or listed as shared' } };
    } else if (allowed >= 0) {
      o = {
        arn,
        status: 'pass',
        message: `'${name}' may be shared: ${shared[allowed]!.reason}`,
        evidence: { observed: 'listed as shared', expected: 'used by one environment unless listed', allowance: shared[allowed] },
        specPath: `/shared/${allowed}`,
      };
    } else {
      o = { arn, status: 'pass', message: `'${name}' is used by ${env} only`, evidence: evidenceOf(env!) };
    }
    if (resource !== undefined) o.resource = resource;
    outcomes.push(o);
  };
  // Passes only for what the selected paths examine: a network-only rule says nothing of buckets.
  for (const i of examinedPositions(ctx, paths, pc)) {
    const r = resources[i]!;
    passFor(r.arn, r.name, r, undefined, envAt(i));
  }
  if (paths.has('tag') || paths.has('grants')) {
    for (const p of ctx.principals) if (!ctx.byArn.has(p.arn)) passFor(p.arn, p.name, undefined, p, envOf(p.arn));
  }
  return outcomes;
}

/** Positions (ascending) of the resources the selected paths examine. */
function examinedPositions(ctx: EngineContext, paths: ReadonlySet<IsolationPath>, pc: PathContext): Iterable<number> {
  const resources = ctx.snapshot.resources;
  if (paths.has('tag') || paths.has('shared-target')) return resources.keys();
  const sgPaths = paths.has('ingress-cidr') || paths.has('ingress-security-group');
  const picked = new Set<number>(paths.has('grants') ? (relationSourcesOf(ctx).get('grants') ?? []) : []);
  if (paths.has('resource-policy')) for (const i of resourcePolicyPositions(pc)) picked.add(i);
  for (const [type, positions] of typePositionsOf(ctx)) {
    if ((sgPaths && type === 'AWS::EC2::SecurityGroup') || (paths.has('grants') && type.startsWith('AWS::IAM::'))) for (const i of positions) picked.add(i);
  }
  return [...picked].sort((a, b) => a - b);
}

export const isolationAnalysis: Analysis<IsolationOptions> = {
  name: 'isolation',
  optionsSchema,
  run: runIsolation,
};
