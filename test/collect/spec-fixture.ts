// A typed Spec for collection tests (the spec loader is tested elsewhere).
import { collect } from '../../src/collect/index.js';
import type { Resource, Snapshot } from '../../src/model/snapshot.js';
import type { EnvironmentSpec, Spec } from '../../src/model/spec.js';
import type { Moto } from '../helpers/moto.js';
import { seedAccountRegion } from '../helpers/seed-aws.js';

const env = (accounts: EnvironmentSpec['accounts'], regions: string[], cost?: EnvironmentSpec['cost']): EnvironmentSpec => ({
  aliases: [],
  accounts,
  regions,
  attribution: { names: [], namesByType: {}, vpcs: [], accountWide: true },
  naming: {},
  ...(cost ? { cost } : {}),
});

export const PROD = '123456789012';
export const STAGING = '111111111111';
export const REGIONS = ['eu-west-1', 'us-east-1'];

export function twoAccountSpec(opts: { costs?: boolean } = {}): Spec {
  return {
    version: 1,
    system: { name: 'collect-test' },
    attribution: { tagKeys: ['env'] },
    environments: {
      production: env([{ id: PROD }], REGIONS, opts.costs ? { monthlyCeilingUsd: 1000, source: 'actual' } : undefined),
      staging: env([{ id: STAGING, roleArn: `arn:aws:iam::${STAGING}:role/envgate-read` }], REGIONS),
    },
    shared: [],
    tagging: { required: [] },
    teams: {},
    access: { levels: {} as Spec['access']['levels'], matrix: {} },
    parity: [],
  };
}

export const fakeCredentials = async () => ({ accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake' });

/** twoAccountSpec's estate in moto: both accounts in both regions, IAM in each account's home region. */
export async function seedTwoAccountShards(moto: Moto): Promise<void> {
  await seedAccountRegion(moto, { accountId: PROD, region: 'us-east-1', env: 'production', queues: 3, tables: 1, buckets: 1, globals: true });
  await seedAccountRegion(moto, { accountId: PROD, region: 'eu-west-1', env: 'production', queues: 2 });
  await seedAccountRegion(moto, { accountId: STAGING, region: 'eu-west-1', env: 'staging', queues: 2, tables: 1, globals: true });
  await seedAccountRegion(moto, { accountId: STAGING, region: 'us-east-1', env: 'staging', queues: 1 });
}

/** The production account of twoAccountSpec collected from moto in one region, two items a page (paging exercised). */
export function collectProductionPaged(moto: Moto, region: string): Promise<Snapshot> {
  const spec = twoAccountSpec();
  delete spec.environments.staging;
  return collect(spec, { now: new Date(Date.UTC(2026, 0, 15)), endpoint: moto.endpoint, credentials: fakeCredentials, pageCap: 2, regions: [region] });
}

/** The one resource of a type and name in a snapshot, or an error naming what is missing. */
export function resourceByName(snap: Snapshot, type: string, name: string): Resource {
  const r = snap.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name}`);
  return r;
}
