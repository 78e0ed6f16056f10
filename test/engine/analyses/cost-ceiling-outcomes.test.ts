// The cost-ceiling outcome in full: status, message, reason, where it is located and the
// evidence, for each source. Amounts: t3.medium 730 h x $0.0416 = $30.37, m5.large
// 730 h x $0.096 = $70.08, ALB 730 h x $0.0225 = $16.43, t3.micro 730 h x $0.0104 = $7.59.
import { describe, expect, it } from 'vitest';
import { costCeiling, costDetails } from '../../../src/engine/analyses/cost-ceiling.js';
import { PRICE_TABLES } from '../../../src/engine/analyses/price-table.js';
import type { EngineContext, Outcome } from '../../../src/engine/context.js';
import type { CostSpec, EnvironmentSpec } from '../../../src/model/spec.js';
import type { CostRecord, Resource } from '../../../src/model/snapshot.js';
import { collectionError, costRecord, envSpec, makeContext, makeSpec, res } from './cost-context.js';

const ec2 = (name: string, instanceType: string) => res('AWS::EC2::Instance', name, 'production', { instanceType, state: 'running' });
const alb = res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'alb', 'production', { lbType: 'application' });
const three = (): Resource[] => [ec2('web-1', 't3.medium'), ec2('web-2', 'm5.large'), alb];
const ctx = (cost: CostSpec, resources: Resource[], over: { costs?: CostRecord[]; env?: Partial<EnvironmentSpec>; errors?: ReturnType<typeof collectionError>[] } = {}): EngineContext =>
  makeContext({ spec: makeSpec({ production: envSpec({ cost, aliases: ['prod', 'live'], ...over.env }) }), resources, costs: over.costs, errors: over.errors });
const outcome = (c: EngineContext, options = {}): Outcome => {
  const out = costCeiling.run(c, options);
  const outcomes = Array.isArray(out) ? out : out.outcomes;
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
};

const ENV_RESOURCE = { accountId: '111122223333', region: 'us-east-1', type: 'envgate::Environment', name: 'production', environment: 'production' };
const SPEC_PATH = '/environments/production/cost/monthlyCeilingUsd';
const LCU = { code: 'usage-based', message: '1 load balancer: capacity units (LCU) depend on traffic, which the inventory does not hold; only the hourly base is priced', count: 1, lowerBound: false };
const PERIOD = { start: '2025-05-01', end: '2025-06-01' };
const CE = { tagKey: 'Environment', tagValues: ['production'], accounts: ['111122223333'] };

describe('cost-ceiling outcomes by estimate', () => {
  it('fails naming the figure, the ceiling and the largest lines, with the evidence', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 50, source: 'estimate' }, three()), { topContributors: 2 });
    expect(o).toMatchObject({
      status: 'fail',
      arn: 'arn:aws:envgate:::environment/production',
      resource: ENV_RESOURCE,
      message: 'Environment production: estimated $116.88/month exceeds the ceiling of $50.00/month; largest: EC2 m5.large web-2 ($70.08), EC2 t3.medium web-1 ($30.37)',
      specPath: SPEC_PATH,
    });
    expect(o.reason).toBeUndefined();
    expect(o.evidence).toEqual({
      observed: { estimateUsd: 116.88 },
      expected: { monthlyCeilingUsd: 50 },
      source: 'estimate',
      lowerBound: false,
      topContributors: [
        { item: 'EC2 m5.large', monthlyUsd: 70.08, resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/web-2', detail: '730 h x $0.096/h', price: { region: 'us-east-1', asOf: '2025-01-01', source: 'bundled' } },
        { item: 'EC2 t3.medium', monthlyUsd: 30.37, resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/web-1', detail: '730 h x $0.0416/h', price: { region: 'us-east-1', asOf: '2025-01-01', source: 'bundled' } },
      ],
      byService: [
        { service: 'EC2', monthlyUsd: 100.45 },
        { service: 'ELB', monthlyUsd: 16.43 },
      ],
      caveats: [LCU],
      priceTable: { region: 'us-east-1', asOf: '2025-01-01', hoursPerMonth: 730 },
      overByUsd: 66.88,
    });
  });

  it('passes within the ceiling, saying so', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'estimate' }, three()));
    expect([o.status, o.message, o.reason]).toEqual(['pass', 'Environment production: estimated $116.88/month within the ceiling of $500.00/month', undefined]);
    expect(o.evidence.overByUsd).toBeUndefined();
  });

  it('is not evaluated under the ceiling with an incomplete estimate, giving the lower-bound caveats as the reason', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'estimate' }, [...three(), ec2('x', 'x9.huge')]));
    expect(o.status).toBe('not-evaluated');
    expect(o.message).toBe('Environment production: monthly cost could not be established against the ceiling of $500.00/month');
    expect(o.reason).toBe(
      'estimate incomplete: EC2 instance type x9.huge is not in the us-east-1 price table; the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot) (1 resource): not priced, the estimate is a lower bound',
    );
    expect(o.evidence.lowerBound).toBe(true);
  });

  it('fails on the known part of an incomplete estimate, calling it a lower bound', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 50, source: 'estimate' }, [ec2('web-2', 'm5.large'), ec2('x', 'x9.huge')]));
    expect(o.message).toBe('Environment production: estimated $70.08/month (lower bound) exceeds the ceiling of $50.00/month; largest: EC2 m5.large web-2 ($70.08)');
  });

  it('names the collection errors that leave priced types incomplete', () => {
    const err = collectionError(['AWS::EC2::Instance']);
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'estimate' }, three(), { errors: [err] }));
    expect(o.reason).toBe('estimate incomplete: priced resource types could not be fully inventoried: collection error ec2:DescribeInstances AccessDenied in 111122223333/us-east-1: not authorized');
    expect(o.evidence.caveats).toEqual([
      { code: 'collection-error', message: 'priced resource types could not be fully inventoried: collection error ec2:DescribeInstances AccessDenied in 111122223333/us-east-1: not authorized', count: 1, lowerBound: true },
      LCU,
    ]);
  });
});

describe('cost-ceiling outcomes by actual spend', () => {
  it('passes naming the amount and period, with the Cost Explorer evidence', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'actual' }, three(), { costs: [costRecord('production', 120)] }));
    expect(o.message).toBe('Environment production: actual $120.00 for 2025-05-01..2025-06-01 within the ceiling of $500.00/month');
    expect(o.evidence).toEqual({ observed: { actualUsd: 120 }, expected: { monthlyCeilingUsd: 500 }, source: 'actual', actualPeriod: PERIOD, costExplorer: CE });
  });

  it('is not evaluated without spend, naming the tag values looked for (the environment and its aliases)', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'actual' }, three()));
    expect([o.status, o.reason]).toEqual(['not-evaluated', 'no Cost Explorer spend in the snapshot under the environment tag values (production, prod, live)']);
    expect(o.evidence).toEqual({ observed: { actualUsd: null }, expected: { monthlyCeilingUsd: 500 }, source: 'actual' });
  });

  it('is not evaluated without spend when Cost Explorer failed, naming the error', () => {
    const err = collectionError(['costs'], { service: 'ce', operation: 'GetCostAndUsage' });
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'actual' }, [], { errors: [err] }));
    expect(o.reason).toBe('no Cost Explorer data: collection error ce:GetCostAndUsage AccessDenied in 111122223333/us-east-1: not authorized');
  });
});

describe('cost-ceiling outcomes by both figures', () => {
  it('fails on the estimate and words only the figure over, reporting both', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 100, source: 'both' }, three(), { costs: [costRecord('production', 90)] }));
    expect(o.message).toBe('Environment production: estimated $116.88/month exceeds the ceiling of $100.00/month; largest: EC2 m5.large web-2 ($70.08), EC2 t3.medium web-1 ($30.37), ALB alb ($16.43)');
    expect(o.evidence.observed).toEqual({ estimateUsd: 116.88, actualUsd: 90 });
    expect(o.evidence.overByUsd).toBe(16.88);
    expect([o.evidence.actualPeriod, o.evidence.costExplorer]).toEqual([PERIOD, CE]);
  });

  it('fails on actual spend, over by the larger figure', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 100, source: 'both' }, [ec2('a', 't3.micro')], { costs: [costRecord('production', 190)] }));
    expect(o.message).toBe('Environment production: actual $190.00 for 2025-05-01..2025-06-01 exceeds the ceiling of $100.00/month; largest: EC2 t3.micro a ($7.59)');
    expect(o.evidence.overByUsd).toBe(90);
  });

  it('passes when both are within, naming both', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'both' }, [ec2('a', 't3.micro')], { costs: [costRecord('production', 190)] }));
    expect(o.message).toBe('Environment production: estimated $7.59/month and actual $190.00 for 2025-05-01..2025-06-01 within the ceiling of $500.00/month');
  });

  it('joins the reasons of both figures', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'both' }, [ec2('x', 'x9.huge')]));
    expect(o.reason).toBe(
      'estimate incomplete: EC2 instance type x9.huge is not in the us-east-1 price table; the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot) (1 resource): not priced, the estimate is a lower bound; no Cost Explorer spend in the snapshot under the environment tag values (production, prod, live)',
    );
  });
});

describe('cost-ceiling outcome location', () => {
  it('escapes the environment name in the spec path, and places an environment without accounts or regions globally', () => {
    const c = makeContext({ spec: makeSpec({ 'a/b~c': envSpec({ cost: { monthlyCeilingUsd: 1, source: 'estimate' }, accounts: [], regions: [] }) }), resources: [] });
    const o = outcome(c);
    expect([o.arn, o.specPath, o.resource]).toEqual([
      'arn:aws:envgate:::environment/a/b~c',
      '/environments/a~1b~0c/cost/monthlyCeilingUsd',
      { accountId: '', region: 'global', type: 'envgate::Environment', name: 'a/b~c', environment: 'a/b~c' },
    ]);
    expect(o.evidence.priceTable).toEqual({ region: '', asOf: '', hoursPerMonth: 730 });
  });

  it('takes the first account and region of the environment, and the tables of its regions when nothing is priced', () => {
    const c = makeContext({ spec: makeSpec({ production: envSpec({ cost: { monthlyCeilingUsd: 1, source: 'estimate' }, accounts: [{ id: '222233334444' }, { id: '111122223333' }], regions: ['us-west-2', 'us-east-1', 'eu-west-9'] }) }), resources: [] });
    const o = outcome(c);
    expect([o.resource?.accountId, o.resource?.region]).toEqual(['222233334444', 'us-west-2']);
    expect(o.evidence.priceTable).toEqual({ region: 'us-east-1,us-west-2', asOf: '2025-01-01', hoursPerMonth: 730 });
  });
});

describe('cost tables', () => {
  const micro = (i: number) => ec2(`w${String(i).padStart(4, '0')}`, 't3.micro');

  it('keeps 1000 lines as they are, and sums the smallest beyond them per item, counting them', () => {
    const exactly = costDetails(ctx({ monthlyCeilingUsd: 1, source: 'estimate' }, [...Array.from({ length: 999 }, (_, i) => micro(i)), ec2('big', 'm5.large')]))[0]!.cost;
    expect(exactly.breakdown).toHaveLength(1000);
    expect(exactly.breakdown.every((l) => l.resourceArn !== undefined)).toBe(true);
    const over = costDetails(ctx({ monthlyCeilingUsd: 1, source: 'estimate' }, [...Array.from({ length: 1005 }, (_, i) => micro(i)), ec2('big', 'm5.large')]))[0]!.cost;
    expect(over.breakdown).toHaveLength(1001);
    // 6 x $7.59 = $45.54, between the m5.large and the single t3.micro lines
    expect(over.breakdown.slice(0, 3).map((l) => [l.item, l.monthlyUsd, l.detail ?? null, l.resourceArn ?? null])).toEqual([
      ['EC2 m5.large', 70.08, '730 h x $0.096/h', 'arn:aws:ec2:us-east-1:111122223333:instance/big'],
      ['EC2 t3.micro', 45.54, '6 more resources, summed', null],
      ['EC2 t3.micro', 7.59, '730 h x $0.0104/h', 'arn:aws:ec2:us-east-1:111122223333:instance/w0000'],
    ]);
  });

  it('lists every environment of the spec by name', () => {
    const spec = makeSpec({ staging: envSpec({}), production: envSpec({}), dev: envSpec({}) });
    expect(costDetails(makeContext({ spec, resources: [] })).map((d) => d.cost.environment)).toEqual(['dev', 'production', 'staging']);
  });

  it('adds the lines of one service together, largest service first', () => {
    const c = ctx({ monthlyCeilingUsd: 1000, source: 'estimate' }, [res('AWS::EC2::NatGateway', 'n', 'production', { state: 'available' }), res('AWS::EC2::VPCEndpoint', 'e', 'production', { endpointType: 'Interface', subnetIds: ['a', 'b', 'c'] }), ec2('a', 'm5.large')]);
    // NAT 730 x $0.045 = $32.85 and 3 AZ x 730 x $0.01 = $21.90 are both VPC
    expect(outcome(c).evidence.byService).toEqual([
      { service: 'EC2', monthlyUsd: 70.08 },
      { service: 'VPC', monthlyUsd: 54.75 },
    ]);
  });

  it('computes again for other price tables, whichever was asked first', () => {
    const cheap = new Map([...PRICE_TABLES].map(([region, t]) => [region, { ...t, ec2: { hourly: { ...t.ec2.hourly, 't3.micro': 0.001 } } }]));
    const c1 = ctx({ monthlyCeilingUsd: 1, source: 'estimate' }, [micro(1)]);
    expect(costDetails(c1)[0]!.cost.estimateUsd).toBe(7.59);
    expect(costDetails(c1, cheap)[0]!.cost.estimateUsd).toBe(0.73);
    const c2 = ctx({ monthlyCeilingUsd: 1, source: 'estimate' }, [micro(1)]);
    expect(costDetails(c2, cheap)[0]!.cost.estimateUsd).toBe(0.73);
    expect(costDetails(c2)[0]!.cost.estimateUsd).toBe(7.59);
  });

  it('says which figure is checked, estimate when the spec says nothing', () => {
    const c = makeContext({ spec: makeSpec({ production: envSpec({ cost: { monthlyCeilingUsd: 1 } as CostSpec }), staging: envSpec({}) }), resources: [] });
    expect(costDetails(c).map((d) => [d.cost.environment, d.cost.checkedAgainst ?? null, d.cost.ceilingUsd])).toEqual([
      ['production', 'estimate', 1],
      ['staging', null, null],
    ]);
  });
});

describe('cost-ceiling wording with several figures and errors', () => {
  it('joins both figures over the ceiling, and names no lines for actual spend alone', () => {
    const both = outcome(ctx({ monthlyCeilingUsd: 10, source: 'both' }, [ec2('a', 't3.micro'), ec2('b', 't3.micro')], { costs: [costRecord('production', 20)] }));
    expect(both.message).toBe('Environment production: estimated $15.18/month and actual $20.00 for 2025-05-01..2025-06-01 exceed the ceiling of $10.00/month; largest: EC2 t3.micro a ($7.59), EC2 t3.micro b ($7.59)');
    const actual = outcome(ctx({ monthlyCeilingUsd: 10, source: 'actual' }, [ec2('a', 't3.micro')], { costs: [costRecord('production', 20)] }));
    expect(actual.message).toBe('Environment production: actual $20.00 for 2025-05-01..2025-06-01 exceeds the ceiling of $10.00/month');
  });

  it('passes actual spend exactly at the ceiling', () => {
    expect(outcome(ctx({ monthlyCeilingUsd: 20, source: 'actual' }, [], { costs: [costRecord('production', 20)] })).status).toBe('pass');
  });

  it('joins several collection errors with semicolons', () => {
    const a = collectionError(['AWS::EC2::Instance']);
    const b = collectionError(['AWS::EC2::Instance'], { region: 'us-east-1', service: 'rds', operation: 'DescribeDBInstances' });
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'estimate' }, three(), { errors: [a, b] }));
    expect(o.reason).toBe(
      'estimate incomplete: priced resource types could not be fully inventoried: collection error ec2:DescribeInstances AccessDenied in 111122223333/us-east-1: not authorized; collection error rds:DescribeDBInstances AccessDenied in 111122223333/us-east-1: not authorized',
    );
    const ce = (operation: string) => collectionError(['costs'], { service: 'ce', operation });
    const noData = outcome(ctx({ monthlyCeilingUsd: 500, source: 'actual' }, [], { errors: [ce('GetCostAndUsage'), ce('GetTags')] }));
    expect(noData.reason).toBe('no Cost Explorer data: collection error ce:GetCostAndUsage AccessDenied in 111122223333/us-east-1: not authorized; collection error ce:GetTags AccessDenied in 111122223333/us-east-1: not authorized');
    const partial = outcome(ctx({ monthlyCeilingUsd: 500, source: 'actual' }, [], { costs: [costRecord('production', 10, { accountId: '1' })], errors: [ce('GetCostAndUsage'), ce('GetTags')] }));
    expect(partial.reason).toBe('actual $10.00 for 2025-05-01..2025-06-01 is a lower bound: collection error ce:GetCostAndUsage AccessDenied in 111122223333/us-east-1: not authorized; collection error ce:GetTags AccessDenied in 111122223333/us-east-1: not authorized');
  });

  it('joins several lower-bound caveats of the estimate with semicolons', () => {
    const o = outcome(ctx({ monthlyCeilingUsd: 500, source: 'estimate' }, [ec2('x', 'x9.huge'), res('AWS::EC2::Volume', 'v', 'production', { sizeGiB: 1 })]));
    expect(o.reason).toBe(
      'estimate incomplete: 1 AWS::EC2::Volume resource without volumeType in the inventory: not priced, the estimate is a lower bound; EC2 instance type x9.huge is not in the us-east-1 price table; the snapshot holds no Price List API prices (inventory --no-prices, an emulator, or an older snapshot) (1 resource): not priced, the estimate is a lower bound',
    );
  });

  it('dates an unpriced environment by the tables of its regions, each date once', () => {
    const tables = new Map([...PRICE_TABLES].map(([region, t]) => [region, region === 'us-west-2' ? { ...t, asOf: '2025-02-01' } : t]));
    const c = makeContext({ spec: makeSpec({ production: envSpec({ regions: ['us-west-2', 'us-east-1', 'us-east-2', 'eu-west-9'] }) }), resources: [] });
    expect(costDetails(c, tables)[0]!.cost.priceTable).toEqual({ region: 'us-east-1,us-east-2,us-west-2', asOf: '2025-01-01,2025-02-01' });
  });
});
