// Hand-built EngineContext for the isolation and access-matrix analyses: resources are
// attributed from their `env` tag (or an explicit map), so tests do not depend on the
// attribution analysis.
import type { AttributionRecord, EngineContext } from '../../../src/engine/context.js';
import type { ManagedPolicy, PolicyDocument, Principal, Resource, Snapshot, CollectionError } from '../../../src/model/snapshot.js';
import type { EnvironmentSpec, LoadedSpec, Spec } from '../../../src/model/spec.js';
import { ACCESS_LEVELS } from '../../../src/model/spec.js';
import { DEFAULT_LEVEL_CATEGORIES } from '../../../src/spec/schema.js';

export function env(partial: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return {
    aliases: [],
    accounts: [],
    regions: ['eu-west-1'],
    attribution: { names: [], namesByType: {}, vpcs: [], accountWide: false },
    naming: {},
    ...partial,
  };
}

export function spec(partial: Partial<Spec> = {}): Spec {
  return {
    version: 1,
    system: { name: 'test' },
    attribution: { tagKeys: ['env'] },
    environments: {
      staging: env({ accounts: [{ id: '111111111111' }], network: { vpcCidrs: ['10.1.0.0/16'], subnetCidrs: [], availabilityZones: [] } }),
      production: env({ accounts: [{ id: '222222222222' }], network: { vpcCidrs: ['10.2.0.0/16'], subnetCidrs: [], availabilityZones: [] } }),
    },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: {
      // The spec's own defaults, so these tests follow what a user gets without a levels section.
      levels: Object.fromEntries(ACCESS_LEVELS.map((l) => [l, { categories: [...DEFAULT_LEVEL_CATEGORIES[l]] }])) as Spec['access']['levels'],
      matrix: {},
    },
    parity: [],
    ...partial,
  };
}

export function resource(arn: string, type: string, over: Partial<Resource> = {}): Resource {
  const parts = arn.split(':');
  const id = arn.split(/[/:]/).pop() ?? arn;
  return {
    arn,
    accountId: parts[4] || '111111111111',
    region: parts[3] || 'global',
    type,
    name: id,
    id,
    tags: {},
    config: {},
    relations: [],
    ...over,
  };
}

export function principal(arn: string, over: Partial<Principal> = {}): Principal {
  const kind = arn.includes(':user/') ? 'user' : arn.includes(':group/') ? 'group' : 'role';
  return {
    arn,
    accountId: arn.split(':')[4] ?? '',
    kind,
    name: arn.split('/').pop() ?? arn,
    path: '/',
    tags: {},
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    ...over,
  };
}

export function managed(arn: string, document: PolicyDocument): ManagedPolicy {
  return { arn, name: arn.split('/').pop() ?? arn, accountId: arn.split(':')[4] ?? '', awsManaged: false, document };
}

export function inline(name: string, ...Statement: PolicyDocument['Statement'][]): { name: string; document: PolicyDocument } {
  return { name, document: { Version: '2012-10-17', Statement: Statement.flat() } };
}

export interface ContextInput {
  spec?: Spec;
  resources?: Resource[];
  principals?: Principal[];
  policies?: ManagedPolicy[];
  errors?: CollectionError[];
  /** arn -> environment, overriding the `env` tag. */
  envs?: Record<string, string | null>;
}

export function context(input: ContextInput): EngineContext {
  const s = input.spec ?? spec();
  const resources = [...(input.resources ?? [])].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const principals = [...(input.principals ?? [])].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const snapshot: Snapshot = {
    schemaVersion: 1,
    metadata: { tool: { name: 'envgate', version: 'test' }, collectedAt: '2026-01-01T00:00:00Z', accounts: [], regions: [], apiCalls: {}, coverage: [] },
    resources,
    principals,
    policies: input.policies ?? [],
    costs: [],
    errors: input.errors ?? [],
  };
  const attribution = new Map<string, AttributionRecord>();
  const attribute = (arn: string, tags: Record<string, string>): void => {
    const e = input.envs && arn in input.envs ? input.envs[arn]! : (tags.env ?? null);
    attribution.set(arn, { environment: e, evidence: e ? [{ signal: 'tag', environment: e, detail: 'env tag' }] : [], conflict: false });
  };
  for (const r of resources) attribute(r.arn, r.tags);
  for (const p of principals) attribute(p.arn, p.tags);
  const byType = new Map<string, Resource[]>();
  for (const r of resources) {
    const list = byType.get(r.type) ?? [];
    list.push(r);
    byType.set(r.type, list);
  }
  const loaded: LoadedSpec = { spec: s, file: 'envgate.yaml', sha256: '0', positions: {} };
  return {
    spec: loaded,
    snapshot,
    now: new Date('2026-01-01T00:00:00Z'),
    byArn: new Map(resources.map((r) => [r.arn, r])),
    byType,
    attribution,
    principals,
    errorsAffecting: (type, accountId, region) =>
      snapshot.errors.filter(
        (e) => e.affects.includes(type) && (accountId === undefined || e.accountId === accountId) && (region === undefined || e.region === region),
      ),
  };
}
