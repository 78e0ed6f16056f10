// What an environment must have as a whole: resources of the required types
// (requiredResourceTypes: a cache in production), and enough availability zones
// (network.availabilityZoneCount: its subnets, and the resources of each listed type).
// One outcome per environment and requirement, told apart by the qualifier.
import type { Resource } from '../../model/snapshot.js';
import type { Analysis, EngineContext, Outcome } from '../context.js';
import { gapFor } from './environment-counts.js';
import { subnetIdsOf } from './private-subnets.js';
import { environmentArn, environmentOf, environmentRef, escapePointer, resourcesOf } from './support.js';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const SUBNET = 'AWS::EC2::Subnet';

/** Types whose zones a resource's config or subnets tell (the types availabilityZoneCount.byType may name). */
export const ZONE_COUNT_TYPES = [
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::EC2::Instance',
  'AWS::EC2::NatGateway',
  'AWS::EC2::Subnet',
  'AWS::EC2::Volume',
  'AWS::EKS::Cluster',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::Lambda::Function',
];

function byEnvironment(ctx: EngineContext, type: string): Map<string, Resource[]> {
  const m = new Map<string, Resource[]>();
  for (const r of resourcesOf(ctx, type)) {
    const env = environmentOf(ctx, r.arn);
    if (env !== null) (m.get(env) ?? m.set(env, []).get(env)!).push(r);
  }
  return m;
}

export const requiredResourceTypesAnalysis: Analysis<Record<string, never>> = {
  name: 'required-resource-types',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const types = [...(ctx.spec.spec.environments[env]!.requiredResourceTypes ?? [])].sort();
      for (const type of types) {
        const found = (byEnvironment(ctx, type).get(env) ?? []).map((r) => r.arn).sort();
        const base = { arn: environmentArn(env), resource: environmentRef(env), qualifier: type, specPath: `/environments/${escapePointer(env)}/requiredResourceTypes` };
        const evidence = { observed: found.slice(0, 20), expected: `at least one ${type}` };
        const gap = found.length === 0 ? gapFor(ctx, env, type) : undefined;
        if (gap) out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: presence of ${type} not evaluated, inventory incomplete`, evidence, reason: gap });
        else if (found.length === 0) out.push({ ...base, status: 'fail', message: `Environment ${env}: no ${type}; ${env} requires at least one`, evidence });
        else out.push({ ...base, status: 'pass', message: `Environment ${env}: ${found.length} ${type}, at least one required`, evidence });
      }
    }
    return out;
  },
};

/** The zones one resource is in: its own zone field(s), else its subnets' zones; undefined when unknown. */
function zonesOf(r: Resource, subnetZone: ReadonlyMap<string, string>): string[] | undefined {
  const c = r.config as { availabilityZone?: unknown; availabilityZones?: unknown };
  if (typeof c.availabilityZone === 'string' && c.availabilityZone !== '') return [c.availabilityZone];
  if (Array.isArray(c.availabilityZones) && c.availabilityZones.length > 0) return c.availabilityZones.filter((z): z is string => typeof z === 'string');
  const ids = subnetIdsOf(r);
  if (ids === undefined) return undefined;
  const zones = ids.map((id) => subnetZone.get(`${r.accountId}/${r.region}/${id}`));
  return zones.every((z) => z !== undefined) ? (zones as string[]) : undefined;
}

const plural = (n: number) => `${n} availability zone${n === 1 ? '' : 's'}`;

export const availabilityZoneCountAnalysis: Analysis<Record<string, never>> = {
  name: 'availability-zone-count',
  optionsSchema: NONE,
  run(ctx) {
    const out: Outcome[] = [];
    const subnetZone = new Map<string, string>();
    for (const s of resourcesOf(ctx, SUBNET)) {
      const c = s.config as { subnetId?: unknown; availabilityZone?: unknown };
      if (typeof c.subnetId === 'string' && typeof c.availabilityZone === 'string' && c.availabilityZone !== '') subnetZone.set(`${s.accountId}/${s.region}/${c.subnetId}`, c.availabilityZone);
    }
    for (const env of Object.keys(ctx.spec.spec.environments).sort()) {
      const want = ctx.spec.spec.environments[env]!.network?.availabilityZoneCount;
      if (!want) continue;
      const checks: { qualifier: string; label: string; type: string; min: number; resources: Resource[]; pointer: string }[] = [];
      if (want.min !== undefined) {
        // A default subnet (one per zone, made by AWS) says nothing of where the environment runs.
        const own = (byEnvironment(ctx, SUBNET).get(env) ?? []).filter((s) => (s.config as { defaultForAz?: unknown }).defaultForAz !== true);
        checks.push({ qualifier: 'environment', label: 'subnets', type: SUBNET, min: want.min, resources: own, pointer: 'min' });
      }
      for (const [type, min] of Object.entries(want.byType ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        checks.push({ qualifier: type, label: type, type, min, resources: byEnvironment(ctx, type).get(env) ?? [], pointer: `byType/${escapePointer(type)}` });
      }
      for (const c of checks) {
        const zones = new Set<string>();
        const unknown: string[] = [];
        for (const r of c.resources) {
          const z = zonesOf(r, subnetZone);
          if (z === undefined) unknown.push(r.arn);
          else z.forEach((x) => zones.add(x));
        }
        const list = [...zones].sort();
        const base = { arn: environmentArn(env), resource: environmentRef(env), qualifier: c.qualifier, specPath: `/environments/${escapePointer(env)}/network/availabilityZoneCount/${c.pointer}` };
        const evidence = { observed: { zones: list, unknown: unknown.sort().slice(0, 20) }, expected: { atLeast: c.min } };
        const where = list.length > 0 ? ` (${list.join(', ')})` : '';
        if (list.length >= c.min) {
          out.push({ ...base, status: 'pass', message: `Environment ${env}: ${c.label} in ${plural(list.length)}${where}, at least ${c.min} required`, evidence });
          continue;
        }
        const gap = gapFor(ctx, env, c.type);
        if (gap || unknown.length > 0) {
          out.push({ ...base, status: 'not-evaluated', message: `Environment ${env}: availability zones of ${c.label} not evaluated`, evidence, reason: gap ?? `zones not known for ${unknown.length} resource(s): ${unknown.slice(0, 5).join(', ')}` });
          continue;
        }
        out.push({ ...base, status: 'fail', message: `Environment ${env}: ${c.label} in ${plural(list.length)}${where}; ${env} requires at least ${c.min}`, evidence });
      }
    }
    return out;
  },
};
