// The HTML report and the JSON report object of a fixture system, rendered in memory through
// the same pipeline as `npm run reports` (fixed clock), so browser tests need no files.
import { clockFromEnv } from '../../../src/cli/clock.js';
import { memoryOutput } from '../../../src/cli/output.js';
import { reportContext, runPipeline } from '../../../src/cli/pipeline.js';
import { renderHtml } from '../../../src/report/html/index.js';
import { buildJsonReport, type JsonReport } from '../../../src/report/json.js';
import { REPORTS_EPOCH } from '../../../reports/regenerate.js';

export async function fixtureReports(system: string): Promise<{ html: string; json: JsonReport }> {
  const env = { SOURCE_DATE_EPOCH: REPORTS_EPOCH };
  const ctx = { out: memoryOutput(), env, now: clockFromEnv(env) };
  const run = await runPipeline({ spec: `fixtures/${system}/envgate.yaml`, snapshot: `fixtures/${system}/snapshot.json` }, ctx);
  const rctx = reportContext(run, 'high');
  return { html: renderHtml(run.evaluation, rctx), json: buildJsonReport(run.evaluation, rctx) };
}
