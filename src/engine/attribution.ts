// Which environment each resource and principal belongs to, from four signals: the
// environment tag, name patterns, accounts declared account-wide, and VPC membership;
// a resource with none of its own inherits through its relations (inheritance.ts).
// Evidence objects and whole records are interned: a million resources share a few
// hundred distinct records, which keeps attribution cheap in memory.
import type { AttributionRecord } from './context.js';
import type { Spec } from '../model/spec.js';
import type { Principal, Resource } from '../model/snapshot.js';
import { compilePattern, type Matcher } from './patterns.js';

type Evidence = AttributionRecord['evidence'][number];

/** The fields attribution reads; resources have them all, principals get a shim. */
export interface Attributable {
  arn: string;
  accountId: string;
  type: string;
  name: string;
  tags: Record<string, string>;
  config?: Record<string, unknown>;
  relations?: readonly { kind: string; target: string }[];
}

export interface Attributor {
  attribute(r: Attributable): AttributionRecord;
  /** The (interned) 'relation' signal of a parent: its environment, the link in words, its ARN. */
  relationEvidence(environment: string, detail: string, parent: string): AttributionRecord['evidence'][number];
  /** The (interned) record of a resource that inherits from the given relation signals. */
  inheritedFrom(signals: readonly AttributionRecord['evidence'][number][]): AttributionRecord;
}

const PRINCIPAL_TYPES: Record<Principal['kind'], string> = {
  user: 'AWS::IAM::User',
  group: 'AWS::IAM::Group',
  role: 'AWS::IAM::Role',
};

export function principalAsAttributable(p: Principal): Attributable {
  return { arn: p.arn, accountId: p.accountId, type: PRINCIPAL_TYPES[p.kind], name: p.name, tags: p.tags };
}

/**
 * Builds an attributor for a spec. `vpcIdOf` maps a VPC or subnet arn to its VPC id
 * (from the snapshot), so relation targets resolve without a second pass.
 */
export function createAttributor(spec: Spec, vpcIdOf: (arn: string) => string | undefined): Attributor {
  const envNames = Object.keys(spec.environments).sort();
  const tagKeys = new Set((spec.attribution?.tagKeys ?? []).map((k) => k.toLowerCase()));
  const tagValueToEnv = new Map<string, string>();
  const accountWide = new Map<string, string[]>();
  const vpcToEnv = new Map<string, string[]>();
  const names: { env: string; pattern: string; re: Matcher }[] = [];
  const namesByType = new Map<string, { env: string; pattern: string; re: Matcher }[]>();

  for (const env of envNames) {
    const e = spec.environments[env]!;
    tagValueToEnv.set(env.toLowerCase(), env);
    for (const alias of e.aliases ?? []) tagValueToEnv.set(alias.toLowerCase(), env);
    const a = e.attribution;
    if (!a) continue;
    if (a.accountWide) for (const acc of e.accounts ?? []) push(accountWide, acc.id, env);
    for (const vpc of a.vpcs ?? []) push(vpcToEnv, vpc, env);
    for (const p of a.names ?? []) names.push({ env, pattern: p, re: compilePattern(p) });
    for (const [type, pats] of Object.entries(a.namesByType ?? {})) {
      for (const p of pats) push(namesByType, type, { env, pattern: p, re: compilePattern(p) });
    }
  }

  const evidenceCache = new Map<string, Evidence>();
  const ev = (signal: Evidence['signal'], environment: string, detail: string, parent?: string): Evidence => {
    const k = `${signal}\u0000${environment}\u0000${detail}\u0000${parent ?? ''}`;
    let e = evidenceCache.get(k);
    if (!e) evidenceCache.set(k, (e = parent === undefined ? { signal, environment, detail } : { signal, environment, detail, parent }));
    return e;
  };
  // Evidence whose detail depends only on the spec is built once, not once per resource.
  const nameEvidence = names.map((n) => ev('name', n.env, `name matches '${n.pattern}'`));
  const typeNameEvidence = new Map<string, Evidence[]>();
  for (const [type, list] of namesByType) typeNameEvidence.set(type, list.map((n) => ev('name', n.env, `${type} name matches '${n.pattern}'`)));
  // tag key -> (value -> evidence or null), or null when the key is not an environment key.
  const tagEvidence = new Map<string, Map<string, Evidence | null> | null>();
  const tagEvidenceOf = (key: string, value: string): Evidence | null => {
    let byValue = tagEvidence.get(key);
    if (byValue === undefined) tagEvidence.set(key, (byValue = tagKeys.has(key.toLowerCase()) ? new Map() : null));
    if (byValue === null) return null;
    let e = byValue.get(value);
    if (e === undefined) {
      const env = tagValueToEnv.get(value.toLowerCase());
      byValue.set(value, (e = env === undefined ? null : ev('tag', env, `tag ${key}=${value}`)));
    }
    return e;
  };
  // Records interned through a trie keyed by (interned) evidence objects: no key strings.
  interface Node {
    rec?: AttributionRecord;
    next?: Map<Evidence, Node>;
  }
  const root: Node = {};
  // One scratch list for every resource: intern copies it only for a new record.
  const found: Evidence[] = [];

  function attribute(r: Attributable): AttributionRecord {
    found.length = 0;
    for (const key in r.tags) {
      const e = tagEvidenceOf(key, r.tags[key]!);
      if (e !== null) found.push(e);
    }
    for (let i = 0; i < names.length; i++) if (names[i]!.re.test(r.name)) found.push(nameEvidence[i]!);
    const byType = namesByType.get(r.type);
    if (byType) {
      const evs = typeNameEvidence.get(r.type)!;
      for (let i = 0; i < byType.length; i++) if (byType[i]!.re.test(r.name)) found.push(evs[i]!);
    }
    const wide = accountWide.get(r.accountId);
    if (wide !== undefined) for (const env of wide) found.push(ev('account', env, `account ${r.accountId} is ${env}-wide`));
    if (vpcToEnv.size > 0) {
      const vpcId = vpcOf(r, vpcIdOf);
      if (vpcId !== undefined) for (const env of vpcToEnv.get(vpcId) ?? []) found.push(ev('vpc', env, `in VPC ${vpcId}`));
    }
    return intern(found);
  }

  function intern(found: Evidence[]): AttributionRecord {
    let node = root;
    for (const e of found) {
      node.next ??= new Map();
      let n = node.next.get(e);
      if (!n) node.next.set(e, (n = {}));
      node = n;
    }
    if (node.rec) return node.rec;
    const evidence = [...found];
    const envs = [...new Set(evidence.map((e) => e.environment))];
    const conflict = envs.length > 1;
    node.rec = { environment: envs.length === 1 ? envs[0]! : null, evidence, conflict };
    return node.rec;
  }

  return {
    attribute,
    relationEvidence: (environment, detail, parent) => ev('relation', environment, detail, parent),
    inheritedFrom: (signals) => intern(signals as Evidence[]),
  };
}

function vpcOf(r: Attributable, vpcIdOf: (arn: string) => string | undefined): string | undefined {
  if (r.type === 'AWS::EC2::VPC') {
    const own = r.config?.vpcId;
    if (typeof own === 'string') return own;
  }
  for (const rel of r.relations ?? []) {
    if (rel.kind === 'vpc' || rel.kind === 'subnet') {
      const id = vpcIdOf(rel.target);
      if (id !== undefined) return id;
    }
  }
  const cfg = r.config?.vpcId;
  return typeof cfg === 'string' ? cfg : undefined;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** VPC id from a VPC or subnet resource, falling back to the id in a VPC arn. */
export function vpcIdResolver(byArn: ReadonlyMap<string, Resource>): (arn: string) => string | undefined {
  return (arn) => {
    const r = byArn.get(arn);
    const v = r?.config?.vpcId;
    if (typeof v === 'string') return v;
    const m = /:vpc\/(vpc-[0-9a-z]+)$/.exec(arn);
    return m?.[1];
  };
}
