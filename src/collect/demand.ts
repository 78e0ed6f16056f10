// What collection must ask for, from the loaded rules and the spec: which types to list,
// which config fields and relation kinds some active check reads, and so which of each
// descriptor's calls to make (a bucket's lifecycle is not fetched when no check reads
// it). A rule is active when the spec can make it give a result (isActive); a
// requirement that lists types narrows the rule to them. Pure; `inventory --full` uses FULL_DEMAND instead.
import { PRICED_FIELDS } from '../engine/analyses/cost-estimate.js';
import { ISOLATION_PATHS } from '../engine/analyses/isolation.js';
import { USAGE_KINDS, type IsolationPath } from '../engine/analyses/isolation-paths.js';
import { SHARE_PREDICATES, TYPE_FIELDS, ZONE_TYPES } from '../engine/analyses/parity-profile.js';
import { RESOURCE_POLICY_TYPES } from '../engine/analyses/resource-policies.js';
import type { Condition, Rule } from '../engine/rule.js';
import type { RelationKind } from '../model/snapshot.js';
import { BACKUP_PLAN_TYPES, type ParityProperty, type Spec } from '../model/spec.js';
import { REQUIREMENT_TYPES } from '../spec/requirement-types.js';
import { CATALOGUE, descriptorOf } from './catalogue/index.js';
import type { CallInfo, ResourceDescriptor } from './catalogue/descriptor.js';

type Fields = Set<string> | '*';

export interface Demand {
  /** Every call of every type (`inventory --full`, or a check whose reads are not declared). */
  full: boolean;
  /** Per described type: the top-level config fields needed ('*': all). An absent type is not listed. */
  types: Map<string, Fields>;
  /** Relation kinds some check reads ('*': all). */
  relations: Set<string> | '*';
}

export const FULL_DEMAND: Demand = { full: true, types: new Map(CATALOGUE.map((d) => [d.type, '*'])), relations: '*' };

interface Reads {
  types: Record<string, readonly string[] | '*'>;
  relations?: readonly string[] | '*';
}

/** Merges reads: fields per type united, '*' absorbing. */
function merged(parts: readonly Reads[]): Reads {
  const types: Record<string, readonly string[] | '*'> = {};
  let relations: string[] | '*' = [];
  for (const p of parts) {
    for (const [t, f] of Object.entries(p.types)) {
      const had = types[t];
      types[t] = had === '*' || f === '*' ? '*' : [...new Set([...(had ?? []), ...f])];
    }
    const r = p.relations ?? [];
    relations = relations === '*' || r === '*' ? '*' : [...new Set([...relations, ...r])];
  }
  return { types, relations };
}

const onTypes = (types: Iterable<string>, fields: readonly string[]): Reads['types'] => Object.fromEntries([...types].map((t) => [t, fields]));

/** What each isolation path reads (engine/analyses/isolation-paths.ts, resource-policy-paths.ts). */
const ISOLATION_READS: Readonly<Record<IsolationPath, Reads>> = {
  // Every type's tags come with its listing; principals with IAM's.
  tag: { types: { '*': [] } },
  'shared-target': { types: { '*': [] }, relations: [...USAGE_KINDS] },
  'ingress-cidr': { types: { 'AWS::EC2::SecurityGroup': ['groupId', 'ingress'] }, relations: ['ingress-cidr'] },
  'ingress-security-group': { types: { 'AWS::EC2::SecurityGroup': ['groupId', 'ingress'] }, relations: ['ingress-security-group'] },
  // Principals and policies come with IAM's listing; managed policies carry `grants`.
  grants: { types: { '*': [] }, relations: ['grants'] },
  // Policies, and the VPCs and endpoints their conditions name.
  'resource-policy': { types: { ...onTypes(RESOURCE_POLICY_TYPES, ['policy']), 'AWS::EC2::VPC': ['vpcId'], 'AWS::EC2::VPCEndpoint': ['vpcEndpointId'] } },
};

/** What each parity property reads (engine/analyses/parity.ts, parity-profile.ts). */
const PARITY_READS: Readonly<Record<ParityProperty, Reads>> = {
  encryption: { types: onTypes(Object.keys(SHARE_PREDICATES.encryption ?? {}), ['encryption']) },
  versioning: { types: { 'AWS::S3::Bucket': ['versioning'] } },
  accessLogging: { types: { 'AWS::S3::Bucket': ['logging'], 'AWS::ElasticLoadBalancingV2::LoadBalancer': ['accessLogging'] } },
  lifecyclePolicy: { types: { 'AWS::S3::Bucket': ['lifecycle'] } },
  // An RDS instance in a cluster is judged by its cluster (clusterId).
  multiAz: { types: { ...onTypes(Object.keys(SHARE_PREDICATES.multiAz ?? {}), ['multiAz']), 'AWS::RDS::DBInstance': ['clusterId', 'multiAz'] } },
  deletionProtection: {
    types: { ...onTypes(Object.keys(SHARE_PREDICATES.deletionProtection ?? {}), ['deletionProtection']), 'AWS::RDS::DBInstance': ['clusterId', 'deletionProtection'] },
  },
  // Which kinds are watched: every listed type, the alarms' dimensions and `monitors`.
  alarms: { types: { '*': [], 'AWS::CloudWatch::Alarm': ['dimensions'] }, relations: ['monitors'] },
  loadBalancer: { types: { 'AWS::ElasticLoadBalancingV2::LoadBalancer': ['lbType'] } },
  resourceKinds: { types: { '*': [] } },
  instanceTypes: { types: Object.fromEntries(Object.entries(TYPE_FIELDS).map(([t, f]) => [t, [f]])) },
  instanceCount: { types: { 'AWS::EC2::Instance': ['state'] } },
  availabilityZones: { types: onTypes(ZONE_TYPES, ['availabilityZone']) },
};

/** Every parity comparison leaves out resources that are gone (parity-profile.ts isGone). */
const PARITY_GONE: Reads = { types: { 'AWS::EC2::Instance': ['state'], 'AWS::EC2::NatGateway': ['state'], 'AWS::KMS::Key': ['keyState'] } };

/**
 * What each analysis reads beyond the rule's own types' listing, under its options and
 * the spec: per type the config fields ('*' all; '*' as type: every described type), and
 * relation kinds. An analysis missing here makes the demand full.
 */
const ANALYSIS_READS: Readonly<Record<string, (options: Record<string, unknown>, spec: Spec) => Reads>> = {
  'access-matrix': () => ({ types: {} }),
  'attribution-conflict': () => ({ types: { '*': [] } }),
  'attribution-missing': () => ({ types: { '*': [] } }),
  // Every environment's estimate is reported, ceiling or not (cost-ceiling.ts costDetails).
  'cost-ceiling': () => ({ types: { '*': [], ...PRICED_FIELDS } }),
  // Every environment's figure is part of the total a share is of.
  'cost-share': () => ({ types: { '*': [], ...PRICED_FIELDS } }),
  'default-vpc-use': () => ({ types: { '*': [], 'AWS::EC2::VPC': '*' }, relations: ['vpc'] }),
  'instance-count': () => ({ types: { 'AWS::EC2::Instance': '*' } }),
  // Per selected path (default all); passes need every type listed for attribution.
  isolation: (options) => merged([{ types: { '*': [] } }, ...((options.paths as IsolationPath[] | undefined) ?? ISOLATION_PATHS).map((p) => ISOLATION_READS[p])]),
  'load-balancer-presence': () => ({ types: { 'AWS::ElasticLoadBalancingV2::LoadBalancer': '*' } }),
  'open-ingress': () => ({ types: { 'AWS::EC2::SecurityGroup': '*' }, relations: ['ingress-cidr', 'ingress-security-group'] }),
  // The properties the spec's parity entries list, of those the rule selects.
  // Presence: the listed types' listings (attribution only).
  'required-resource-types': (_o, spec) => ({ types: Object.fromEntries([...new Set(Object.values(spec.environments).flatMap((e) => e.requiredResourceTypes ?? []))].map((t) => [t, []])) }),
  // Zones: the fields that place a resource, and subnets' zones for those placed by subnet.
  'availability-zone-count': (_o, spec) => {
    const listed = [...new Set(Object.values(spec.environments).flatMap((e) => Object.keys(e.network?.availabilityZoneCount?.byType ?? {})))];
    const any = Object.values(spec.environments).some((e) => e.network?.availabilityZoneCount !== undefined);
    if (!any) return { types: {} };
    return { types: { ...onTypes(listed, ['availabilityZone', 'availabilityZones', 'subnetId', 'subnetIds']), 'AWS::EC2::Subnet': ['subnetId', 'availabilityZone', 'defaultForAz'] }, relations: ['subnet'] };
  },
  // Security groups' rules; the bastion's instances (names, tags, groups).
  'bastion-ssh': () => ({ types: { 'AWS::EC2::SecurityGroup': ['groupId', 'ingress'], 'AWS::EC2::Instance': ['securityGroupIds'] }, relations: ['security-group', 'ingress-cidr', 'ingress-security-group'] }),
  'allowed-ingress': () => ({ types: { 'AWS::EC2::SecurityGroup': ['groupId', 'groupName', 'ingress'] }, relations: ['ingress-cidr', 'ingress-security-group'] }),
  // The listed workload types, their subnets and VPCs, and the route tables that decide.
  'private-subnets': (_o, spec) => {
    const listed = [...new Set(Object.values(spec.environments).flatMap((e) => e.network?.privateSubnets ?? []))];
    if (listed.length === 0) return { types: {} };
    return { types: { ...Object.fromEntries(listed.map((t) => [t, ['subnetId', 'subnetIds', 'vpcId', 'publicIp', 'publiclyAccessible', 'assignPublicIp']])), 'AWS::EC2::Subnet': ['subnetId', 'vpcId'], 'AWS::EC2::RouteTable': '*' }, relations: ['subnet', 'vpc'] };
  },
  parity: (options, spec) => {
    const selected = options.properties as ParityProperty[] | undefined;
    const listed = new Set(spec.parity.flatMap((e) => e.properties).filter((p) => !selected || selected.includes(p)));
    if (listed.size === 0) return { types: {} };
    return merged([{ types: { '*': [] } }, PARITY_GONE, ...[...listed].map((p) => PARITY_READS[p] ?? { types: { '*': '*' }, relations: '*' })]);
  },
  'resource-policy-public': () => ({ types: onTypes(RESOURCE_POLICY_TYPES, ['policy']) }),
  'secret-rotation': () => ({ types: { 'AWS::SecretsManager::Secret': ['rotationEnabled', 'rotationIntervalDays', 'rotationSchedule', 'lastRotated', 'created'] } }),
  // The snapshotted resources by arn, their snapshots' times and what each was taken of.
  'snapshot-age': () => ({ types: { 'AWS::EC2::Volume': [], 'AWS::RDS::DBInstance': [], 'AWS::EC2::Snapshot': ['startTime'], 'AWS::RDS::DBSnapshot': ['createTime'] }, relations: ['snapshot-of'] }),
  // The protected resources with their tags (read always) and every plan's rules and selections.
  'backup-plan-coverage': () => ({ types: { ...Object.fromEntries(BACKUP_PLAN_TYPES.map((t) => [t, t === 'AWS::RDS::DBInstance' ? ['clusterId'] : []])), 'AWS::Backup::BackupPlan': ['rules', 'selections'] } }),
  'certificate-expiry': () => ({ types: { 'AWS::CertificateManager::Certificate': ['status', 'notAfter'] } }),
  'certificate-domains': () => ({ types: { 'AWS::CertificateManager::Certificate': ['domainName', 'status'] } }),
  'cloudtrail-per-environment': () => ({ types: { 'AWS::CloudTrail::Trail': '*' } }),
  // Dashboards are counted by their environment: the listing (names, tags) is enough.
  'dashboards-present': () => ({ types: { 'AWS::CloudWatch::Dashboard': [] } }),
  // Records by name and type, and where they point: the load balancers' DNS names resolve it.
  'dns-records-present': () => ({ types: { 'AWS::Route53::RecordSet': '*', 'AWS::ElasticLoadBalancingV2::LoadBalancer': ['dnsName'] }, relations: ['alias-target'] }),
  's3-lifecycle': () => ({ types: { 'AWS::S3::Bucket': ['lifecycle'] } }),
  'vpc-cidr-overlap': () => ({ types: { 'AWS::EC2::VPC': '*' } }),
};

/**
 * Fields the engine itself reads of every listed resource of a type: account furniture
 * (default VPCs, subnets, groups, ACLs, main route tables, AWS managed keys).
 */
export const ENGINE_READS: Readonly<Record<string, string[]>> = {
  'AWS::EC2::VPC': ['isDefault', 'vpcId'],
  'AWS::EC2::Subnet': ['defaultForAz'],
  'AWS::EC2::SecurityGroup': ['groupName'],
  'AWS::EC2::NetworkAcl': ['isDefault'],
  'AWS::EC2::RouteTable': ['main'],
  // Apex NS and SOA records are furniture by their type, name and zone.
  'AWS::Route53::RecordSet': ['recordType', 'recordName', 'zoneName'],
  'AWS::KMS::Key': ['keyManager', 'aliases'],
};

/** The values a spec pointer pattern ('/environments/*' + '/encryption/atRest') reaches. */
function reach(root: unknown, pointer: string): unknown[] {
  let cur: unknown[] = [root];
  for (const seg of pointer.split('/').slice(1)) {
    cur = cur.flatMap((v) => {
      if (v === null || typeof v !== 'object') return [];
      if (seg === '*') return Object.values(v as object);
      const next = (v as Record<string, unknown>)[seg];
      return next === undefined ? [] : [next];
    });
  }
  return cur;
}

/**
 * Whether a rule can give a result under the spec: a rule whose applicability is exactly
 * "environment setting equals a value" when some environment has that value; any other
 * rule always.
 */
function isActive(rule: Rule, spec: Spec): boolean {
  return gateOpen(rule.applicability, spec);
}

/** False when the applicability needs a spec value (`env` equals a literal) no environment has; an `all` needs each of its members. */
function gateOpen(c: Condition | undefined, spec: Spec): boolean {
  const app = c as Record<string, unknown> | undefined;
  if (app && Array.isArray(app.all)) return (app.all as Condition[]).every((x) => gateOpen(x, spec));
  const simple = app && typeof app.env === 'string' && ['string', 'number', 'boolean'].includes(typeof app.equals) && Object.keys(app).every((k) => k === 'env' || k === 'equals' || k === 'message');
  if (simple) return reach(spec, `/environments/*/${(app.env as string).split('.').join('/')}`).some((v) => v === app.equals);
  // A rule's `requirement` only locates its results: the engine runs the rule whatever the
  // spec says there (isolation with no `shared:` list, public policies by default), so
  // it cannot switch collection off.
  return true;
}

/** The types a type-listing requirement names in this spec, or undefined when it lists none. */
function listedTypes(spec: Spec, requirement: string): Set<string> | undefined {
  const direct = REQUIREMENT_TYPES[requirement];
  const typed = REQUIREMENT_TYPES[`${requirement}/type`];
  const keyed = REQUIREMENT_TYPES[`${requirement}/byType`];
  if (!direct && !typed && !keyed) return undefined;
  const out = new Set<string>();
  // A map of types below the requirement (availabilityZoneCount.byType): its keys.
  if (keyed) for (const v of reach(spec, `${requirement}/byType`)) if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) out.add(k);
  for (const v of reach(spec, requirement)) {
    if (typed) for (const item of Array.isArray(v) ? v : [v]) if (item && typeof (item as { type?: unknown }).type === 'string') out.add((item as { type: string }).type);
    if (direct && Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.add(x);
    if (direct && v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) out.add(k);
  }
  return out;
}

/** Config fields and relation kinds a condition reads (paths inside every/some/none are relative to a field already read). */
function readsOf(c: Condition | undefined, fields: Set<string>, relations: Set<string>, all: { config: boolean; inbound: Set<string> }): void {
  if (!c) return;
  if ('all' in c) return c.all.forEach((x) => readsOf(x, fields, relations, all));
  if ('any' in c) return c.any.forEach((x) => readsOf(x, fields, relations, all));
  if ('not' in c) return readsOf(c.not, fields, relations, all);
  const path = (p: string | undefined) => {
    if (p === 'config' || p === '.') all.config = true;
    else if (p?.startsWith('config.')) fields.add(p.slice('config.'.length).split('.')[0]!);
  };
  path(c.path);
  for (const v of Object.values(c)) if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { path?: unknown }).path === 'string') path((v as { path: string }).path);
  // A value reference inside a quantifier (`every: { in: { path: config.x } }`) reads the
  // resource, not the element: collect it too (one too many is only an extra field).
  for (const q of [c.every, c.some, c.none]) if (q && typeof q === 'object') configRefs(q, fields);
  if (c.relations) relations.add(c.relations);
  if (c.inbound) {
    relations.add(c.inbound);
    all.inbound.add(c.inbound);
  }
}

/** Every `path: config.FIELD` reference below a value, at any depth. */
function configRefs(v: unknown, fields: Set<string>): void {
  if (Array.isArray(v)) return v.forEach((x) => configRefs(x, fields));
  if (!v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'path' && typeof x === 'string' && x.startsWith('config.')) fields.add(x.slice('config.'.length).split('.')[0]!);
    else configRefs(x, fields);
  }
}

export function demandOf(rules: readonly Rule[], spec: Spec): Demand {
  const types = new Map<string, Fields>();
  let relations: Set<string> | '*' = new Set();
  let full = false;
  const need = (type: string, fields: readonly string[] | '*') => {
    const targets = type === '*' ? CATALOGUE.map((d) => d.type) : descriptorOf(type) ? [type] : [];
    for (const t of targets) {
      const had = types.get(t);
      if (fields === '*' || had === '*') types.set(t, '*');
      else types.set(t, new Set([...(had ?? []), ...fields, ...(ENGINE_READS[t] ?? [])]));
    }
  };
  const needRelations = (kinds: readonly string[] | '*') => {
    if (kinds === '*' || relations === '*') relations = '*';
    else for (const k of kinds) relations.add(k);
  };
  for (const rule of rules) {
    if (!isActive(rule, spec)) continue;
    const requirement = rule.meta.requirement;
    const listed = requirement ? listedTypes(spec, requirement) : undefined;
    const ruleTypes = rule.meta.resourceTypes.flatMap((t) => (t === '*' ? CATALOGUE.map((d) => d.type) : [t])).filter((t) => !listed || listed.has(t));
    const fields = new Set<string>();
    const kinds = new Set<string>();
    const all = { config: false, inbound: new Set<string>() };
    for (const c of [rule.applicability, rule.check, rule.each?.where]) readsOf(c, fields, kinds, all);
    for (const t of ruleTypes) need(t, all.config ? '*' : [...fields]);
    // What points at a resource is read from the types whose records carry the kind.
    for (const kind of all.inbound) for (const d of CATALOGUE) if (d.relations.includes(kind as RelationKind)) need(d.type, []);
    needRelations([...kinds]);
    if (rule.analysis) {
      const readsOfAnalysis = ANALYSIS_READS[rule.analysis.name];
      if (!readsOfAnalysis) {
        full = true;
        continue;
      }
      const reads = readsOfAnalysis(rule.analysis.options ?? {}, spec);
      for (const [t, f] of Object.entries(reads.types)) need(t, f);
      needRelations(reads.relations ?? []);
    }
  }
  // A key's ownership decides customerManagedKey on what uses it (collect/finish.ts).
  if ([...types.values()].some((f) => f === '*' || f.has('encryption'))) need('AWS::KMS::Key', ['keyManager', 'aliases']);
  return full ? FULL_DEMAND : { full: false, types, relations };
}

/** Whether collection makes this call of this type under the demand. */
export function needsCall(demand: Demand, d: ResourceDescriptor, call: CallInfo): boolean {
  if (demand.full) return true;
  const fields = demand.types.get(d.type);
  if (!fields) return false;
  if (call === d.calls[0]) return true; // the listing itself
  if (fields === '*' || call.feeds.some((f) => fields.has(f))) return true;
  const rel = demand.relations;
  return (call.relations ?? []).some((k) => rel === '*' || rel.has(k));
}

/** Whether a described type's list call is made at all. */
export function needsType(demand: Demand, type: string): boolean {
  return demand.full || demand.types.has(type);
}
