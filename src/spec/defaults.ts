// Defaults applied after validation, so the rest of envgate reads a complete Spec.
// Each default is also written as `default` in the schema, for editors.
import { ACCESS_LEVELS, type AccessLevel, type AccessLevelDefinition, type EnvironmentSpec, type Spec } from '../model/spec.js';
import { DEFAULT_LEVEL_CATEGORIES } from './schema.js';

export const DEFAULT_TAG_KEYS = ['Environment', 'Env'] as const;

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema-validated input

/** A complete Spec from a schema-valid raw spec; the input is not modified. */
export function applyDefaults(input: unknown): Spec {
  const raw = structuredClone(input) as Raw;
  const environments: Record<string, EnvironmentSpec> = {};
  for (const name of Object.keys(raw.environments ?? {})) {
    environments[name] = environmentDefaults(raw.environments[name] as Raw);
  }
  const levels = {} as Record<AccessLevel, AccessLevelDefinition>;
  for (const level of ACCESS_LEVELS) {
    levels[level] = { categories: [...(raw.access?.levels?.[level]?.categories ?? DEFAULT_LEVEL_CATEGORIES[level])] };
  }
  const spec: Spec = {
    ...(raw.$schema !== undefined ? { $schema: raw.$schema } : {}),
    version: 1,
    system: raw.system,
    attribution: { tagKeys: raw.attribution?.tagKeys ?? [...DEFAULT_TAG_KEYS] },
    environments,
    shared: raw.shared ?? [],
    exclude: raw.exclude ?? [],
    tagging: { required: raw.tagging?.required ?? [] },
    teams: Object.fromEntries(
      Object.entries((raw.teams ?? {}) as Record<string, Raw>).map(([k, t]) => [k, { ...t, principals: t.principals ?? [] }]),
    ) as Spec['teams'],
    access: { levels, matrix: raw.access?.matrix ?? {} },
    parity: raw.parity ?? [],
    furniture: raw.furniture ?? 'exclude',
    ...(raw.collection !== undefined ? { collection: raw.collection } : {}),
  };
  return spec;
}

function environmentDefaults(e: Raw): EnvironmentSpec {
  const env: EnvironmentSpec = {
    ...(e.description !== undefined ? { description: e.description } : {}),
    aliases: e.aliases ?? [],
    accounts: e.accounts,
    regions: e.regions,
    attribution: {
      names: e.attribution?.names ?? [],
      namesByType: e.attribution?.namesByType ?? {},
      vpcs: e.attribution?.vpcs ?? [],
      accountWide: e.attribution?.accountWide ?? false,
    },
    naming: e.naming ?? {},
  };
  if (e.requiredResourceTypes) env.requiredResourceTypes = e.requiredResourceTypes;
  if (e.network) {
    env.network = {
      ...e.network,
      vpcCidrs: e.network.vpcCidrs ?? [],
      subnetCidrs: e.network.subnetCidrs ?? [],
      availabilityZones: e.network.availabilityZones ?? [],
    };
  }
  if (e.encryption) {
    const cmk: string[] = e.encryption.customerManagedKey ?? [];
    const atRest: string[] = e.encryption.atRest ?? [];
    env.encryption = {
      // A customer-managed key implies encryption at rest.
      atRest: [...atRest, ...cmk.filter((t) => !atRest.includes(t))],
      customerManagedKey: cmk,
      inTransit: {
        s3TlsOnly: e.encryption.inTransit?.s3TlsOnly ?? false,
        httpsListeners: e.encryption.inTransit?.httpsListeners ?? false,
        databases: e.encryption.inTransit?.databases ?? false,
        elasticacheTls: e.encryption.inTransit?.elasticacheTls ?? false,
      },
    };
  }
  if (e.retention) {
    env.retention = {
      logGroups: e.retention.logGroups ?? [],
      s3Lifecycle: (e.retention.s3Lifecycle ?? []).map((r: Raw) => ({ prefix: '', transitionMatch: 'onOrBefore', expirationMatch: 'exact', ...r, transitions: r.transitions ?? [] })),
      backups: e.retention.backups ?? [],
    };
  }
  if (e.dataProtection) {
    const d = e.dataProtection;
    env.dataProtection = {
      versioning: d.versioning ?? [],
      accessLogging: d.accessLogging ?? [],
      publicAccessBlock: d.publicAccessBlock ?? false,
      deletionProtection: d.deletionProtection ?? [],
      multiAz: d.multiAz ?? [],
      pointInTimeRecovery: d.pointInTimeRecovery ?? false,
      publicPolicies: d.publicPolicies ?? false,
    };
  }
  if (e.monitoring) {
    env.monitoring = { alarms: e.monitoring.alarms ?? [], alarmActions: e.monitoring.alarmActions ?? [] };
    if (e.monitoring.minDashboards !== undefined) env.monitoring.minDashboards = e.monitoring.minDashboards;
  }
  if (e.compute) env.compute = e.compute;
  if (e.secrets) env.secrets = e.secrets;
  if (e.audit) env.audit = e.audit.trail ? { trail: { multiRegion: false, logFileValidation: false, customerManagedKey: false, ...e.audit.trail } } : {};
  if (e.certificates) env.certificates = e.certificates;
  if (e.ecr) env.ecr = e.ecr;
  if (e.lambda) env.lambda = e.lambda;
  if (e.autoScaling) env.autoScaling = e.autoScaling;
  if (e.eks) env.eks = e.eks;
  if (e.ecs) env.ecs = e.ecs;
  if (e.waf) env.waf = e.waf;
  if (e.cdn) env.cdn = e.cdn;
  if (e.shield) env.shield = e.shield;
  if (e.storage) env.storage = e.storage;
  if (e.backups) env.backups = e.backups;
  if (e.identity) env.identity = e.identity;
  if (e.dns) env.dns = e.dns;
  if (e.costShare) env.costShare = e.costShare;
  if (e.cost) env.cost = { monthlyCeilingUsd: e.cost.monthlyCeilingUsd, source: e.cost.source ?? 'estimate' };
  return env;
}
