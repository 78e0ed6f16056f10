// The `parity` analysis: for each spec.parity entry {from, to, properties}, does the source
// environment (staging) mirror the target (production) on each listed property? Compared
// at the level of architecture (kinds, shares, sets, counts), never resource by resource.
import { RESOURCE_TYPES } from '../../model/resource-config.js';
import type { Resource } from '../../model/snapshot.js';
import type { ParityProperty } from '../../model/spec.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { describeError, environmentErrors } from './cost-ceiling.js';
import { cmp } from './cost-estimate.js';
import {
  alarmDimensionValues,
  dimensionIds,
  isGone,
  SHARE_PREDICATES,
  shares,
  TYPE_FIELDS,
  valuesByType,
  zones,
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
  resources: Resource[];
}

/** Types each property reads: their collection errors make the comparison not evaluable. */
function typesRead(property: ParityProperty): readonly string[] {
  const share = SHARE_PREDICATES[property];
  if (share) return Object.keys(share);
  switch (property) {
    case 'alarms': return RESOURCE_TYPES.filter((t) => !t.startsWith('AWS::IAM::'));
    case 'loadBalancer': return [LB];
    case 'instanceTypes': return Object.keys(TYPE_FIELDS);
    case 'instanceCount': return ['AWS::EC2::Instance'];
    case 'availabilityZones': return ['AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::EC2::Volume'];
    default: return RESOURCE_TYPES;
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
  const f = shares(from.resources, preds);
  const t = shares(to.resources, preds);
  const kinds = [...f.keys()].filter((k) => t.has(k)).sort(cmp);
  const missing = kinds.flatMap((k) => [...f.get(k)!.missing, ...t.get(k)!.missing]);
  if (missing.length > 0) return missingResult(property, missing);
  const view = (m: typeof f) =>
    Object.fromEntries(kinds.map((k) => {
      const s = m.get(k)!;
      const total = s.yes.length + s.no.length;
      return [k, { with: s.yes.length, total, share: total === 0 ? 0 : Math.round((s.yes.length / total) * 1000) / 1000 }];
    }));
  const differences: Difference[] = [];
  for (const k of kinds) {
    const a = f.get(k)!;
    const b = t.get(k)!;
    const [ay, at] = [a.yes.length, a.yes.length + a.no.length];
    const [by, bt] = [b.yes.length, b.yes.length + b.no.length];
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

function typesPresent(side: Side): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of side.resources) m.set(r.type, [...(m.get(r.type) ?? []), r.arn]);
  return m;
}

function compareKinds(from: Side, to: Side): Comparison {
  const f = typesPresent(from);
  const t = typesPresent(to);
  const differences: Difference[] = [];
  for (const k of [...new Set([...f.keys(), ...t.keys()])].sort(cmp)) {
    if (f.has(k) === t.has(k)) continue;
    differences.push({ key: k, from: f.has(k), to: t.has(k), ...capped(f.get(k) ?? t.get(k)!) });
  }
  return done([...f.keys()].sort(cmp), [...t.keys()].sort(cmp), differences);
}

function compareAlarms(ctx: EngineContext, from: Side, to: Side): Comparison {
  const dims = alarmDimensionValues(ctx.byType.get('AWS::CloudWatch::Alarm') ?? []);
  const watched = (r: Resource): boolean =>
    (ctx.inbound?.('monitors', r.arn).length ?? 0) > 0 || dimensionIds(r).some((id) => dims.has(id));
  const kindsOf = (side: Side) => {
    const m = new Map<string, { watched: string[]; unwatched: string[] }>();
    for (const r of side.resources) {
      if (r.type === 'AWS::CloudWatch::Alarm') continue;
      const e = m.get(r.type) ?? { watched: [], unwatched: [] };
      (watched(r) ? e.watched : e.unwatched).push(r.arn);
      m.set(r.type, e);
    }
    return m;
  };
  const f = kindsOf(from);
  const t = kindsOf(to);
  const kinds = [...f.keys()].filter((k) => t.has(k)).sort(cmp);
  const withAlarms = (m: typeof f) => kinds.filter((k) => m.get(k)!.watched.length > 0);
  const differences: Difference[] = [];
  for (const k of kinds) {
    const a = f.get(k)!.watched.length > 0;
    const b = t.get(k)!.watched.length > 0;
    if (a === b) continue;
    // The kind is watched on one side only: the unwatched side's resources are the cause.
    differences.push({ key: k, from: a, to: b, ...capped(a ? t.get(k)!.unwatched : f.get(k)!.unwatched) });
  }
  return done(withAlarms(f), withAlarms(t), differences);
}

function compareLoadBalancers(from: Side, to: Side): Comparison {
  const lbs = (side: Side) => side.resources.filter((r) => r.type === LB);
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
  const f = valuesByType(from.resources, TYPE_FIELDS);
  const t = valuesByType(to.resources, TYPE_FIELDS);
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
  const running = (side: Side) => side.resources.filter((r) => r.type === 'AWS::EC2::Instance');
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
  const f = zones(from.resources);
  const t = zones(to.resources);
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
  if (typeof v === 'object' && v !== null && 'with' in v && 'total' in v) return `${String(v.with)}/${String(v.total)}`;
  if (Array.isArray(v)) return v.join(', ') || 'none';
  return String(v);
}

function summarise(d: Difference, from: string, to: string): string {
  if (typeof d.from === 'boolean' && typeof d.to === 'boolean') return `${d.key} in ${d.from ? from : to} only`;
  return `${d.key} ${show(d.from)} vs ${show(d.to)}`;
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
    const byEnv = new Map<string, Resource[]>();
    for (const r of ctx.snapshot.resources) {
      const env = ctx.attribution.get(r.arn)?.environment;
      if (!env || ignore.has(r.type) || isGone(r)) continue;
      const list = byEnv.get(env);
      if (list) list.push(r);
      else byEnv.set(env, [r]);
    }
    const out: Outcome[] = [];
    ctx.spec.spec.parity.forEach((entry, i) => {
      entry.properties.forEach((property, j) => {
        if (wanted && !wanted.has(property)) return;
        out.push(outcomeFor(ctx, entry.from, entry.to, property, `/parity/${i}/properties/${j}`, byEnv, ignore));
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
  byEnv: Map<string, Resource[]>,
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
    specPath,
  };
  const subject = `${fromEnv} vs ${toEnv} on ${property}`;
  const notEvaluated = (reason: string): Outcome => ({
    ...base, status: 'not-evaluated', message: `Parity ${subject} could not be evaluated`, evidence: { property, from: fromEnv, to: toEnv }, reason,
  });
  for (const env of [fromEnv, toEnv]) {
    if (!envs[env]) return notEvaluated(`environment '${env}' is not defined in the spec`);
  }
  const from: Side = { env: fromEnv, resources: byEnv.get(fromEnv) ?? [] };
  const to: Side = { env: toEnv, resources: byEnv.get(toEnv) ?? [] };
  for (const side of [from, to]) {
    if (side.resources.length === 0) return notEvaluated(`no resources are attributed to ${side.env}`);
  }
  const types = typesRead(property).filter((t) => !ignore.has(t));
  const errors = [from, to].flatMap((s) => environmentErrors(ctx, s.env, types, s.resources));
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
    message: `${fromEnv} differs from ${toEnv} on ${property}: ${differences.map((d) => summarise(d, fromEnv, toEnv)).join('; ')}`,
    evidence,
  };
}
