// The one-account estate the collection benchmarks seed in moto (collect.ts, collect-cpu.ts):
// a mix of types per region, scaled to about `perRegion` resources, and a spec over it.
import type { Spec } from '../src/model/spec.js';
import { parseSpec } from '../src/spec/load.js';
import type { SeedOptions } from '../test/helpers/seed-aws.js';

export const ACCOUNT = '123456789012';
export const REGIONS = ['eu-west-1', 'us-east-1'];

/** The seed of region number `i` (IAM and Route 53 with the first), scaled from 1,000 a region. */
export function estateMix(region: string, i: number, perRegion: number): SeedOptions {
  const k = perRegion / 1000;
  return {
    accountId: ACCOUNT,
    region,
    env: 'production',
    queues: Math.round(450 * k),
    untaggedQueues: Math.round(100 * k),
    topics: Math.round(150 * k),
    logGroups: Math.round(150 * k),
    tables: Math.round(60 * k),
    buckets: Math.round(60 * k),
    volumes: Math.round(20 * k),
    network: true,
    globals: i === 0,
  };
}

/** A one-environment spec over the estate, with `requirements` (YAML) appended. */
export function estateSpec(requirements = ''): Spec {
  return parseSpec(
    `version: 1
system: { name: bench }
attribution: { tagKeys: [env] }
environments:
  production:
    accounts: [{ id: "${ACCOUNT}" }]
    regions: [${REGIONS.join(', ')}]
    attribution: { accountWide: true }
${requirements}`,
    'bench.yaml',
  ).spec;
}
