// The access-matrix rule file through the loader and evaluate(): results per principal
// and the computed matrix in Evaluation.accessMatrix.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/evaluate.js';
import { loadRules } from '../../../src/rules/load.js';
import type { Principal } from '../../../src/model/snapshot.js';
import { baseSpec, loaded, NOW, snapshot, STAGING_ACCOUNT } from '../helpers.js';

const rule = loadRules().find((r) => r.meta.id === 'access-matrix');

const role = (name: string, action: string): Principal => ({
  arn: `arn:aws:iam::${STAGING_ACCOUNT}:role/${name}`,
  accountId: STAGING_ACCOUNT,
  kind: 'role',
  name,
  path: '/',
  tags: {},
  groups: [],
  attachedPolicies: [],
  inlinePolicies: [{ name: 'p', document: { Statement: [{ Sid: 'S', Effect: 'Allow', Action: action, Resource: '*' }] } }],
});

describe('access-matrix rule', () => {
  it('fails principals above the declared level, passes the others, and fills the matrix', () => {
    expect(rule).toBeDefined();
    const spec = baseSpec({ teams: { dev: { principals: [{ name: 'dev-*' }] } } });
    spec.access.matrix = { dev: { staging: 'read', production: 'none' } };
    const ev = evaluate({ spec: loaded(spec), snapshot: snapshot([], { principals: [role('dev-admin', '*'), role('dev-reader', 's3:Get*')] }), rules: [rule!], now: NOW });
    const staging = ev.results.filter((r) => (r.evidence as { environment?: string }).environment === 'staging');
    expect(Object.fromEntries(staging.map((r) => [r.resource.name, r.status]))).toEqual({ 'dev-admin': 'fail', 'dev-reader': 'pass' });
    expect(staging.find((r) => r.status === 'fail')?.specLocation?.path).toBe('/access/matrix/dev/staging');
    expect(ev.accessMatrix.map((c) => [c.team, c.environment, c.declared, c.effective])).toEqual([
      ['dev', 'production', 'none', 'none'],
      ['dev', 'staging', 'read', 'full'],
    ]);
  });
});
