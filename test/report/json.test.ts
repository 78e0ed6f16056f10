import { describe, expect, it } from 'vitest';
import { buildJsonReport, renderJson } from '../../src/report/json.js';
import { cleanContext, sampleContext, sampleEvaluation, validateReport } from './helpers.js';

describe('JSON report', () => {
  it('holds every result with its fingerprint, and the run metadata', () => {
    const ev = sampleEvaluation();
    const report = buildJsonReport(ev, sampleContext());
    expect(report.results).toHaveLength(ev.results.length);
    expect(new Set(report.results.map((r) => r.status))).toEqual(new Set(['fail', 'pass', 'not-evaluated']));
    expect(report.results.every((r) => r.fingerprint.length > 0)).toBe(true);
    expect(report.run.accounts).toEqual(['111111111111', '222222222222']);
    expect(report.run.apiCallsTotal).toBe(5);
    expect(Object.keys(report.run.apiCalls)).toEqual(['iam:GetAccountAuthorizationDetails', 'tagging:GetResources']);
    expect(report.run.collectionErrors).toHaveLength(1);
    expect(report.run.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('summarises per environment and category, waived apart from failures', () => {
    const report = buildJsonReport(sampleEvaluation(), sampleContext());
    expect(report.summary.totals).toEqual({ fail: 4, pass: 1, notEvaluated: 1, waived: 1 });
    expect(report.summary.environments.map((e) => e.environment)).toEqual(['production', 'staging', null]);
    const staging = report.summary.environments[1]!;
    expect(staging.categories.map((c) => c.category)).toEqual(['isolation', 'tagging', 'encryption']);
    expect(report.results.find((r) => r.waiver)!.waived).toBe(true);
  });

  it('marks access violations and costs over ceiling', () => {
    const report = buildJsonReport(sampleEvaluation(), sampleContext());
    expect(report.accessMatrix.map((c) => c.violation)).toEqual([true, false]);
    expect(report.costs.map((c) => [c.environment, c.estimateOverCeiling, c.actualOverCeiling])).toEqual([
      ['production', true, null],
      ['staging', false, false],
    ]);
  });

  it('verdict: incomplete wins over fail, fail over pass', () => {
    expect(buildJsonReport(sampleEvaluation(), sampleContext()).summary.verdict).toBe('incomplete');
    const complete = { ...sampleEvaluation(), results: sampleEvaluation().results.filter((r) => r.status !== 'not-evaluated') };
    expect(buildJsonReport(complete, cleanContext()).summary.verdict).toBe('fail');
    expect(buildJsonReport(complete, cleanContext({ failOn: 'none' })).summary.verdict).toBe('pass');
    expect(buildJsonReport(complete, cleanContext({ failOn: 'critical' })).summary.blocking).toBe(1);
  });

  it('does not count findings the baseline already held as blocking', () => {
    const complete = { ...sampleEvaluation(), results: sampleEvaluation().results.filter((r) => r.status !== 'not-evaluated') };
    const known = { ...complete, results: complete.results.map((r) => ({ ...r, baseline: 'existing' as const })) };
    expect(buildJsonReport(complete, cleanContext()).summary.blocking).toBeGreaterThan(0);
    expect(buildJsonReport(known, cleanContext()).summary.blocking).toBe(0);
    expect(buildJsonReport(known, cleanContext()).summary.verdict).toBe('pass');
  });

  it('is valid against the report schema, also when empty', () => {
    validateReport(renderJson(sampleEvaluation(), sampleContext()));
    validateReport(renderJson({ results: [], rules: [], accessMatrix: [], costs: [], attribution: {} }, cleanContext()));
  });

  it('does not depend on the order results arrive in', () => {
    const ev = sampleEvaluation();
    const reversed = { ...ev, results: [...ev.results].reverse(), rules: [...ev.rules].reverse() };
    expect(renderJson(reversed, sampleContext())).toBe(renderJson(ev, sampleContext()));
  });
});
