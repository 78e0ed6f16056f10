// Baselines: the findings of a previous report. Only findings not in it block the gate.
import type { JsonReport } from '../report/json.js';
import { parseReport } from './report-file.js';

export interface Baseline {
  file: string;
  /** Fingerprints of every failure in the baseline report, waived or not. */
  fingerprints: ReadonlySet<string>;
}

export function baselineFromReport(report: JsonReport, file: string): Baseline {
  const fingerprints = new Set<string>();
  for (const r of report.results) if (r.status === 'fail') fingerprints.add(r.fingerprint);
  return { file, fingerprints };
}

/** Parses report text as a baseline; InputError with a position when it is not a report. */
export function parseBaseline(text: string, file: string): Baseline {
  return baselineFromReport(parseReport(text, file), file);
}
