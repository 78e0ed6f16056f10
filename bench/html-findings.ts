// A report with N findings for the HTML benchmark and its browser test: the mht-api
// fixture's failing results, repeated with distinct resources (so evidence, messages
// and the mix of rules, severities and environments are a real scan's), the rest as is.
import { clockFromEnv } from '../src/cli/clock.js';
import { memoryOutput } from '../src/cli/output.js';
import { reportContext, runPipeline } from '../src/cli/pipeline.js';
import { fingerprint } from '../src/util/fingerprint.js';
import type { Evaluation, Result } from '../src/model/result.js';
import type { ReportContext } from '../src/report/context.js';

export async function manyFindings(n: number): Promise<{ evaluation: Evaluation; ctx: ReportContext }> {
  const env = { SOURCE_DATE_EPOCH: '1735689600' };
  const run = await runPipeline({ spec: 'fixtures/mht-api/envgate.yaml', snapshot: 'fixtures/mht-api/snapshot.json' }, { out: memoryOutput(), env, now: clockFromEnv(env) });
  const seeds = run.evaluation.results.filter((r) => r.status === 'fail');
  const results: Result[] = Array.from({ length: n }, (_, i) => {
    const s = seeds[i % seeds.length]!;
    const arn = `${s.resource.arn}-${String(i).padStart(5, '0')}`;
    return { ...s, resource: { ...s.resource, arn, name: `${s.resource.name}-${i}` }, fingerprint: fingerprint(s.ruleId, arn) };
  });
  return { evaluation: { ...run.evaluation, results }, ctx: reportContext(run, 'high') };
}
