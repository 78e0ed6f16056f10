// --format / --out, shared by every command that evaluates (scan, gate): render every
// requested format in memory first (a renderer that refuses, e.g. over a SARIF limit,
// leaves nothing behind), then write them all atomically or print one to stdout.
import path from 'node:path';
import type { Argv } from 'yargs';
import type { Evaluation } from '../model/result.js';
import type { ReportContext } from '../report/context.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { checkGithubSarif } from '../report/sarif-github-checks.js';
import { renderSarif } from '../report/sarif.js';
import { type AtomicFs, nodeFs, writeFilesAtomic } from './fs-atomic.js';
import type { Output } from './output.js';
import { optionError } from './option-error.js';

export const FORMATS = ['json', 'sarif', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export const FILE_NAMES: Record<Format, string> = { json: 'envgate.json', sarif: 'envgate.sarif', md: 'envgate.md' };
const ALIASES: Record<string, Format> = { json: 'json', sarif: 'sarif', md: 'md', markdown: 'md' };

export const DEFAULT_OUT = 'out';

export interface ReportArgs {
  format?: string[];
  out: string;
}

export function withReportOptions<T>(y: Argv<T>): Argv<T & ReportArgs> {
  return y
    .option('format', {
      type: 'string',
      array: true,
      choices: Object.keys(ALIASES),
      // Split before yargs checks the choices, so `--format json,sarif` is two values.
      coerce: (values: unknown[]) => values.flatMap((v) => String(v).split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean),
      describe: 'Report formats, comma-separated or repeated (default: all)',
    })
    .option('out', {
      type: 'string',
      nargs: 1, // so that `--out -` takes the dash instead of leaving it as a positional
      default: DEFAULT_OUT,
      describe: 'Directory for envgate.json, envgate.sarif, envgate.md; "-" prints one format to stdout',
    }) as Argv<T & ReportArgs>;
}

/** The formats asked for, in a fixed order; InputError for unknown ones or several on stdout. */
export function parseFormats(args: ReportArgs): Format[] {
  const raw = (args.format ?? []).flatMap((f) => String(f).split(',')).map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = raw.filter((f) => !(f in ALIASES));
  if (unknown.length > 0) {
    throw optionError('format', 'unknown-format', `unknown report format ${unknown.map((u) => `'${u}'`).join(', ')}`, 'json, sarif or md');
  }
  const chosen = raw.length === 0 ? [...FORMATS] : FORMATS.filter((f) => raw.some((r) => ALIASES[r] === f));
  if (args.out === '-' && chosen.length !== 1) {
    throw optionError('out', 'stdout-one-format', `--out - prints one format, ${chosen.length} were asked for`, 'one of --format json, sarif or md');
  }
  return chosen;
}

/** Renders each format; SARIF is also checked against GitHub's constraints before anything is written. */
export function renderReports(formats: readonly Format[], evaluation: Evaluation, ctx: ReportContext): Map<Format, string> {
  const out = new Map<Format, string>();
  for (const f of formats) {
    if (f === 'json') out.set(f, renderJson(evaluation, ctx));
    else if (f === 'md') out.set(f, renderMarkdown(evaluation, ctx));
    else {
      const text = renderSarif(evaluation, ctx);
      const problems = checkGithubSarif(JSON.parse(text), undefined);
      if (problems.length > 0) {
        throw new Error(`SARIF self-check failed: ${problems.map((p) => `${p.code} at ${p.path}`).join('; ')}`);
      }
      out.set(f, text);
    }
  }
  return out;
}

/** Writes the rendered reports (atomically, all or none) or prints the single one; returns the paths written. */
export function emitReports(rendered: Map<Format, string>, outDir: string, output: Output, fs: AtomicFs = nodeFs): string[] {
  if (outDir === '-') {
    const only = [...rendered.values()][0] ?? '';
    output.result(only.endsWith('\n') ? only.slice(0, -1) : only);
    return [];
  }
  const files = [...rendered.entries()].map(([f, data]) => ({ path: path.join(outDir, FILE_NAMES[f]), data }));
  writeFilesAtomic(files, fs);
  return files.map((f) => f.path);
}
