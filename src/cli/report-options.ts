// --format / --out, shared by every command that evaluates (scan, gate, merge): each
// requested format is streamed into a temp file and all are renamed at the end, so a
// writer that refuses (a SARIF limit) leaves nothing behind and no report has to fit in
// one string; `--out -` renders the one format in memory and prints it.
import path from 'node:path';
import type { Argv } from 'yargs';
import type { Evaluation } from '../model/result.js';
import type { ReportContext } from '../report/context.js';
import { renderToString } from '../report/formatter.js';
import { DEFAULT_FORMATS, FORMAT_NAMES, FORMATTERS, formatterFor, formatterNamed } from '../report/registry.js';
import { type AtomicFs, type FileToWrite, nodeFs, writeFilesAtomic } from './fs-atomic.js';
import type { Output } from './output.js';
import { optionError } from './option-error.js';

/** A format's name in the registry (src/report/registry.ts). */
export type Format = string;

/** The file each format is written to in --out DIR. */
export function fileName(format: Format): string {
  return formatterNamed(format).fileName;
}

const DEFAULT_LIST = DEFAULT_FORMATS.join(', ');
const ALL_LIST = FORMAT_NAMES.join(', ');

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
      choices: FORMATTERS.flatMap((f) => [f.name, ...f.aliases]),
      // Split before yargs checks the choices, so `--format json,sarif` is two values.
      coerce: (values: unknown[]) => values.flatMap((v) => String(v).split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean),
      describe: `Report formats, comma-separated or repeated (default: ${DEFAULT_LIST})`,
    })
    .option('out', {
      type: 'string',
      nargs: 1, // so that `--out -` takes the dash instead of leaving it as a positional
      default: DEFAULT_OUT,
      describe: 'Directory for the reports (envgate.json, envgate.sarif, ...); "-" prints one format to stdout',
    }) as Argv<T & ReportArgs>;
}

/** The formats asked for, in a fixed order; InputError for unknown ones or several on stdout. */
export function parseFormats(args: ReportArgs): Format[] {
  const raw = (args.format ?? []).flatMap((f) => String(f).split(',')).map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = raw.filter((f) => formatterFor(f) === undefined);
  if (unknown.length > 0) {
    throw optionError('format', 'unknown-format', `unknown report format ${unknown.map((u) => `'${u}'`).join(', ')}`, `one of ${ALL_LIST}`);
  }
  const asked = new Set(raw.map((r) => formatterFor(r)?.name));
  const chosen = raw.length === 0 ? [...DEFAULT_FORMATS] : FORMAT_NAMES.filter((f) => asked.has(f));
  if (args.out === '-' && chosen.length !== 1) {
    throw optionError('out', 'stdout-one-format', `--out - prints one format, ${chosen.length} were asked for`, `one of --format ${ALL_LIST}`);
  }
  return chosen;
}

/** Renders each format in memory, in registry order; a formatter that refuses (a SARIF limit) throws before anything is written. */
export function renderReports(formats: readonly Format[], evaluation: Evaluation, ctx: ReportContext): Map<Format, string> {
  const out = new Map<Format, string>();
  for (const f of FORMATTERS) if (formats.includes(f.name)) out.set(f.name, renderToString(f, evaluation, ctx));
  return out;
}

/** Writes the rendered reports (atomically, all or none) or prints the single one; returns the paths written. */
export function emitReports(rendered: Map<Format, string>, outDir: string, output: Output, fs: AtomicFs = nodeFs): string[] {
  if (outDir === '-') {
    const only = [...rendered.values()][0] ?? '';
    output.result(only.endsWith('\n') ? only.slice(0, -1) : only);
    return [];
  }
  const files = [...rendered.entries()].map(([f, data]) => ({ path: path.join(outDir, fileName(f)), data }));
  writeFilesAtomic(files, fs);
  return files.map((f) => f.path);
}

/** What a write of the reports did: the paths written and what writers said (SARIF aggregation). */
export interface WrittenReports {
  paths: string[];
  notes: string[];
}

/**
 * The report files for --out DIR, each written by its formatter when writeFilesAtomic
 * runs; a format in `finish` is rendered whole and passed through it first (gate's
 * Markdown verdict: small reports only).
 */
export function reportFiles(
  formats: readonly Format[],
  evaluation: Evaluation,
  ctx: ReportContext,
  outDir: string,
  notes: string[],
  finish: ReadonlyMap<Format, (text: string) => string> = new Map(),
): FileToWrite[] {
  const note = (t: string) => void notes.push(t);
  return FORMATTERS.filter((f) => formats.includes(f.name)).map((f) => ({
    path: path.join(outDir, f.fileName),
    data: (write: (chunk: string) => void) => {
      const whole = finish.get(f.name);
      if (whole === undefined) return f.write(evaluation, ctx, { write, note });
      const chunks: string[] = [];
      f.write(evaluation, ctx, { write: (c) => void chunks.push(c), note });
      write(whole(chunks.join('')));
    },
  }));
}

/** Streams the reports into --out DIR (all or none), or prints the one format for `--out -`. */
export function writeReports(formats: readonly Format[], evaluation: Evaluation, ctx: ReportContext, outDir: string, output: Output, fs: AtomicFs = nodeFs): WrittenReports {
  const notes: string[] = [];
  if (outDir === '-') {
    const f = formatterNamed(formats[0]!);
    const chunks: string[] = [];
    f.write(evaluation, ctx, { write: (c) => void chunks.push(c), note: (t) => void notes.push(t) });
    emitReports(new Map([[f.name, chunks.join('')]]), outDir, output, fs);
    return { paths: [], notes };
  }
  const files = reportFiles(formats, evaluation, ctx, outDir, notes);
  writeFilesAtomic(files, fs);
  return { paths: files.map((f) => f.path), notes };
}
