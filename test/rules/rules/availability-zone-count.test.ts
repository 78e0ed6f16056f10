// Rule availability-zone-count: an environment's subnets, and the resources of each
// listed type, span at least the required number of zones (results per environment).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from '../../engine/helpers.js';
import { net, production, ruleTester } from '../rule-tester.js';

const SUBNET = 'AWS::EC2::Subnet';
const INSTANCE = 'AWS::EC2::Instance';
const LAMBDA = 'AWS::Lambda::Function';
const subnet = (id: string, az: string, defaultForAz = false) => prod(SUBNET, id, { config: { subnetId: id, vpcId: 'vpc-1', availabilityZone: az, defaultForAz } });

ruleTester.run('availability-zone-count', [
  {
    name: 'subnets in one zone fail; default subnets do not count',
    spec: (s) => void (production(s).network = net({ availabilityZoneCount: { min: 2 } })),
    resources: [subnet('subnet-a', 'us-east-1a'), subnet('subnet-a2', 'us-east-1a'), subnet('subnet-default', 'us-east-1b', true)],
    expect: { production: 'fail' },
    messages: { production: 'Environment production: subnets in 1 availability zone (us-east-1a); production requires at least 2' },
  },
  {
    name: 'subnets in two zones pass',
    spec: (s) => void (production(s).network = net({ availabilityZoneCount: { min: 2 } })),
    resources: [subnet('subnet-a', 'us-east-1a'), subnet('subnet-b', 'us-east-1b')],
    expect: { production: 'pass' },
    messages: { production: 'Environment production: subnets in 2 availability zones (us-east-1a, us-east-1b), at least 2 required' },
  },
]);

describe('availability-zone-count per type', () => {
  const rule = loadRules().find((r) => r.meta.id === 'availability-zone-count')!;
  const run = (byType: Record<string, number>, resources: Parameters<typeof snapshot>[0]) => {
    const spec = baseSpec();
    production(spec).network = net({ availabilityZoneCount: { byType } });
    return evaluate({ spec: loaded(spec), snapshot: snapshot(resources), rules: [rule], now: NOW }).results.map((r) => [r.status, r.message]);
  };

  it('counts instances by their zone and functions by their subnets zones', () => {
    expect(
      run({ [INSTANCE]: 2, [LAMBDA]: 2 }, [
        subnet('subnet-a', 'us-east-1a'),
        subnet('subnet-b', 'us-east-1b'),
        prod(INSTANCE, 'i-1', { config: { availabilityZone: 'us-east-1a' } }),
        prod(INSTANCE, 'i-2', { config: { availabilityZone: 'us-east-1a' } }),
        prod(LAMBDA, 'fn', { config: { subnetIds: ['subnet-a', 'subnet-b'] } }),
      ]),
    ).toEqual([
      ['fail', 'Environment production: AWS::EC2::Instance in 1 availability zone (us-east-1a); production requires at least 2'],
      ['pass', 'Environment production: AWS::Lambda::Function in 2 availability zones (us-east-1a, us-east-1b), at least 2 required'],
    ]);
  });

  it('a count short of the minimum with a zone not known is not evaluated; no resource at all fails', () => {
    expect(
      run({ [INSTANCE]: 2, [LAMBDA]: 1 }, [prod(INSTANCE, 'i-1', { config: { availabilityZone: 'us-east-1a' } }), prod(INSTANCE, 'i-2', { config: {} })]),
    ).toEqual([
      ['not-evaluated', 'Environment production: availability zones of AWS::EC2::Instance not evaluated'],
      ['fail', 'Environment production: AWS::Lambda::Function in 0 availability zones; production requires at least 1'],
    ]);
  });
});
