// A typed Spec for collection tests (the spec loader is tested elsewhere).
import type { EnvironmentSpec, Spec } from '../../src/model/spec.js';

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
