// What collection must ask for, from the loaded rules and the spec: which types to list,
// which config fields and relation kinds some active check reads, and so which of each
// descriptor's calls to make (a bucket's lifecycle is not fetched when no check reads
// it). A rule is active when the spec can make it give a result (isActive); a
// requirement that lists types narrows the rule to them. Pure; `inventory --full` uses FULL_DEMAND instead.
import type { Condition, Rule } from '../engine/rule.js';
import type { Spec } from '../model/spec.js';
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

/**
 * What each analysis reads beyond the rule's own types' listing: per type the config
 * fields ('*' all; '*' as type: every described type), and relation kinds. An analysis
 * missing here makes the demand full.
 */
const ANALYSIS_READS: Readonly<Record<string, { types: Record<string, string[] | '*'>; relations?: string[] | '*' }>> = {
  'access-matrix': { types: {} },
  'attribution-conflict': { types: { '*': [] } },
  'attribution-missing': { types: { '*': [] } },
  // Estimates read everything of the types the engine prices (hooks.pricing in the descriptors).
  'cost-ceiling': { types: Object.fromEntries(CATALOGUE.filter((d) => d.hooks?.pricing === 'priced').map((d) => [d.type, '*'])) },
  'default-vpc-use': { types: { '*': [], 'AWS::EC2::VPC': '*' }, relations: ['vpc'] },
  'instance-count': { types: { 'AWS::EC2::Instance': '*' } },
  isolation: { types: { '*': '*' }, relations: '*' },
  'load-balancer-presence': { types: { 'AWS::ElasticLoadBalancingV2::LoadBalancer': '*' } },
  'open-ingress': { types: { 'AWS::EC2::SecurityGroup': '*' }, relations: ['ingress-cidr', 'ingress-security-group'] },
  parity: { types: { '*': '*' }, relations: '*' },
  'resource-policy-public': { types: Object.fromEntries(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret'].map((t) => [t, ['policy']])) },
  'secret-rotation': { types: { 'AWS::SecretsManager::Secret': ['rotationEnabled', 'rotationIntervalDays', 'rotationSchedule', 'lastRotated', 'created'] } },
  'certificate-expiry': { types: { 'AWS::CertificateManager::Certificate': ['status', 'notAfter'] } },
  'cloudtrail-per-environment': { types: { 'AWS::CloudTrail::Trail': '*' } },
  's3-lifecycle': { types: { 'AWS::S3::Bucket': ['lifecycle'] } },
  'vpc-cidr-overlap': { types: { 'AWS::EC2::VPC': '*' } },
};

/**
 * Fields the engine itself reads of every listed resource of a type: account furniture
 * (default VPCs, subnets, groups, ACLs, main route tables, AWS managed keys).
 */
const ENGINE_READS: Readonly<Record<string, string[]>> = {
  'AWS::EC2::VPC': ['isDefault', 'vpcId'],
  'AWS::EC2::Subnet': ['defaultForAz'],
  'AWS::EC2::SecurityGroup': ['groupName'],
  'AWS::EC2::NetworkAcl': ['isDefault'],
  'AWS::EC2::RouteTable': ['main'],
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
  const app = rule.applicability as Record<string, unknown> | undefined;
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
  if (!direct && !typed) return undefined;
  const out = new Set<string>();
  for (const v of reach(spec, requirement)) {
    if (typed) for (const item of Array.isArray(v) ? v : [v]) if (item && typeof (item as { type?: unknown }).type === 'string') out.add((item as { type: string }).type);
    if (direct && Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.add(x);
    if (direct && v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) out.add(k);
  }
  return out;
}

/** Config fields and relation kinds a condition reads (paths inside every/some/none are relative to a field already read). */
function readsOf(c: Condition | undefined, fields: Set<string>, relations: Set<string>, all: { config: boolean }): void {
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
  if (c.relations) relations.add(c.relations);
  if (c.inbound) relations.add(c.inbound);
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
    const all = { config: false };
    for (const c of [rule.applicability, rule.check, rule.each?.where]) readsOf(c, fields, kinds, all);
    for (const t of ruleTypes) need(t, all.config ? '*' : [...fields]);
    needRelations([...kinds]);
    if (rule.analysis) {
      const reads = ANALYSIS_READS[rule.analysis.name];
      if (!reads) {
        full = true;
        continue;
      }
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
