// Result.environments: every environment a result involves, set by the analyses that
// know the other side, the subject's alone otherwise (fixture mht-api).
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/collect/snapshot-io.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { involvedEnvironments } from '../../src/engine/results.js';
import { loadRules } from '../../src/rules/load.js';
import { loadSpec } from '../../src/spec/load.js';

describe('involvedEnvironments', () => {
  it('adds the subject, sorts, and drops repeats', () => {
    expect(involvedEnvironments('staging', ['production', 'staging', 'production'])).toEqual(['production', 'staging']);
    expect(involvedEnvironments(null, ['production'])).toEqual(['production']);
    expect(involvedEnvironments(null, undefined)).toEqual([]);
    expect(involvedEnvironments('staging', [])).toEqual(['staging']);
  });
});

describe('results of fixture mht-api carry the environments they involve', () => {
  const ev = evaluate({
    spec: loadSpec('fixtures/mht-api/envgate.yaml'),
    snapshot: readSnapshot('fixtures/mht-api/snapshot.json'),
    rules: loadRules([]),
    now: new Date('2025-01-01T00:00:00Z'),
  });
  const find = (ruleId: string, arn: string, status = 'fail') => ev.results.find((r) => r.ruleId === ruleId && r.resource.arn === arn && r.status === status);

  it('a staging role granting into production, and its access-matrix cell in production', () => {
    const role = 'arn:aws:iam::123456789012:role/mht-api-staging-hotfix-development-team';
    expect(find('isolation-iam-grants', role)?.environments).toEqual(['production', 'staging']);
    expect(find('access-matrix', role)?.environments).toEqual(['production', 'staging']);
  });

  it('conflicting signals involve both environments; parity involves from and to', () => {
    expect(find('attribution-conflict', 'arn:aws:sqs:us-west-2:123456789012:mht-api-staging-events')?.environments).toEqual(['production', 'staging']);
    const parity = ev.results.filter((r) => r.resource.arn.startsWith('arn:aws:envgate:::parity/staging/production/'));
    expect(parity.length).toBeGreaterThan(0);
    for (const r of parity) expect(r.environments).toEqual(['production', 'staging']);
  });

  it('a check on one resource involves its environment alone, an unattributed one none', () => {
    const declarative = ev.results.filter((r) => r.ruleId === 's3-versioning');
    expect(declarative.length).toBeGreaterThan(0);
    for (const r of declarative) expect(r.environments).toEqual(r.resource.environment === null ? [] : [r.resource.environment]);
  });
});
