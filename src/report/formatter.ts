// The one signature every report format has. A formatter writes its report into a sink
// chunk by chunk, so a writer that streams (to a file, record by record) needs no change
// of signature. The CLI streams each report into its file (reports of any size);
// renderToString is the in-memory sink for tests and `--out -`.
import type { Evaluation } from '../model/result.js';
import type { ReportContext } from './context.js';

export interface ReportSink {
  write(chunk: string): void;
  /** What a writer changed to fit a limit (e.g. SARIF aggregation), said on the console. */
  note?(text: string): void;
}

export interface Formatter {
  /** The `--format` name, also the key of the rendered report. */
  readonly name: string;
  /** Other names `--format` accepts. */
  readonly aliases: readonly string[];
  /** File written into `--out DIR`. */
  readonly fileName: string;
  readonly mediaType: string;
  /** One line for `--help` and the README's table of formats. */
  readonly summary: string;
  /** Written when `--format` is not given. */
  readonly byDefault: boolean;
  /** Writes the whole report; throws InputError when the report cannot be made (e.g. over a limit). */
  write(evaluation: Evaluation, ctx: ReportContext, sink: ReportSink): void;
}

export function renderToString(f: Formatter, evaluation: Evaluation, ctx: ReportContext): string {
  const chunks: string[] = [];
  f.write(evaluation, ctx, { write: (c) => void chunks.push(c) });
  return chunks.join('');
}
