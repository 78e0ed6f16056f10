// The Markdown report agrees with the rule results: cost status on the figure the ceiling
// is checked on, access findings under the environment of the matrix cell, rule text with
// its code spans, and parity headings naming the spec's environments.
import { describe, expect, it } from 'vitest';
import type { Evaluation, Result, RuleMeta } from '../../src/model/result.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { costStatus } from '../../src/report/derived.js';
import { cleanContext, sampleEvaluation } from './helpers.js';

const costRule: RuleMeta = { id: 'cost-ceiling', title: 'Costs stay under ceilings', category: 'cost', severity: 'medium', resourceTypes: ['envgate::Environment'], description: 'd', remediation: 'Stop `i-123` or run `aws ec2 stop-instances`; a lone ` stays.', requirement: '/environments/*/cost/monthlyCeilingUsd', docs: 'https://example.com/c', origin: 'builtin' };
const accessRule: RuleMeta = { ...costRule, id: 'access-matrix', title: 'Access', category: 'access', severity: 'high', resourceTypes: ['AWS::IAM::Role'], remediation: 'Scope it.' };
const parityRule: RuleMeta = { ...costRule, id: 'parity-capacity', title: 'Environments run their parity target instance types', category: 'parity', severity: 'low', resourceTypes: ['envgate::Parity'], remediation: 'Resize.' };

const base = (r: Partial<Result> & Pick<Result, 'ruleId' | 'status' | 'category' | 'severity'>, name: string, type: string, environment: string | null): Result => ({
  resource: { arn: `arn:aws:envgate:::x/${name}`, accountId: '', region: 'global', type, name, environment },
  message: `${name} message`,
  evidence: {},
  fingerprint: name.padEnd(32, '0'),
  environments: environment === null ? [] : [environment],
  ...r,
});

function evaluation(): Evaluation {
  const ev = sampleEvaluation();
  return {
    ...ev,
    rules: [accessRule, costRule, parityRule],
    results: [
      base({ ruleId: 'access-matrix', status: 'fail', category: 'access', severity: 'high', evidence: { team: 'devs', environment: 'production', observed: 'write', expected: 'none' } }, 'staging-role', 'AWS::IAM::Role', 'staging'),
      base({ ruleId: 'cost-ceiling', status: 'pass', category: 'cost', severity: 'medium' }, 'staging', 'envgate::Environment', 'staging'),
      base({ ruleId: 'cost-ceiling', status: 'fail', category: 'cost', severity: 'medium' }, 'production', 'envgate::Environment', 'production'),
      base({ ruleId: 'parity-capacity', status: 'fail', category: 'parity', severity: 'low', evidence: { from: 'qa', to: 'live' } }, 'qa vs live: instanceTypes', 'envgate::Parity', 'qa'),
    ],
    accessMatrix: [],
    costs: [
      // Checked on actual spend: the estimate over the ceiling is not a verdict.
      { environment: 'staging', ceilingUsd: 100, estimateUsd: 250, actualUsd: 80, breakdown: [], priceTable: { region: 'us-east-1', asOf: '2025-01-01' }, checkedAgainst: 'actual' },
      { environment: 'production', ceilingUsd: 400, estimateUsd: 300, actualUsd: 500, breakdown: [], priceTable: { region: 'us-east-1', asOf: '2025-01-01' }, checkedAgainst: 'both' },
    ],
  };
}

describe('Markdown agrees with the results', () => {
  const text = renderMarkdown(evaluation(), cleanContext());

  it('shows the cost status of the checked figure and says which figure it is', () => {
    expect(text).toContain('| production | $400.00 | $300.00 | $500.00 | estimate and actual | ❌ over ceiling |');
    expect(text).toContain('| staging | $100.00 | $250.00 | $80.00 | actual | ✅ within |');
    // Each environment against its own ceiling: the line is 100% for every one.
    expect(text).toContain('  x-axis ["production", "staging"]\n  y-axis "% of ceiling" 0 --> 138\n  bar [125, 80]\n  line [100, 100]');
  });

  it('derives the same verdict without a result (lower-bound estimates prove nothing under the ceiling)', () => {
    const c = evaluation().costs[0]!;
    expect(costStatus(c)).toEqual({ estimateOverCeiling: true, actualOverCeiling: false, overCeiling: false });
    expect(costStatus({ ...c, checkedAgainst: 'estimate' }).overCeiling).toBe(true);
    expect(costStatus({ ...c, checkedAgainst: 'estimate', estimateUsd: 50, estimateComplete: false }).overCeiling).toBeNull();
    expect(costStatus({ ...c, checkedAgainst: 'actual', actualUsd: null }).overCeiling).toBeNull();
  });

  it('lists an access finding under the environment of the matrix cell, not the principal', () => {
    expect(text).toMatch(/\| production \| staging-role<br>/);
    expect(text).toContain('| production | 1 | 1 | 0 | **2** |');
  });

  it('renders code spans of rule text and escapes the rest', () => {
    expect(text).toContain('**Fix:** Stop `i-123` or run `aws ec2 stop-instances`; a lone \\` stays.');
  });

  it('names the parity pair from the spec in the heading', () => {
    expect(text).toContain('· `parity-capacity` · Environments run their parity target instance types · qa → live (1)');
  });
});
