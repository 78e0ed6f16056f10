// Problems with user input (spec, rule, waiver, snapshot, report files). Every
// diagnostic names the file and a 1-based position; the CLI prints them all at once.

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** JSON pointer of the offending value ('' for the document). */
  path: string;
  /** Stable code, e.g. `unknown-key`, `cidr-overlap`; tests assert codes, not wording. */
  code: string;
  message: string;
  expected?: string;
}

/** Thrown for bad user input; the CLI prints it without a stack and exits 2. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const path = d.path === '' ? '' : ` ${d.path}`;
  const expected = d.expected ? ` (expected ${d.expected})` : '';
  return `${where} ${d.code}${path}: ${d.message}${expected}`;
}
