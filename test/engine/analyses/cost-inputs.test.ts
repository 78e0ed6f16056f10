// The two inputs of the cost analyses: actual spend per environment from the Cost
// Explorer records (which tag key, which period, which tag values), and the resources of
// each environment by type with their accounts and regions.
import { describe, expect, it } from 'vitest';
import { actualSpend, tagValueIndex } from '../../../src/engine/analyses/cost-actual.js';
import { environmentResources, resourcesOfEnvironment } from '../../../src/engine/analyses/cost-environments.js';
import type { CostRecord } from '../../../src/model/snapshot.js';
import { context, resource, spec } from './iso-access-factory.js';

const rec = (tagKey: string, tagValue: string, amountUsd: number, periodStart = '2026-01-01', periodEnd = '2026-02-01', accountId = '111111111111'): CostRecord => ({ accountId, tagKey, tagValue, periodStart, periodEnd, amountUsd });
const aliased = () => {
  const s = spec();
  s.attribution.tagKeys = ['Env', 'Stage'];
  s.environments.production!.aliases = ['prod', 'STAGING'];
  s.environments.staging!.aliases = ['stg'];
  return s;
};
const plain = (r: ReturnType<typeof actualSpend>) => ({ ...r, byEnvironment: Object.fromEntries(r.byEnvironment) });

describe('actual spend', () => {
  it('tag values by name or alias, any case; a name wins over another environment alias', () => {
    expect(Object.fromEntries(tagValueIndex(aliased()))).toEqual({ prod: 'production', staging: 'staging', stg: 'staging', production: 'production' });
  });

  it('an alias two environments share goes to the first by name, whatever the spec order', () => {
    const s = aliased();
    s.environments = { staging: { ...s.environments.staging!, aliases: ['Shared'] }, production: { ...s.environments.production!, aliases: ['shared'] } };
    expect(tagValueIndex(s).get('shared')).toBe('production');
  });

  it("sums the latest period's records per environment, in cents, naming tag values and accounts", () => {
    const records = [
      rec('env', 'production', 500, '2025-12-01', '2026-01-01'),
      rec('env', 'production', 0.0051),
      rec('env', 'PROD', 10.004, undefined, undefined, '222222222222'),
      rec('env', 'production', 70, '2026-01-01', '2026-01-15'),
      rec('env', 'stg', 3),
      rec('env', 'qa', 99),
    ];
    expect(plain(actualSpend(aliased(), records))).toEqual({
      tagKey: 'env',
      period: { start: '2026-01-01', end: '2026-02-01' },
      byEnvironment: {
        production: { cents: 1001, period: { start: '2026-01-01', end: '2026-02-01' }, tagKey: 'env', tagValues: ['PROD', 'production'], accounts: ['111111111111', '222222222222'] },
        staging: { cents: 300, period: { start: '2026-01-01', end: '2026-02-01' }, tagKey: 'env', tagValues: ['stg'], accounts: ['111111111111'] },
      },
    });
  });

  it("takes the spec's first tag key present in the records, else the records' first key", () => {
    const records = [rec('Stage', 'stg', 1), rec('env', 'stg', 2), rec('aaa', 'stg', 4)];
    expect(actualSpend(aliased(), records).byEnvironment.get('staging')!.cents).toBe(200);
    expect(actualSpend(aliased(), [rec('stage', 'stg', 1), rec('aaa', 'stg', 4)]).tagKey).toBe('stage');
    const noKeys = aliased();
    noKeys.attribution.tagKeys = [];
    expect(actualSpend(noKeys, [rec('zzz', 'stg', 1), rec('aaa', 'stg', 4)]).byEnvironment.get('staging')!.cents).toBe(400);
  });

  it('of two periods ending together, the longer one counts', () => {
    const r = actualSpend(aliased(), [rec('env', 'stg', 1, '2026-01-15', '2026-02-01'), rec('env', 'stg', 2, '2026-01-01', '2026-02-01'), rec('env', 'stg', 4, '2026-01-20', '2026-02-01')]);
    expect([r.period, r.byEnvironment.get('staging')!.cents]).toEqual([{ start: '2026-01-01', end: '2026-02-01' }, 200]);
  });

  it('no records: no spend, no key, no period', () => {
    expect(plain(actualSpend(aliased(), []))).toEqual({ byEnvironment: {}, tagKey: null, period: null });
  });
});

describe('resources of each environment', () => {
  it('groups by type in snapshot order, counting accounts and regions other than global; unattributed ones are left out', () => {
    const r = (arn: string, type: string, env: string | undefined, region: string) => resource(arn, type, { region, tags: env ? { env } : {} });
    const all = [
      r('arn:aws:a:eu-west-1:111111111111:1', 'AWS::SQS::Queue', 'staging', 'eu-west-1'),
      r('arn:aws:b:us-east-1:222222222222:2', 'AWS::SQS::Queue', 'production', 'us-east-1'),
      r('arn:aws:c:eu-west-1:111111111111:3', 'AWS::SNS::Topic', 'staging', 'eu-west-1'),
      r('arn:aws:d::111111111111:4', 'AWS::IAM::Role', 'staging', 'global'),
      r('arn:aws:e:eu-west-2:333333333333:5', 'AWS::SQS::Queue', 'staging', 'eu-west-2'),
      r('arn:aws:f:eu-west-1:111111111111:6', 'AWS::SQS::Queue', undefined, 'eu-west-1'),
    ];
    const ctx = context({ resources: all });
    const shape = (env: string) => {
      const e = resourcesOfEnvironment(ctx, env);
      return { byType: Object.fromEntries([...e.byType].map(([t, rs]) => [t, rs.map((x) => x.arn.split(':').pop())])), count: e.count, accounts: [...e.accounts].sort(), regions: [...e.regions].sort() };
    };
    expect(shape('staging')).toEqual({ byType: { 'AWS::SQS::Queue': ['1', '5'], 'AWS::SNS::Topic': ['3'], 'AWS::IAM::Role': ['4'] }, count: 4, accounts: ['111111111111', '333333333333'], regions: ['eu-west-1', 'eu-west-2'] });
    expect(shape('production')).toEqual({ byType: { 'AWS::SQS::Queue': ['2'] }, count: 1, accounts: ['222222222222'], regions: ['us-east-1'] });
    expect(shape('dev')).toEqual({ byType: {}, count: 0, accounts: [], regions: [] });
    expect([...environmentResources(ctx).keys()]).toEqual(['staging', 'production']);
  });
});
