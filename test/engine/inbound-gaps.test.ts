// A rule that counts inbound relations (alarms-present: alarms that monitor the resource)
// cannot fail a resource when the relations' source type (alarms) could not be listed
// there: the count would be zero for want of data. It is not-evaluated with the error.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { CollectionError } from '../../src/model/snapshot.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, PROD_ACCOUNT, snapshot } from './helpers.js';

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
