// The count operator's evidence: expected is {count: {gte: 1}}, once (it used to nest
// count inside count), and the failing message says in words what is missing.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/rules/load.js';
import { baseSpec, loaded, NOW, prod, snapshot } from './helpers.js';

const DB = 'AWS::RDS::DBInstance';

describe('count evidence', () => {
  it('alarms-present: expected is {count: {gte: 1}} on fail and pass', () => {
    const spec = baseSpec();
    spec.environments.production!.monitoring = { alarms: [DB], alarmActions: [] };
    const watched = prod(DB, 'db-watched');
    const rule = loadRules().find((r) => r.meta.id === 'alarms-present')!;
    const ev = evaluate({
      spec: loaded(spec),
      snapshot: snapshot([watched, prod(DB, 'db-blind'), prod('AWS::CloudWatch::Alarm', 'cpu', { relations: [{ kind: 'monitors', target: watched.arn }] })]),
      rules: [rule],
      now: NOW,
    });
    const by = new Map(ev.results.map((r) => [r.resource.name, r]));
    expect(by.get('db-blind')).toMatchObject({ status: 'fail', evidence: { observed: [], expected: { count: { gte: 1 } } } });
    expect(by.get('db-watched')).toMatchObject({ status: 'pass', evidence: { expected: { count: { gte: 1 } } } });
    expect(by.get('db-blind')!.message).toBe("AWS::RDS::DBInstance 'db-blind': no CloudWatch alarm watches it; production requires alarms on AWS::RDS::DBInstance");
  });
});
