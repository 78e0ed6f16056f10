// `npm run reports`: regenerates reports/<system>/envgate.{json,sarif,md} from the four
// fixture systems with a fixed clock, through the same pipeline and renderers as
// `envgate scan`. test/report/reports-current.test.ts renders them in memory and
// compares bytes, so a change to rules, engine or renderers shows up in review.
// Run from the repository root (npm does): paths in the reports are repo-relative.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clockFromEnv } from '../src/cli/clock.js';
import { writeFilesAtomic } from '../src/cli/fs-atomic.js';
import { memoryOutput } from '../src/cli/output.js';
import { reportContext, runPipeline } from '../src/cli/pipeline.js';
import { FILE_NAMES, FORMATS, renderReports } from '../src/cli/report-options.js';

export const SYSTEMS = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'] as const;
/** 2025-01-01T00:00:00Z: the sample reports' fixed "now". */
export const REPORTS_EPOCH = '1735689600';

/** The report files of one system: repo-relative path -> content. */
export async function renderSystemReports(system: string): Promise<Map<string, string>> {
  const env = { SOURCE_DATE_EPOCH: REPORTS_EPOCH };
  const ctx = { out: memoryOutput(), env, now: clockFromEnv(env) };
  const run = await runPipeline({ spec: `fixtures/${system}/envgate.yaml`, snapshot: `fixtures/${system}/snapshot.json` }, ctx);
  const rendered = renderReports(FORMATS, run.evaluation, reportContext(run, 'high'));
  return new Map([...rendered].map(([format, text]) => [`reports/${system}/${FILE_NAMES[format]}`, text]));
}

async function regenerate(): Promise<void> {
  for (const system of SYSTEMS) {
    const files = await renderSystemReports(system);
    writeFilesAtomic([...files].map(([p, data]) => ({ path: p, data })));
    process.stderr.write(`wrote ${[...files.keys()].join(', ')}\n`);
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  regenerate().catch((err: unknown) => {
    process.stderr.write(`npm run reports: ${(err as Error).message}\n`);
    process.exitCode = 2;
  });
}
