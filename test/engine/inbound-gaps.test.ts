// A rule that counts inbound relations (alarms-present: alarms that monitor the resource)
// cannot fail a resource when the relations' source type (alarms) could not be listed
// there: the count would be zero for want of data. It is not-evaluated with the error.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, PROD_ACCOUNT, res, snapshot } from './helpers.js';

const DB = 'AWS::RDS::DBInstance';
const alarmsDenied: CollectionError = {
  accountId: PROD_ACCOUNT,
  region: 'us-east-1',
  service: 'cloudwatch',
  operation: 'DescribeAlarms',
  code: 'AccessDenied',
  message: 'denied',
  affects: ['AWS::CloudWatch::Alarm'],
};

function run(errors: CollectionError[]) {
  const spec = baseSpec();
  spec.environments.production!.monitoring = { alarms: [DB], alarmActions: [] };
  const rule = loadRules().find((r) => r.meta.id === 'alarms-present')!;
  const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([prod(DB, 'db')], { errors }), rules: [rule], now: NOW });
  return ev.results.filter((r) => r.resource.type === DB);
}

describe('inbound relations from a type that could not be listed', () => {
  it('fail without the error (no alarm watches the database)', () => {
    expect(run([]).map((r) => r.status)).toEqual(['fail']);
  });

  it('are not-evaluated with the error when alarms could not be listed in its account and region', () => {
    const [r, ...rest] = run([alarmsDenied]);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ status: 'not-evaluated', reason: `collection error cloudwatch:DescribeAlarms AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied` });
    expect(r!.message).toContain('AWS::CloudWatch::Alarm collection was incomplete');
  });

  it('count as usual when the error is in another region', () => {
    expect(run([{ ...alarmsDenied, region: 'eu-west-1' }]).map((r) => r.status)).toEqual(['fail']);
  });
});

describe('a resource without signals where another type could not be listed', () => {
  const volume = (errors: CollectionError[]) => {
    const rule = loadRules().find((r) => r.meta.id === 'attribution-missing')!;
    const ev = evaluate({ spec: loaded(baseSpec()), snapshot: snapshot([res('AWS::EC2::Volume', 'vol-1')], { errors }), rules: [rule], now: NOW });
    return ev.results.filter((r) => r.resource.type === 'AWS::EC2::Volume');
  };
  const instancesDenied: CollectionError = { ...alarmsDenied, service: 'ec2', operation: 'DescribeInstances', affects: ['AWS::EC2::Instance'] };

  it('is unattributed when every listing worked', () => {
    expect(volume([]).map((r) => r.status)).toEqual(['fail']);
  });

  it('is not-evaluated when the instances it could inherit from could not be listed', () => {
    expect(volume([instancesDenied])).toEqual([
      expect.objectContaining({ status: 'not-evaluated', reason: `collection error ec2:DescribeInstances AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied` }),
    ]);
  });

  it('is unattributed still when only IAM, which attributes nothing else, failed', () => {
    expect(volume([{ ...instancesDenied, region: 'global', service: 'iam', affects: ['AWS::IAM::Role'] }]).map((r) => r.status)).toEqual(['fail']);
  });
});

describe('a log-target bucket when the sources of access logs could not be listed', () => {
  const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
  const lbsDenied: CollectionError = { ...alarmsDenied, service: 'elbv2', operation: 'DescribeLoadBalancers', affects: [LB] };
  function runLogs(errors: CollectionError[], logging: boolean) {
    const spec = baseSpec();
    spec.environments.production!.dataProtection = { versioning: [], accessLogging: ['AWS::S3::Bucket'], deletionProtection: [], multiAz: [], publicAccessBlock: false, pointInTimeRecovery: false };
    const rule = loadRules().find((r) => r.meta.id === 's3-access-logging')!;
    const bucket = prod('AWS::S3::Bucket', 'logs', { config: { logging: { enabled: logging } } });
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([bucket], { errors }), rules: [rule], now: NOW });
    return ev.results.filter((r) => r.resource.type === 'AWS::S3::Bucket').map((r) => r.status);
  }

  it('is not-evaluated rather than failed: a load balancer may log into it', () => {
    expect(runLogs([], false)).toEqual(['fail']);
    expect(runLogs([lbsDenied], false)).toEqual(['not-evaluated']);
  });

  it('passes when it logs itself and nothing is missing', () => {
    expect(runLogs([], true)).toEqual(['pass']);
    // With a gap the engine does not judge a rule reading inbound relations at all.
    expect(runLogs([lbsDenied], true)).toEqual(['not-evaluated']);
  });
});

describe('required-tags on an untagged resource whose parents could not be listed', () => {
  // AWS creates root volumes untagged; a volume inherits from its instance and is left out
  // of required-tags. With the instances unlisted that cannot be told: not a failure.
  const instancesDenied: CollectionError = { ...alarmsDenied, service: 'ec2', operation: 'DescribeInstances', affects: ['AWS::EC2::Instance'] };
  const tags = (errors: CollectionError[], passes?: 'summary') => {
    const spec = baseSpec();
    spec.tagging = { required: ['Owner'] };
    const rule = loadRules().find((r) => r.meta.id === 'required-tags')!;
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([res('AWS::EC2::Volume', 'vol-1')], { errors }), rules: [rule], now: NOW, ...(passes ? { passes } : {}) });
    return ev.results.filter((r) => r.resource.type === 'AWS::EC2::Volume');
  };

  it('fails when every listing worked', () => {
    expect(tags([]).map((r) => r.status)).toEqual(['fail']);
  });

  it('is not-evaluated, naming the failed listing, when the instances could not be listed', () => {
    for (const mode of [undefined, 'summary'] as const) {
      const got = tags([instancesDenied], mode);
      expect(got.map((r) => r.status), String(mode)).toEqual(['not-evaluated']);
      expect(got[0]!.reason).toContain(`collection error ec2:DescribeInstances AccessDenied in ${PROD_ACCOUNT}/us-east-1: denied`);
    }
  });

  it('still fails when only IAM, which gives no resource its environment, failed', () => {
    expect(tags([{ ...instancesDenied, region: 'global', service: 'iam', affects: ['AWS::IAM::Role'] }]).map((r) => r.status)).toEqual(['fail']);
  });
});
