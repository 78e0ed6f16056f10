// Past GitHub's 25,000 results per run the SARIF folds the least severe findings into one
// alert per rule and environment instead of refusing the file.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/model/result.js';
import { renderToString } from '../../src/report/formatter.js';
import { planSarif } from '../../src/report/sarif-aggregate.js';
import { sarifFormatter } from '../../src/report/sarif-format.js';
import { GITHUB_LIMITS, renderSarif } from '../../src/report/sarif.js';
import { cleanContext, result, sampleEvaluation, validateSarif } from './helpers.js';

type Log = {
  runs: {
    invocations: { properties: Record<string, unknown>; toolExecutionNotifications?: { level: string; descriptor: { id: string }; message: { text: string } }[] }[];
    results: {
      ruleId: string;
      message: { text: string };
      relatedLocations?: { id: number; logicalLocations: { fullyQualifiedName: string }[]; physicalLocation: { artifactLocation: { uri: string } } }[];
      partialFingerprints: { primaryLocationLineHash: string };
      properties: { aggregated?: number; environment: string | null };
    }[];
  }[];
};

const bucket = (i: number) => `arn:aws:s3:::bucket-${String(i).padStart(5, '0')}`;
const failures = (n: number, environment = 'staging'): Result[] =>
  Array.from({ length: n }, (_, i) => result({ ruleId: 'tagging-required', arn: bucket(i), line: 3, environment }));

describe('SARIF past GitHub results limit', () => {
  it('plans listed findings and one aggregate per rule and environment, never over the limit', () => {
    const a = (i: number, env: string) => result({ ruleId: 'tagging-required', arn: bucket(i), environment: env });
    // Sorted as the report sorts them: rule, then environment, then ARN.
    const sorted = [a(1, 'production'), a(2, 'production'), a(3, 'production'), a(4, 'staging'), a(5, 'staging'), a(6, 'staging')];
    const plan = planSarif(sorted, 4);
    // 2 pairs (production, staging): 4 - 2 = 2 listed, the other 4 folded into 2 alerts.
    expect(plan.listed.map((r) => r.resource.arn)).toEqual([bucket(1), bucket(2)]);
    expect(plan.aggregated).toBe(4);
    expect(plan.aggregates.map((g) => [g.environment, g.results.map((r) => r.resource.arn)])).toEqual([
      ['production', [bucket(3)]],
      ['staging', [bucket(4), bucket(5), bucket(6)]],
    ]);
    expect(planSarif(sorted, 6)).toEqual({ listed: sorted, aggregates: [], aggregated: 0 });
  });

  it('writes 25,000 results for 25,001 failures, the last one naming the two folded resources', () => {
    const ev = { ...sampleEvaluation(), results: failures(GITHUB_LIMITS.resultsPerRun + 1) };
    const notes: string[] = [];
    const chunks: string[] = [];
    sarifFormatter.write(ev, cleanContext(), { write: (c) => void chunks.push(c), note: (t) => void notes.push(t) });
    const text = chunks.join('');
    validateSarif(text);
    const run = (JSON.parse(text) as Log).runs[0]!;
    expect(run.results).toHaveLength(25_000);
    expect(run.results.filter((r) => r.properties.aggregated !== undefined)).toHaveLength(1);
    const last = run.results[24_999]!;
    expect(last.properties.aggregated).toBe(2);
    expect(last.relatedLocations!.map((l) => l.logicalLocations[0]!.fullyQualifiedName)).toEqual([bucket(24_999), bucket(25_000)]);
    expect(last.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe('aws/global/global/s3/Bucket/bucket-24999');
    expect(last.message.text).toMatch(/^2 more resource\(s\) in environment staging fail tagging-required/);
    expect(run.invocations[0]!.properties.aggregated).toEqual({ findings: 2, alerts: 1, listedIndividually: 24_999 });
    const notice = run.invocations[0]!.toolExecutionNotifications!.find((n) => n.descriptor.id === 'results-aggregated')!;
    expect(notice.level).toBe('note');
    const said =
      "SARIF: 25001 findings exceed GitHub's limit of 25000 results per run: the 24999 most severe are one alert each, " +
      'the other 2 are 1 alert(s), one per rule and environment, each naming its first 100 resources; envgate.json lists every finding';
    expect(notice.message.text).toBe(said);
    expect(notes).toEqual([said]);
  });

  it('keeps the aggregate alert fingerprint when its resources change', () => {
    const fp = (n: number) => {
      const run = (JSON.parse(renderSarif({ ...sampleEvaluation(), results: failures(n) }, cleanContext())) as Log).runs[0]!;
      return run.results.at(-1)!.partialFingerprints.primaryLocationLineHash;
    };
    expect(fp(25_010)).toBe(fp(25_100));
    const listedFp = (JSON.parse(renderSarif({ ...sampleEvaluation(), results: failures(3) }, cleanContext())) as Log).runs[0]!.results[0]!;
    expect(fp(25_010)).not.toBe(listedFp.partialFingerprints.primaryLocationLineHash);
  });

  it('names at most 100 resources per aggregate and says nothing at the limit itself', () => {
    const run = (JSON.parse(renderSarif({ ...sampleEvaluation(), results: failures(25_500) }, cleanContext())) as Log).runs[0]!;
    const last = run.results.at(-1)!;
    expect(last.properties.aggregated).toBe(501);
    expect(last.relatedLocations).toHaveLength(100);
    const exact = { ...sampleEvaluation(), results: failures(GITHUB_LIMITS.resultsPerRun) };
    const notes: string[] = [];
    const text = renderToString(sarifFormatter, exact, cleanContext());
    sarifFormatter.write(exact, cleanContext(), { write: () => undefined, note: (t) => void notes.push(t) });
    expect(notes).toEqual([]);
    expect(text).not.toContain('aggregated');
  });
});
