// Reading the gate's input files: a missing or unreadable file is an input error naming it.
import { readFileSync } from 'node:fs';
import { InputError } from '../model/diagnostics.js';
import type { JsonReport } from '../report/json.js';
import { type Baseline, baselineFromReport } from './baseline.js';
import { parseReport } from './report-file.js';
import { parseWaivers, type WaiverSet } from './waivers.js';

export function readText(file: string, what: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const code = e.code === 'ENOENT' ? 'file-not-found' : 'file-unreadable';
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : (e.code ?? e.message);
    throw new InputError(`cannot read ${what} ${file}: ${reason}`, [{ file, line: 1, column: 1, path: '', code, message: `cannot read ${what}: ${reason}` }]);
  }
}

export function readReportFile(file: string): JsonReport {
  return parseReport(readText(file, 'report'), file);
}

export function readBaselineFile(file: string): Baseline {
  return baselineFromReport(readReportFile(file), file);
}

export function readWaiversFile(file: string): WaiverSet {
  return parseWaivers(readText(file, 'waivers file'), file);
}
