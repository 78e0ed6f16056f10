// `npm run reports`: regenerates reports/<system>/envgate.* (every format in the
// registry) from the four fixture systems with a fixed clock, through the same pipeline
// and renderers as `envgate scan`, and the README's table of formats. test/report/reports-current.test.ts renders them in memory and
// compares bytes, so a change to rules, engine or renderers shows up in review.
// Run from the repository root (npm does): paths in the reports are repo-relative.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clockFromEnv } from '../src/cli/clock.js';
import { writeFilesAtomic } from '../src/cli/fs-atomic.js';
import { memoryOutput } from '../src/cli/output.js';
import { reportContext, runPipeline } from '../src/cli/pipeline.js';
import { fileName, renderReports } from '../src/cli/report-options.js';
import { FORMAT_NAMES, formatsTable } from '../src/report/registry.js';
import { COLLECTED_AT } from '../fixtures/_generator/build.js';

export const SYSTEMS = ['3mtt-chatbot', 'ai-sdlc', 'mht-api', 'monepiceriz'] as const;
/**
 * The sample reports' fixed "now": the fixtures' collection time, the clock the fixture
 * test scans with, so ages and expiries (snapshot-age, certificate-expiry) read as there.
 */
export const REPORTS_EPOCH = String(Date.parse(COLLECTED_AT) / 1000);

/** The report files of one system: repo-relative path -> content. */
export async function renderSystemReports(system: string): Promise<Map<string, string>> {
  const env = { SOURCE_DATE_EPOCH: REPORTS_EPOCH };
  const ctx = { out: memoryOutput(), env, now: clockFromEnv(env) };
  const run = await runPipeline({ spec: `fixtures/${system}/envgate.yaml`, snapshot: `fixtures/${system}/snapshot.json` }, ctx);
  const rendered = renderReports(FORMAT_NAMES, run.evaluation, reportContext(run, 'high'));
  return new Map([...rendered].map(([format, text]) => [`reports/${system}/${fileName(format)}`, text]));
}

export const FORMATS_BEGIN = '<!-- formats -->\n';
export const FORMATS_END = '\n<!-- /formats -->';

/** The README with its table of formats rewritten from the registry. */
export function readmeWithFormats(readme: string): string {
  const begin = readme.indexOf(FORMATS_BEGIN);
  const end = readme.indexOf(FORMATS_END);
  if (begin < 0 || end < begin) throw new Error('README.md has no <!-- formats --> ... <!-- /formats --> block');
  return readme.slice(0, begin + FORMATS_BEGIN.length) + formatsTable() + readme.slice(end);
}

async function regenerate(): Promise<void> {
  writeFilesAtomic([{ path: 'README.md', data: readmeWithFormats(readFileSync('README.md', 'utf8')) }]);
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
