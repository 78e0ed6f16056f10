// The `parity` analysis: for each spec.parity entry {from, to, properties}, does the source
// environment (staging) mirror the target (production) on each listed property? Compared
// at the level of architecture (kinds, shares, sets, counts), never resource by resource.
import { DESCRIBED_TYPES } from '../../collect/catalogue/index.js';
import type { Resource } from '../../model/snapshot.js';
import type { ParityProperty } from '../../model/spec.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { describeError } from '../collection-errors.js';
import { environmentErrors } from './cost-ceiling.js';
import { resourcesOfEnvironment } from './cost-environments.js';
import { cmp } from './cost-estimate.js';
import {
  alarmDimensionValues,
  dimensionIds,
  GONE_TYPES,
  isGone,
  type ByType,
  SHARE_PREDICATES,
  shares,
  TYPE_FIELDS,
  valuesByType,
  zones,
  ZONE_TYPES,
} from './parity-profile.js';

export interface ParityOptions {
  /** Only these properties (of those the spec lists); default all listed. */
  properties?: ParityProperty[];
  /** Resource types left out of every comparison (e.g. a NAT gateway staging omits on purpose). */
  ignoreTypes?: string[];
}

export const PARITY_PROPERTIES: readonly ParityProperty[] = [
  'encryption', 'versioning', 'accessLogging', 'alarms', 'loadBalancer', 'resourceKinds',
  'lifecyclePolicy', 'multiAz', 'deletionProtection', 'instanceTypes', 'instanceCount', 'availabilityZones',
];

/** A property's comparison: each difference names the resources behind it. */
export interface Comparison {
  status: 'pass' | 'fail' | 'not-evaluated';
  observed: unknown;
  expected: unknown;
  differences: Difference[];
  /** Kinds present in one environment only: not compared here (resourceKinds covers them). */
  notCompared?: string[];
  reason?: string;
}

export interface Difference {
  /** What differs: a resource type, an instance type, 'count', ... */
  key: string;
  from: unknown;
  to: unknown;
  /** Arns that make the difference (in whichever environment holds them), sorted, capped. */
  causes: string[];
  /** How many more causes were left out of `causes`. */
  moreCauses?: number;
}

const MAX_CAUSES = 20;
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

function capped(arns: string[]): Pick<Difference, 'causes' | 'moreCauses'> {
  const sorted = [...arns].sort(cmp);
  return sorted.length > MAX_CAUSES ? { causes: sorted.slice(0, MAX_CAUSES), moreCauses: sorted.length - MAX_CAUSES } : { causes: sorted };
}

interface Side {
  env: string;
  byType: ByType;
  count: number;
}

const of = (side: Side, type: string): readonly Resource[] => side.byType.get(type) ?? [];

/** Types each property reads: their collection errors make the comparison not evaluable. */
function typesRead(property: ParityProperty): readonly string[] {
  const share = SHARE_PREDICATES[property];
  if (share) return Object.keys(share);
  switch (property) {
    case 'alarms': return DESCRIBED_TYPES.filter((t) => !t.startsWith('AWS::IAM::'));
    case 'loadBalancer': return [LB];
    case 'instanceTypes': return Object.keys(TYPE_FIELDS);
    case 'instanceCount': return ['AWS::EC2::Instance'];
    case 'availabilityZones': return ZONE_TYPES;
    default: return DESCRIBED_TYPES;
  }
}

function missingResult(what: string, arns: string[]): Comparison {
  const list = [...arns].sort(cmp);
  return {
    status: 'not-evaluated',
    observed: undefined,
    expected: undefined,
    differences: [],
    reason: `${what} not in the inventory for ${plural(list.length, 'resource')}: ${list.slice(0, MAX_CAUSES).join(', ')}${list.length > MAX_CAUSES ? ', ...' : ''}`,
  };
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function done(observed: unknown, expected: unknown, differences: Difference[]): Comparison {
  return { status: differences.length > 0 ? 'fail' : 'pass', observed, expected, differences };
}

function compareShares(property: ParityProperty, from: Side, to: Side): Comparison {
  const preds = SHARE_PREDICATES[property]!;
  const f = shares(from.byType, preds);
  const t = shares(to.byType, preds);
  const kinds = [...f.keys()].filter((k) => t.has(k)).sort(cmp);
  const missing = kinds.flatMap((k) => [...f.get(k)!.missing, ...t.get(k)!.missing]);
  if (missing.length > 0) return missingResult(property, missing);
  const view = (m: typeof f) =>
    Object.fromEntries(kinds.map((k) => {
      const s = m.get(k)!;
      const total = s.yes + s.no.length;
      return [k, { with: s.yes, total, share: total === 0 ? 0 : Math.round((s.yes / total) * 1000) / 1000 }];
    }));
  const differences: Difference[] = [];
  for (const k of kinds) {
    const a = f.get(k)!;
    const b = t.get(k)!;
    const [ay, at] = [a.yes, a.yes + a.no.length];
    const [by, bt] = [b.yes, b.yes + b.no.length];
    if (ay * bt === by * at) continue; // same share, compared exactly
    // The side with the lower share holds the resources that make the difference.
    const lower = ay * bt < by * at ? a : b;
    differences.push({ key: k, from: { with: ay, total: at }, to: { with: by, total: bt }, ...capped(lower.no) });
  }
  const notCompared = [...new Set([...f.keys(), ...t.keys()])].filter((k) => !kinds.includes(k)).sort(cmp);
  const c = done(view(f), view(t), differences);
  if (notCompared.length > 0) c.notCompared = notCompared;
  return c;
}

function compareKinds(from: Side, to: Side): Comparison {
  const arns = (side: Side, k: string) => of(side, k).map((r) => r.arn);
  const differences: Difference[] = [];
  for (const k of [...new Set([...from.byType.keys(), ...to.byType.keys()])].sort(cmp)) {
    const [a, b] = [from.byType.has(k), to.byType.has(k)];
    if (a === b) continue;
    differences.push({ key: k, from: a, to: b, ...capped(arns(a ? from : to, k)) });
  }
  return done([...from.byType.keys()].sort(cmp), [...to.byType.keys()].sort(cmp), differences);
}

function compareAlarms(ctx: EngineContext, from: Side, to: Side): Comparison {
  const dims = alarmDimensionValues(ctx.byType.get('AWS::CloudWatch::Alarm') ?? []);
  const watched = (r: Resource): boolean =>
    (ctx.inbound?.('monitors', r.arn).length ?? 0) > 0 || (dims.size > 0 && dimensionIds(r).some((id) => dims.has(id)));
  // Kinds both sides have; a kind is watched when any one of its resources is.
  const kinds = [...from.byType.keys()].filter((k) => k !== 'AWS::CloudWatch::Alarm' && to.byType.has(k)).sort(cmp);
  const f = new Map(kinds.map((k) => [k, of(from, k).some(watched)]));
  const t = new Map(kinds.map((k) => [k, of(to, k).some(watched)]));
  const differences: Difference[] = [];
  for (const k of kinds) {
    const [a, b] = [f.get(k)!, t.get(k)!];
    if (a === b) continue;
    // Watched on one side only: the other side's unwatched resources are the cause.
    const unwatched = of(a ? to : from, k).filter((r) => !watched(r)).map((r) => r.arn);
    differences.push({ key: k, from: a, to: b, ...capped(unwatched) });
  }
  return done(kinds.filter((k) => f.get(k)), kinds.filter((k) => t.get(k)), differences);
}

function compareLoadBalancers(from: Side, to: Side): Comparison {
  const lbs = (side: Side) => of(side, LB);
  const missing = [...lbs(from), ...lbs(to)].filter((r) => typeof r.config.lbType !== 'string').map((r) => r.arn);
  if (missing.length > 0) return missingResult('load balancer type', missing);
  const typesOf = (side: Side) => [...new Set(lbs(side).map((r) => r.config.lbType as string))].sort(cmp);
  const f = typesOf(from);
  const t = typesOf(to);
  const differences: Difference[] = [];
  for (const k of [...new Set([...f, ...t])].sort(cmp)) {
    if (f.includes(k) === t.includes(k)) continue;
    const holder = f.includes(k) ? from : to;
    differences.push({ key: k, from: f.includes(k), to: t.includes(k), ...capped(lbs(holder).filter((r) => r.config.lbType === k).map((r) => r.arn)) });
  }
  return done({ present: f.length > 0, types: f }, { present: t.length > 0, types: t }, differences);
}

function compareInstanceTypes(from: Side, to: Side): Comparison {
  const f = valuesByType(from.byType, TYPE_FIELDS);
  const t = valuesByType(to.byType, TYPE_FIELDS);
  const kinds = [...f.keys()].filter((k) => t.has(k)).sort(cmp);
  const missing = kinds.flatMap((k) => [...(f.get(k)!.get('\u0000missing') ?? []), ...(t.get(k)!.get('\u0000missing') ?? [])]);
  if (missing.length > 0) return missingResult('instance type', missing);
  const view = (m: typeof f) => Object.fromEntries(kinds.map((k) => [k, [...m.get(k)!.keys()].sort(cmp)]));
  const differences: Difference[] = [];
  for (const k of kinds) {
    const a = f.get(k)!;
    const b = t.get(k)!;
    const extra = [...a.keys()].filter((v) => !b.has(v)).sort(cmp);
    const lacking = [...b.keys()].filter((v) => !a.has(v)).sort(cmp);
    if (extra.length === 0 && lacking.length === 0) continue;
    // Causes: source resources of types the target does not use, else the target's of types the source lacks.
    const causes = extra.length > 0 ? extra.flatMap((v) => a.get(v)!) : lacking.flatMap((v) => b.get(v)!);
    differences.push({ key: k, from: [...a.keys()].sort(cmp), to: [...b.keys()].sort(cmp), ...capped(causes) });
  }
  return done(view(f), view(t), differences);
}

function compareInstanceCount(from: Side, to: Side): Comparison {
  const running = (side: Side) => of(side, 'AWS::EC2::Instance');
  const missing = [...running(from), ...running(to)].filter((r) => typeof r.config.state !== 'string').map((r) => r.arn);
  if (missing.length > 0) return missingResult('instance state', missing);
  const f = running(from).filter((r) => r.config.state === 'running');
  const t = running(to).filter((r) => r.config.state === 'running');
  const differences: Difference[] = f.length === t.length ? [] : [{ key: 'AWS::EC2::Instance', from: f.length, to: t.length, ...capped((f.length > t.length ? f : t).map((r) => r.arn)) }];
  return done({ running: f.length }, { running: t.length }, differences);
}

function compareZones(from: Side, to: Side): Comparison {
  // AZ names map to different physical zones per account, and environments may live in
  // different regions: the architecture is the number of zones, not their names.
  const f = zones(from.byType);
  const t = zones(to.byType);
  const differences: Difference[] = [];
  if (f.size !== t.size) {
    const fewer = f.size < t.size ? f : t;
    differences.push({ key: 'count', from: f.size, to: t.size, ...capped([...fewer.values()].flat()) });
  }
  return done({ count: f.size, zones: [...f.keys()] }, { count: t.size, zones: [...t.keys()] }, differences);
}

export function compareProperty(ctx: EngineContext, property: ParityProperty, from: Side, to: Side): Comparison {
  if (SHARE_PREDICATES[property]) return compareShares(property, from, to);
  switch (property) {
    case 'resourceKinds': return compareKinds(from, to);
    case 'alarms': return compareAlarms(ctx, from, to);
    case 'loadBalancer': return compareLoadBalancers(from, to);
    case 'instanceTypes': return compareInstanceTypes(from, to);
    case 'instanceCount': return compareInstanceCount(from, to);
    case 'availabilityZones': return compareZones(from, to);
    default: return { status: 'not-evaluated', observed: undefined, expected: undefined, differences: [], reason: `unknown parity property '${String(property)}'` };
  }
}

export function parityArn(from: string, to: string, property: string): string {
  return `arn:aws:envgate:::parity/${from}/${to}/${property}`;
}

function show(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'with' in v && 'total' in v) return `${String(v.with)} of ${String(v.total)}`;
  if (Array.isArray(v)) return v.join(', ') || 'none';
  return String(v);
}

function summarise(d: Difference, from: string, to: string): string {
  if (typeof d.from === 'boolean' && typeof d.to === 'boolean') return `${d.key} in ${d.from ? from : to} only`;
  return `${d.key} ${show(d.from)} in ${from}, ${show(d.to)} in ${to}`;
}

export const parity: Analysis<ParityOptions> = {
  name: 'parity',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      properties: { type: 'array', items: { enum: [...PARITY_PROPERTIES] }, uniqueItems: true, minItems: 1 },
      ignoreTypes: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    },
  },
  run(ctx, options) {
    const wanted = options.properties ? new Set(options.properties) : null;
    const ignore = new Set(options.ignoreTypes ?? []);
    const sides = new Map<string, Side>();
    const sideOf = (env: string): Side => {
      let side = sides.get(env);
      if (side) return side;
      const byType = new Map<string, readonly Resource[]>();
      let count = 0;
      for (const [type, list] of resourcesOfEnvironment(ctx, env).byType) {
        if (ignore.has(type)) continue;
        const kept = GONE_TYPES.has(type) ? list.filter((r) => !isGone(r)) : list;
        if (kept.length === 0) continue;
        byType.set(type, kept);
        count += kept.length;
      }
      sides.set(env, (side = { env, byType, count }));
      return side;
    };
    const out: Outcome[] = [];
    ctx.spec.spec.parity.forEach((entry, i) => {
      entry.properties.forEach((property, j) => {
        if (wanted && !wanted.has(property)) return;
        out.push(outcomeFor(ctx, entry.from, entry.to, property, `/parity/${i}/properties/${j}`, sideOf, ignore));
      });
    });
    return out;
  },
};

function outcomeFor(
  ctx: EngineContext,
  fromEnv: string,
  toEnv: string,
  property: ParityProperty,
  specPath: string,
  sideOf: (env: string) => Side,
  ignore: Set<string>,
): Outcome {
  const envs = ctx.spec.spec.environments;
  const fromSpec = envs[fromEnv];
  const base: Omit<Outcome, 'status' | 'message' | 'evidence'> = {
    arn: parityArn(fromEnv, toEnv, property),
    resource: {
      accountId: fromSpec?.accounts?.[0]?.id ?? '',
      region: fromSpec?.regions?.[0] ?? 'global',
      type: 'envgate::Parity',
      name: `${fromEnv} vs ${toEnv}: ${property}`,
      environment: fromEnv,
    },
    environments: [fromEnv, toEnv],
    specPath,
  };
  const subject = `${fromEnv} vs ${toEnv} on ${property}`;
  const notEvaluated = (reason: string): Outcome => ({
    ...base, status: 'not-evaluated', message: `Parity ${subject} could not be evaluated`, evidence: { property, from: fromEnv, to: toEnv }, reason,
  });
  for (const env of [fromEnv, toEnv]) {
    if (!envs[env]) return notEvaluated(`environment '${env}' is not defined in the spec`);
  }
  const from = sideOf(fromEnv);
  const to = sideOf(toEnv);
  for (const side of [from, to]) {
    if (side.count === 0) return notEvaluated(`no resources are attributed to ${side.env}`);
  }
  const types = typesRead(property).filter((t) => !ignore.has(t));
  const errors = [from, to].flatMap((s) => environmentErrors(ctx, s.env, types));
  if (errors.length > 0) return notEvaluated([...new Set(errors.map(describeError))].join('; '));

  const c = compareProperty(ctx, property, from, to);
  if (c.status === 'not-evaluated') return notEvaluated(c.reason ?? 'required data missing');
  const { status, observed, expected, differences, reason: _r, ...rest } = c;
  const evidence: Outcome['evidence'] = { observed, expected, property, from: fromEnv, to: toEnv, differences, ...rest };
  if (status === 'pass') {
    return { ...base, status, message: `${fromEnv} matches ${toEnv} on ${property}`, evidence };
  }
  return {
    ...base,
    status,
    message: `Parity ${fromEnv} to ${toEnv}, ${property}: ${differences.map((d) => summarise(d, fromEnv, toEnv)).join('; ')}; the spec requires ${fromEnv} to match ${toEnv}`,
    evidence,
  };
}
