// GitHub's limits on a SARIF upload, and the error for a file past one.
import { InputError } from '../model/diagnostics.js';

/** GitHub code scanning upload limits (docs.github.com, "SARIF support for code scanning"). */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  locationsPerResult: 1_000,
  runsPerFile: 20,
  gzippedBytes: 10 * 1024 * 1024,
  descriptionChars: 1024,
  ruleNameChars: 255,
} as const;

/** A GitHub limit was exceeded: the report is refused rather than silently truncated. */
export class SarifLimitError extends InputError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
