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
  yes: number;
  no: string[];
  missing: string[];
}

/** Resources of one environment grouped by type, built once per run. */
export type ByType = ReadonlyMap<string, readonly Resource[]>;

/** type -> how many resources have the protection, and which do not, for the property's types. */
export function shares(byType: ByType, predicates: Record<string, Predicate>): Map<string, KindShare> {
  const out = new Map<string, KindShare>();
  for (const [type, p] of Object.entries(predicates)) {
    for (const r of byType.get(type) ?? []) {
      const v = p(r.config);
      if (v === 'skip') continue;
      let s = out.get(type);
      if (!s) out.set(type, (s = { yes: 0, no: [], missing: [] }));
      if (v === true) s.yes += 1;
      else (v === 'missing' ? s.missing : s.no).push(r.arn);
    }
  }
  return out;
}

/** Appends in place: rebuilding the array per resource would be quadratic at scale. */
export function pushTo<K>(m: Map<K, string[]>, key: K, arn: string): void {
  const list = m.get(key);
  if (list) list.push(arn);
  else m.set(key, [arn]);
}

/** Field read per type for a value-set property (instanceTypes). */
export const TYPE_FIELDS: Record<string, string> = {
  'AWS::EC2::Instance': 'instanceType',
  'AWS::RDS::DBInstance': 'instanceClass',
  'AWS::ElastiCache::CacheCluster': 'nodeType',
};

/** Types with states in which a resource no longer counts (see isGone). */
export const GONE_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::Instance', 'AWS::EC2::NatGateway', 'AWS::KMS::Key']);

/** Resources that no longer exist in any sense that matters for architecture. */
export function isGone(r: Resource): boolean {
  const state = r.config.state;
  if (r.type === 'AWS::EC2::Instance') return state === 'terminated' || state === 'shutting-down';
  if (r.type === 'AWS::EC2::NatGateway') return state === 'deleted' || state === 'deleting' || state === 'failed';
  if (r.type === 'AWS::KMS::Key') return r.config.keyState === 'PendingDeletion';
  return false;
}

/** value -> arns, e.g. instance type -> instances, per resource type. */
export function valuesByType(byType: ByType, fields: Record<string, string>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const [type, field] of Object.entries(fields)) {
    for (const r of byType.get(type) ?? []) {
      const v = r.config[field];
      let m = out.get(type);
      if (!m) out.set(type, (m = new Map()));
      pushTo(m, typeof v === 'string' && v !== '' ? v : '\u0000missing', r.arn);
    }
  }
  return out;
}

/** Types whose placement says which availability zones an environment uses. */
export const ZONE_TYPES = ['AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::EC2::Volume'];

/** Availability zones the environment places subnets, instances and volumes in. */
export function zones(byType: ByType): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const type of ZONE_TYPES) {
    for (const r of byType.get(type) ?? []) {
      const az = r.config.availabilityZone;
      if (typeof az === 'string' && az !== '') pushTo(out, az, r.arn);
    }
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
  if (r.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return [r.id, r.name];
  const lb = /:loadbalancer\/(.+)$/.exec(r.arn);
  return lb ? [r.id, r.name, lb[1]!] : [r.id, r.name];
}
