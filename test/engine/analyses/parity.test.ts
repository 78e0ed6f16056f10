// The parity analysis: each property passes for matching architectures and fails, naming
// the resources behind the difference, when staging departs from production.
import { describe, expect, it } from 'vitest';
import { parity, parityArn, type Difference, type ParityOptions } from '../../../src/engine/analyses/parity.js';
import type { Outcome } from '../../../src/engine/context.js';
import type { Resource } from '../../../src/model/snapshot.js';
import type { ParityProperty } from '../../../src/model/spec.js';
import { collectionError, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const ALL: ParityProperty[] = [
  'encryption', 'versioning', 'accessLogging', 'alarms', 'loadBalancer', 'resourceKinds',
  'lifecyclePolicy', 'multiAz', 'deletionProtection', 'instanceTypes', 'instanceCount', 'availabilityZones',
];

interface Knobs {
  instances?: number;
  instanceType?: string;
  zones?: string[];
  bucketEncrypted?: boolean[];
  versioning?: string;
  lifecycle?: boolean;
  lbType?: string | null;
  lbLogging?: boolean;
  dbMultiAz?: boolean;
  dbDeletionProtection?: boolean;
  db?: boolean;
  alarmInstances?: boolean;
}

/** One environment's architecture; production uses the defaults with two instances. */
function arch(env: string, k: Knobs = {}): Resource[] {
  const zs = k.zones ?? ['us-east-1a', 'us-east-1b'];
  const out: Resource[] = [];
  zs.forEach((az, i) => out.push(res('AWS::EC2::Subnet', `${env}-subnet-${i}`, env, { subnetId: `${env}-subnet-${i}`, vpcId: 'v', cidrBlock: '10.0.0.0/24', availabilityZone: az, mapPublicIpOnLaunch: false })));
  const instances: Resource[] = [];
  for (let i = 0; i < (k.instances ?? 2); i++) {
    instances.push(res('AWS::EC2::Instance', `${env}-web-${i}`, env, { instanceId: `i-${env}${i}`, instanceType: k.instanceType ?? 't3.medium', state: 'running', availabilityZone: zs[i % zs.length], securityGroupIds: [], volumeIds: [] }, { id: `i-${env}${i}` }));
  }
  out.push(...instances);
  (k.bucketEncrypted ?? [true, true]).forEach((enc, i) =>
    out.push(res('AWS::S3::Bucket', `${env}-bucket-${i}`, env, {
      encryption: { enabled: enc },
      versioning: k.versioning ?? 'Enabled',
      logging: { enabled: true },
      publicAccessBlock: null,
      lifecycle: { rules: k.lifecycle === false ? [] : [{ id: 'r', enabled: true, transitions: [] }] },
      policy: null,
      tlsOnly: true,
    })),
  );
  if (k.lbType !== null) {
    out.push(res('AWS::ElasticLoadBalancingV2::LoadBalancer', `${env}-alb`, env, { lbType: k.lbType ?? 'application', scheme: 'internet-facing', subnetIds: [], securityGroupIds: [], accessLogging: { enabled: k.lbLogging ?? true }, deletionProtection: true, listeners: [] }));
  }
  if (k.db !== false) {
    out.push(res('AWS::RDS::DBInstance', `${env}-db`, env, { engine: 'postgres', instanceClass: 'db.t3.small', multiAz: k.dbMultiAz ?? true, encryption: { enabled: true }, backupRetentionDays: 7, deletionProtection: k.dbDeletionProtection ?? true, publiclyAccessible: false, subnetIds: [], securityGroupIds: [] }));
  }
  if (k.alarmInstances !== false) {
    out.push(res('AWS::CloudWatch::Alarm', `${env}-cpu`, env, { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: {}, alarmActions: [] }, {
      relations: instances.map((r) => ({ kind: 'monitors' as const, target: r.arn })),
    }));
  }
  return out;
}

function runParity(staging: Resource[], production: Resource[], opts: ParityOptions = {}, extra: { errors?: ReturnType<typeof collectionError>[]; properties?: ParityProperty[] } = {}): Outcome[] {
  const spec = makeSpec({ staging: envSpec(), production: envSpec() }, [{ from: 'staging', to: 'production', properties: extra.properties ?? ALL }]);
  const out = parity.run(makeContext({ spec, resources: [...staging, ...production], errors: extra.errors }), opts);
  return Array.isArray(out) ? out : out.outcomes;
}

function statusOf(outcomes: Outcome[]): Record<string, string> {
  return Object.fromEntries(outcomes.map((o) => [o.evidence.property as string, o.status]));
}

function one(outcomes: Outcome[], property: ParityProperty): Outcome {
  const o = outcomes.find((x) => x.evidence.property === property);
  expect(o, property).toBeDefined();
  return o!;
}

const diffs = (o: Outcome) => o.evidence.differences as Difference[];
const arnOf = (rs: Resource[], name: string) => rs.find((r) => r.name === name)!.arn;

describe('parity: matching architectures', () => {
  it('passes every property when staging mirrors production at the architecture level', () => {
    // Staging has fewer buckets but the same shares; same instance count for instanceCount.
    const out = runParity(arch('staging', { bucketEncrypted: [true] }), arch('production'));
    expect(statusOf(out)).toEqual(Object.fromEntries(ALL.map((p) => [p, 'pass'])));
    const o = one(out, 'encryption');
    expect(o.arn).toBe(parityArn('staging', 'production', 'encryption'));
    expect(o.specPath).toBe('/parity/0/properties/0');
    expect(o.resource?.environment).toBe('staging');
  });

  it('runs only the properties the spec lists, narrowed by options.properties', () => {
    const out = runParity(arch('staging'), arch('production'), { properties: ['versioning', 'multiAz'] }, { properties: ['encryption', 'versioning'] });
    expect(out.map((o) => [o.evidence.property, o.specPath])).toEqual([['versioning', '/parity/0/properties/1']]);
  });
});

describe('parity: each property fails on a difference and names its causes', () => {
  it('encryption: the share encrypted per kind', () => {
    const stg = arch('staging', { bucketEncrypted: [true, false] });
    const o = one(runParity(stg, arch('production')), 'encryption');
    expect(o.status).toBe('fail');
    expect(diffs(o)).toEqual([{ key: 'AWS::S3::Bucket', from: { with: 1, total: 2 }, to: { with: 2, total: 2 }, causes: [arnOf(stg, 'staging-bucket-1')] }]);
    expect((o.evidence.observed as Record<string, { share: number }>)['AWS::S3::Bucket']!.share).toBe(0.5);
  });

  it('encryption: a less protected production is a difference too, caused by production', () => {
    const prod = arch('production', { bucketEncrypted: [true, false] });
    const o = one(runParity(arch('staging'), prod), 'encryption');
    expect(o.status).toBe('fail');
    expect(diffs(o)[0]!.causes).toEqual([arnOf(prod, 'production-bucket-1')]);
  });

  it('versioning', () => {
    const o = one(runParity(arch('staging', { versioning: 'Suspended' }), arch('production')), 'versioning');
    expect(o.status).toBe('fail');
    expect(diffs(o)[0]!.causes).toHaveLength(2);
  });

  it('accessLogging (load balancer)', () => {
    const stg = arch('staging', { lbLogging: false });
    const o = one(runParity(stg, arch('production')), 'accessLogging');
    expect(o.status).toBe('fail');
    expect(diffs(o).map((d) => [d.key, d.causes])).toEqual([['AWS::ElasticLoadBalancingV2::LoadBalancer', [arnOf(stg, 'staging-alb')]]]);
  });

  it('lifecyclePolicy', () => {
    expect(one(runParity(arch('staging', { lifecycle: false }), arch('production')), 'lifecyclePolicy').status).toBe('fail');
  });

  it('multiAz', () => {
    const stg = arch('staging', { dbMultiAz: false });
    const o = one(runParity(stg, arch('production')), 'multiAz');
    expect(o.status).toBe('fail');
    expect(diffs(o)[0]).toMatchObject({ key: 'AWS::RDS::DBInstance', causes: [arnOf(stg, 'staging-db')] });
  });

  it('deletionProtection', () => {
    expect(one(runParity(arch('staging', { dbDeletionProtection: false }), arch('production')), 'deletionProtection').status).toBe('fail');
  });

  it('alarms: kinds watched in production but not in staging', () => {
    const stg = arch('staging', { alarmInstances: false });
    const o = one(runParity(stg, arch('production')), 'alarms');
    expect(o.status).toBe('fail');
    expect(o.evidence.expected).toEqual(['AWS::EC2::Instance']);
    expect(o.evidence.observed).toEqual([]);
    expect(diffs(o)[0]!.causes).toEqual([arnOf(stg, 'staging-web-0'), arnOf(stg, 'staging-web-1')].sort());
  });

  it('alarms: an alarm dimension naming the instance counts when no relation was recorded', () => {
    const stg = arch('staging', { alarmInstances: false, instances: 2 });
    stg.push(res('AWS::CloudWatch::Alarm', 'staging-cpu', 'staging', { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: 'i-staging0' }, alarmActions: [] }));
    expect(one(runParity(stg, arch('production')), 'alarms').status).toBe('pass');
  });

  it('loadBalancer: absent in staging, or of another type', () => {
    const prod = arch('production');
    const absent = one(runParity(arch('staging', { lbType: null }), prod), 'loadBalancer');
    expect(absent.status).toBe('fail');
    expect(absent.evidence.observed).toEqual({ present: false, types: [] });
    expect(diffs(absent)[0]!.causes).toEqual([arnOf(prod, 'production-alb')]);
    expect(one(runParity(arch('staging', { lbType: 'network' }), prod), 'loadBalancer').status).toBe('fail');
  });

  it('resourceKinds: a kind production has and staging lacks; ignoreTypes leaves it out', () => {
    const prod = arch('production');
    const o = one(runParity(arch('staging', { db: false }), prod), 'resourceKinds');
    expect(o.status).toBe('fail');
    expect(diffs(o)).toEqual([{ key: 'AWS::RDS::DBInstance', from: false, to: true, causes: [arnOf(prod, 'production-db')] }]);
    const ignored = one(runParity(arch('staging', { db: false }), prod, { ignoreTypes: ['AWS::RDS::DBInstance'] }), 'resourceKinds');
    expect(ignored.status).toBe('pass');
  });

  it('instanceTypes: staging runs a type production does not', () => {
    const stg = arch('staging', { instanceType: 't2.micro' });
    const o = one(runParity(stg, arch('production')), 'instanceTypes');
    expect(o.status).toBe('fail');
    expect(diffs(o)[0]).toMatchObject({ key: 'AWS::EC2::Instance', from: ['t2.micro'], to: ['t3.medium'] });
    expect(diffs(o)[0]!.causes).toHaveLength(2);
  });

  it('instanceCount: running instances only', () => {
    const stg = arch('staging', { instances: 1 });
    const o = one(runParity(stg, arch('production')), 'instanceCount');
    expect(o.status).toBe('fail');
    expect([o.evidence.observed, o.evidence.expected]).toEqual([{ running: 1 }, { running: 2 }]);
    const stopped = arch('staging', { instances: 2 });
    stopped.push(res('AWS::EC2::Instance', 'staging-old', 'staging', { instanceType: 't3.medium', state: 'stopped', securityGroupIds: [], volumeIds: [] }));
    expect(one(runParity(stopped, arch('production')), 'instanceCount').status).toBe('pass');
  });

  it('availabilityZones: the number of zones, whatever their names', () => {
    const o = one(runParity(arch('staging', { zones: ['us-east-1a'] }), arch('production')), 'availabilityZones');
    expect(o.status).toBe('fail');
    expect(diffs(o)[0]).toMatchObject({ key: 'count', from: 1, to: 2 });
    const west = one(runParity(arch('staging', { zones: ['us-west-2a', 'us-west-2c'] }), arch('production')), 'availabilityZones');
    expect(west.status).toBe('pass');
  });
});

describe('parity: missing data is not evaluated', () => {
  it('when a compared field was not collected', () => {
    const stg = arch('staging');
    stg.push(res('AWS::S3::Bucket', 'staging-half', 'staging', { encryption: { enabled: true } }));
    const out = runParity(stg, arch('production'));
    expect(one(out, 'versioning').status).toBe('not-evaluated');
    expect(one(out, 'versioning').reason).toContain('staging-half');
    expect(one(out, 'encryption').status).toBe('pass');
  });

  it('when a type the property reads could not be inventoried', () => {
    const err = collectionError(['AWS::S3::Bucket'], { service: 's3', operation: 'GetBucketVersioning' });
    const out = runParity(arch('staging'), arch('production'), {}, { errors: [err] });
    expect(one(out, 'versioning').status).toBe('not-evaluated');
    expect(one(out, 'versioning').reason).toContain('s3:GetBucketVersioning');
    expect(one(out, 'multiAz').status).toBe('pass');
  });

  it('when an account could not be reached at all', () => {
    const err = collectionError(['*'], { service: 'sts', operation: 'AssumeRole', region: 'global' });
    const out = runParity(arch('staging'), arch('production'), {}, { errors: [err] });
    expect(new Set(Object.values(statusOf(out)))).toEqual(new Set(['not-evaluated']));
  });

  it('when an environment has no resources or is not in the spec', () => {
    expect(new Set(Object.values(statusOf(runParity([], arch('production')))))).toEqual(new Set(['not-evaluated']));
    const spec = makeSpec({ staging: envSpec() }, [{ from: 'staging', to: 'prod', properties: ['encryption'] }]);
    const out = parity.run(makeContext({ spec, resources: arch('staging') }), {});
    const outcomes = Array.isArray(out) ? out : out.outcomes;
    expect(outcomes.map((o) => o.status)).toEqual(['not-evaluated']);
  });
});

describe('parity: determinism', () => {
  it('gives byte-identical outcomes whatever the resource order', () => {
    const stg = arch('staging', { bucketEncrypted: [false, true, false], instanceType: 't2.micro', zones: ['us-east-1a'] });
    const a = JSON.stringify(runParity(stg, arch('production')));
    const b = JSON.stringify(runParity([...stg].reverse(), arch('production').reverse()));
    expect(a).toBe(b);
  });
});
