// inheritEnvironments through the context it builds: the exact record each inheriting
// resource gets (evidence in carrier order, once per parent and link), rounds that settle
// a chain in both directions of carriage, and duplicated ARNs.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/engine/build-context.js';
import type { Resource } from '../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, prod, res, snapshot } from './helpers.js';

function attribution(resources: Resource[], extra: Resource[] = []) {
  const snap = snapshot(resources);
  snap.resources.push(...extra);
  return buildContext(loaded(baseSpec()), snap, NOW).attribution;
}

const rel = (environment: string, detail: string, parent: string) => ({ signal: 'relation', environment, detail, parent });

describe('inheritEnvironments', () => {
  const vpc = prod('AWS::EC2::VPC', 'vpc-a');
  const subnet = prod('AWS::EC2::Subnet', 'subnet-a');

  it('lists the parents in carrier order, whatever the order of the relations', () => {
    const eni = res('AWS::EC2::NetworkInterface', 'eni-1', {
      relations: [
        { kind: 'subnet', target: subnet.arn },
        { kind: 'vpc', target: vpc.arn },
      ],
    });
    expect(attribution([vpc, subnet, eni]).get(eni.arn)).toEqual({
      environment: 'production',
      conflict: false,
      evidence: [rel('production', 'in VPC vpc-a', vpc.arn), rel('production', 'in subnet subnet-a', subnet.arn)],
    });
  });

  it('names a parent once per link, also when a relation is listed twice', () => {
    const twice = res('AWS::EC2::SecurityGroup', 'sg-1', {
      relations: [
        { kind: 'vpc', target: vpc.arn },
        { kind: 'vpc', target: vpc.arn },
      ],
    });
    const twoLinks = res('AWS::EC2::NetworkInterface', 'eni-2', {
      relations: [
        { kind: 'attached-to', target: vpc.arn },
        { kind: 'vpc', target: vpc.arn },
      ],
    });
    const a = attribution([vpc, twice, twoLinks]);
    expect(a.get(twice.arn)?.evidence).toEqual([rel('production', 'in VPC vpc-a', vpc.arn)]);
    expect(a.get(twoLinks.arn)?.evidence).toEqual([rel('production', 'in VPC vpc-a', vpc.arn), rel('production', 'attached to vpc-a', vpc.arn)]);
  });

  it('makes parents of two environments a conflict, naming both', () => {
    const stgSubnet = res('AWS::EC2::Subnet', 'subnet-s', { tags: { Environment: 'staging' } });
    const eni = res('AWS::EC2::NetworkInterface', 'eni-3', {
      relations: [
        { kind: 'subnet', target: stgSubnet.arn },
        { kind: 'vpc', target: vpc.arn },
      ],
    });
    expect(attribution([vpc, stgSubnet, eni]).get(eni.arn)).toEqual({
      environment: null,
      conflict: true,
      evidence: [rel('production', 'in VPC vpc-a', vpc.arn), rel('staging', 'in subnet subnet-s', stgSubnet.arn)],
    });
  });

  it('passes an environment on through a holder that only inherited it (a volume of an instance in a subnet)', () => {
    const vol = res('AWS::EC2::Volume', 'vol-1');
    const instance = res('AWS::EC2::Instance', 'i-1', {
      relations: [
        { kind: 'subnet', target: subnet.arn },
        { kind: 'volume', target: vol.arn },
      ],
    });
    const a = attribution([subnet, instance, vol]);
    expect(a.get(instance.arn)?.evidence).toEqual([rel('production', 'in subnet subnet-a', subnet.arn)]);
    expect(a.get(vol.arn)).toEqual({ environment: 'production', conflict: false, evidence: [rel('production', 'attached to i-1', instance.arn)] });
  });

  it('settles a resource in the first round a parent is known, with the parents known then', () => {
    // eni: its VPC is known at once, its subnet only after a round; the nearest wins alone.
    const bare = res('AWS::EC2::Subnet', 'subnet-b', { relations: [{ kind: 'vpc', target: vpc.arn }] });
    const eni = res('AWS::EC2::NetworkInterface', 'eni-4', {
      relations: [
        { kind: 'vpc', target: vpc.arn },
        { kind: 'subnet', target: bare.arn },
      ],
    });
    const a = attribution([vpc, bare, eni]);
    expect(a.get(bare.arn)?.evidence).toEqual([rel('production', 'in VPC vpc-a', vpc.arn)]);
    expect(a.get(eni.arn)?.evidence).toEqual([rel('production', 'in VPC vpc-a', vpc.arn)]);
  });

  it('a chain of four settles one link per round', () => {
    const sub = res('AWS::EC2::Subnet', 'subnet-c', { relations: [{ kind: 'vpc', target: vpc.arn }] });
    const eni = res('AWS::EC2::NetworkInterface', 'eni-5', { relations: [{ kind: 'subnet', target: sub.arn }] });
    const inst = res('AWS::EC2::Instance', 'i-5', { relations: [{ kind: 'attached-to', target: eni.arn }] });
    const vol = res('AWS::EC2::Volume', 'vol-5');
    inst.relations.push({ kind: 'volume', target: vol.arn });
    const a = attribution([vol, inst, eni, sub, vpc]);
    expect([sub, eni, inst, vol].map((r) => a.get(r.arn)?.evidence[0]?.detail)).toEqual(['in VPC vpc-a', 'in subnet subnet-c', 'attached to eni-5', 'attached to i-5']);
    expect([sub, eni, inst, vol].map((r) => a.get(r.arn)?.environment)).toEqual(['production', 'production', 'production', 'production']);
  });

  it('keeps the own tag of a volume over the instance that passes it another environment', () => {
    const vol = res('AWS::EC2::Volume', 'vol-6', { tags: { Environment: 'staging' } });
    const instance = prod('AWS::EC2::Instance', 'i-6', { relations: [{ kind: 'volume', target: vol.arn }] });
    expect(attribution([instance, vol]).get(vol.arn)?.evidence).toEqual([{ signal: 'tag', environment: 'staging', detail: 'tag Environment=staging' }]);
  });

  it('a duplicated ARN inherits through the relations of any copy, and so does each copy', () => {
    const eni = res('AWS::EC2::NetworkInterface', 'eni-7', { relations: [{ kind: 'vpc', target: vpc.arn }] });
    // The later copy (the one the ARN's position names) has no relation of its own.
    const copy = { ...eni, relations: [] };
    const a = attribution([vpc, eni], [copy]);
    expect(a.get(eni.arn)).toEqual({ environment: 'production', conflict: false, evidence: [rel('production', 'in VPC vpc-a', vpc.arn)] });
  });

  it('a duplicated ARN with a signal in its last copy inherits nothing', () => {
    const eni = res('AWS::EC2::NetworkInterface', 'eni-8', { relations: [{ kind: 'vpc', target: vpc.arn }] });
    const copy = { ...eni, tags: { Environment: 'staging' }, relations: [] };
    expect(attribution([vpc, eni], [copy]).get(eni.arn)?.environment).toBe('staging');
  });

  it('keeps the evidence of every parent and link apart in a larger snapshot', () => {
    // Positions in this order: a subnet at 0, twelve others, a VPC at 13, then their children.
    const s0 = prod('AWS::EC2::Subnet', 'subnet-0');
    const others = Array.from({ length: 12 }, (_, i) => prod('AWS::S3::Bucket', `b-${i}`));
    const v13 = res('AWS::EC2::VPC', 'vpc-13', { tags: { Environment: 'staging' } });
    const inVpc = res('AWS::EC2::SecurityGroup', 'sg-a', { relations: [{ kind: 'vpc', target: v13.arn }] });
    const inSubnet = res('AWS::EC2::NetworkInterface', 'eni-b', { relations: [{ kind: 'subnet', target: s0.arn }] });
    const a = attribution([], [s0, ...others, v13, inVpc, inSubnet]);
    expect(a.get(inVpc.arn)?.evidence).toEqual([rel('staging', 'in VPC vpc-13', v13.arn)]);
    expect(a.get(inSubnet.arn)?.evidence).toEqual([rel('production', 'in subnet subnet-0', s0.arn)]);
  });
});
