// What parity compares: an environment's architecture as a few aggregate views (share of
// protected resources per kind, sets of kinds, types and zones, counts), never resource
// names, so a staging with one instance can match a production with three.
import type { Resource } from '../../model/snapshot.js';
import type { ParityProperty } from '../../model/spec.js';
import { cmp } from './cost-estimate.js';

/** true / false, 'missing' (field not collected: cannot tell) or 'skip' (not applicable). */
export type Verdict = boolean | 'missing' | 'skip';
type Predicate = (c: Record<string, unknown>) => Verdict;

const bool = (v: unknown): Verdict => (typeof v === 'boolean' ? v : 'missing');
const at = (c: Record<string, unknown>, ...path: string[]): unknown => {
  let v: unknown = c;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
};
const encEnabled: Predicate = (c) => bool(at(c, 'encryption', 'enabled'));

/** Share properties: per resource kind, which resources have the protection. */
export const SHARE_PREDICATES: Partial<Record<ParityProperty, Record<string, Predicate>>> = {
  encryption: {
    'AWS::S3::Bucket': encEnabled,
    'AWS::SQS::Queue': encEnabled,
    'AWS::SNS::Topic': encEnabled,
    'AWS::Logs::LogGroup': encEnabled,
    'AWS::EC2::Volume': encEnabled,
    'AWS::RDS::DBInstance': encEnabled,
    'AWS::RDS::DBCluster': encEnabled,
    'AWS::DynamoDB::Table': encEnabled,
    'AWS::ElastiCache::CacheCluster': (c) => bool(at(c, 'encryption', 'atRest')),
  },
  versioning: {
    'AWS::S3::Bucket': (c) => (typeof c.versioning === 'string' ? c.versioning === 'Enabled' : 'missing'),
  },
  accessLogging: {
    'AWS::S3::Bucket': (c) => bool(at(c, 'logging', 'enabled')),
    'AWS::ElasticLoadBalancingV2::LoadBalancer': (c) => bool(at(c, 'accessLogging', 'enabled')),
  },
  lifecyclePolicy: {
    'AWS::S3::Bucket': (c) => {
      const rules = at(c, 'lifecycle', 'rules');
      if (!Array.isArray(rules)) return 'missing';
      return rules.some((r) => (r as { enabled?: unknown }).enabled === true);
    },
  },
  multiAz: {
    'AWS::RDS::DBInstance': (c) => (typeof c.clusterId === 'string' ? 'skip' : bool(c.multiAz)),
    'AWS::RDS::DBCluster': (c) => bool(c.multiAz),
    // Optional in the vocabulary: Memcached clusters have no Multi-AZ notion.
    'AWS::ElastiCache::CacheCluster': (c) => (typeof c.multiAz === 'boolean' ? c.multiAz : 'skip'),
  },
  deletionProtection: {
    'AWS::RDS::DBInstance': (c) => (typeof c.clusterId === 'string' ? 'skip' : bool(c.deletionProtection)),
    'AWS::RDS::DBCluster': (c) => bool(c.deletionProtection),
    'AWS::DynamoDB::Table': (c) => bool(c.deletionProtection),
    'AWS::ElasticLoadBalancingV2::LoadBalancer': (c) => bool(c.deletionProtection),
  },
};

export interface KindShare {
  yes: string[];
  no: string[];
  missing: string[];
}

/** type -> which resources have the protection, for the types the property covers. */
export function shares(resources: readonly Resource[], predicates: Record<string, Predicate>): Map<string, KindShare> {
  const out = new Map<string, KindShare>();
  for (const r of resources) {
    const p = predicates[r.type];
    if (!p) continue;
    const v = p(r.config);
    if (v === 'skip') continue;
    const s = out.get(r.type) ?? { yes: [], no: [], missing: [] };
    (v === 'missing' ? s.missing : v ? s.yes : s.no).push(r.arn);
    out.set(r.type, s);
  }
  return out;
}

/** Field read per type for a value-set property (instanceTypes). */
export const TYPE_FIELDS: Record<string, string> = {
  'AWS::EC2::Instance': 'instanceType',
  'AWS::RDS::DBInstance': 'instanceClass',
  'AWS::ElastiCache::CacheCluster': 'nodeType',
};

/** Resources that no longer exist in any sense that matters for architecture. */
export function isGone(r: Resource): boolean {
  const state = r.config.state;
  if (r.type === 'AWS::EC2::Instance') return state === 'terminated' || state === 'shutting-down';
  if (r.type === 'AWS::EC2::NatGateway') return state === 'deleted' || state === 'deleting' || state === 'failed';
  if (r.type === 'AWS::KMS::Key') return r.config.keyState === 'PendingDeletion';
  return false;
}

/** value -> arns, e.g. instance type -> instances, per resource type. */
export function valuesByType(resources: readonly Resource[], fields: Record<string, string>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const r of resources) {
    const field = fields[r.type];
    if (!field) continue;
    const v = r.config[field];
    const key = typeof v === 'string' && v !== '' ? v : '\u0000missing';
    const m = out.get(r.type) ?? new Map<string, string[]>();
    m.set(key, [...(m.get(key) ?? []), r.arn]);
    out.set(r.type, m);
  }
  return out;
}

/** Availability zones the environment places subnets, instances, volumes and databases in. */
export function zones(resources: readonly Resource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const az = r.config.availabilityZone;
    if (typeof az !== 'string' || az === '') continue;
    out.set(az, [...(out.get(az) ?? []), r.arn]);
  }
  return new Map([...out.entries()].sort((a, b) => cmp(a[0], b[0])));
}

/** Dimension values every alarm watches: a fallback when the collector left no `monitors` relation. */
export function alarmDimensionValues(alarms: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const a of alarms) {
    const dims = a.config.dimensions;
    if (dims && typeof dims === 'object') for (const v of Object.values(dims)) if (typeof v === 'string') out.add(v);
  }
  return out;
}

/** The id forms CloudWatch dimensions use for a resource (LoadBalancer: 'app/name/id'). */
export function dimensionIds(r: Resource): string[] {
  const ids = [r.id, r.name];
  const lb = /:loadbalancer\/(.+)$/.exec(r.arn);
  if (lb) ids.push(lb[1]!);
  return ids;
}
