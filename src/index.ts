// The library entry (`import { scan } from 'envgate'`): a spec and a snapshot in, the
// evaluation out, the same one `envgate scan --snapshot` reports. No AWS call is made and
// the AWS SDK is not loaded; collecting a snapshot is the CLI's `inventory`.
import { parseSnapshot, readSnapshot } from './collect/snapshot-io.js';
import { evaluate, type PassMode } from './engine/evaluate.js';
import type { Evaluation } from './model/result.js';
import type { Snapshot } from './model/snapshot.js';
import { loadRules } from './rules/load.js';
import { loadSpec, parseSpec } from './spec/load.js';

export { InputError, formatDiagnostic, type Diagnostic } from './model/diagnostics.js';
export type { Evaluation, PassCount, Result, RuleMeta, Severity, Status } from './model/result.js';
export type { Snapshot } from './model/snapshot.js';
export type { PassMode } from './engine/evaluate.js';
export { TOOL_VERSION as VERSION } from './cli/version.js';

export interface ScanOptions {
  /** A spec file's path, or the spec's text (YAML or JSON) with the name to report it under. */
  spec: string | { text: string; file: string };
  /** A snapshot file's path (as `envgate inventory` writes it), or a snapshot object. */
  snapshot: string | Snapshot;
  /** Extra rule directories, besides the built-in rules. */
  rules?: readonly string[];
  /** 'all' (default) lists every passing check; 'summary' counts them in passCounts. */
  passes?: PassMode;
  /** The evaluation time (expiry dates, cost months); default now. */
  now?: Date;
}

/**
 * Evaluates every rule on a snapshot against a spec. Throws InputError (with file, line
 * and field in `diagnostics`) when the spec, the snapshot or a rule file is not valid.
 */
export async function scan(options: ScanOptions): Promise<Evaluation> {
  const spec = typeof options.spec === 'string' ? loadSpec(options.spec) : parseSpec(options.spec.text, options.spec.file);
  // An object is checked like a file: serialised and read back through the snapshot schema.
  const snapshot = typeof options.snapshot === 'string' ? readSnapshot(options.snapshot) : parseSnapshot(JSON.stringify(options.snapshot), '<snapshot>');
  const rules = loadRules(options.rules ?? []);
  return evaluate({ spec, snapshot, rules, now: options.now ?? new Date(), passes: options.passes ?? 'all' });
}
