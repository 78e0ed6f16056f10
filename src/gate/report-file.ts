// Reading envgate JSON reports back in (baselines, diff, merge). A report that is not one,
// or of another schema version, is an input error with a position, never a silent pass.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import { SEVERITIES } from '../model/result.js';
import { type JsonReport, REPORT_SCHEMA_VERSION } from '../report/json.js';
import { REPORT_SCHEMA } from '../report/report-schema.js';
import { jsonErrorOffset } from '../util/json-error.js';
import { locatedYaml, offsetPosition, pointerOf } from './locate.js';
import { schemaDiagnostics } from './schema-errors.js';

const STATUSES = ['fail', 'pass', 'not-evaluated'];

let compiled: ValidateFunction | undefined;
function validateReport(data: unknown): boolean {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    compiled = ajv.compile(REPORT_SCHEMA);
  }
  validateReport.errors = compiled.errors;
  const ok = compiled(data) as boolean;
  validateReport.errors = compiled.errors;
  return ok;
}
validateReport.errors = null as ValidateFunction['errors'];

/** Parses a JSON report; throws InputError naming file, line and column of each problem. */
export function parseReport(text: string, file: string): JsonReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON`, [jsonSyntaxDiagnostic(text, file, err)]);
  }
  const diags: Diagnostic[] = [];
  let located: ReturnType<typeof locatedYaml> | undefined;
  // Positions are only worked out when something is wrong (reports can be large).
  const problem = (segments: (string | number)[], code: string, message: string, expected?: string) => {
    located ??= locatedYaml(text);
    const path = pointerOf(segments);
    const pos = located.locate(path);
    diags.push({ file, line: pos.line, column: pos.column, path, code, message, ...(expected ? { expected } : {}) });
  };
  const fail = (): never => {
    throw new InputError(`${file}: not an envgate JSON report this version can read`, diags);
  };

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problem([], 'not-a-report', 'not a JSON object', 'an envgate.json report');
    fail();
  }
  const r = data as Record<string, unknown>;
  const tool = r.tool as { name?: unknown } | undefined;
  if (tool?.name !== 'envgate' || !('results' in r)) {
    problem([], 'not-a-report', 'not an envgate report (no tool.name "envgate" or no results)', 'an envgate.json report');
    fail();
  }
  if (r.schemaVersion !== REPORT_SCHEMA_VERSION) {
    problem(['schemaVersion'], 'report-version', `report schemaVersion ${JSON.stringify(r.schemaVersion)} is not supported`, String(REPORT_SCHEMA_VERSION));
    fail();
  }
  if (!Array.isArray(r.results)) {
    problem(['results'], 'wrong-type', 'results must be an array', 'array');
    fail();
  }
  (r.results as unknown[]).forEach((x, i) => {
    if (x === null || typeof x !== 'object') return problem(['results', i], 'wrong-type', 'a result must be an object', 'object');
    const res = x as Record<string, unknown>;
    if (typeof res.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(res.fingerprint)) {
      problem(['results', i, 'fingerprint'], 'bad-fingerprint', 'fingerprint must be 32 hex characters', '[0-9a-f]{32}');
    }
    if (typeof res.status !== 'string' || !STATUSES.includes(res.status)) {
      problem(['results', i, 'status'], 'bad-value', 'unknown status', STATUSES.join(' | '));
    }
    if (typeof res.ruleId !== 'string') problem(['results', i, 'ruleId'], 'wrong-type', 'ruleId must be a string', 'string');
    if (typeof res.severity !== 'string' || !(SEVERITIES as readonly string[]).includes(res.severity)) {
      problem(['results', i, 'severity'], 'bad-value', 'unknown severity', SEVERITIES.join(' | '));
    }
    const resource = res.resource as Record<string, unknown> | undefined;
    if (resource === null || typeof resource !== 'object' || typeof resource.arn !== 'string') {
      problem(['results', i, 'resource'], 'wrong-type', 'resource must be an object with an arn', 'object');
    }
  });
  if (diags.length > 0) fail();
  // The full schema last: the checks above give the clearest words for the common mistakes.
  if (!validateReport(data)) {
    located ??= locatedYaml(text);
    diags.push(...schemaDiagnostics(validateReport.errors ?? [], file, located).slice(0, 50));
    fail();
  }
  return data as JsonReport;
}

function jsonSyntaxDiagnostic(text: string, file: string, err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  const offset = jsonErrorOffset(text);
  const pos = offsetPosition(text, offset < 0 ? 0 : offset);
  // V8 quotes the start of the text, newlines and all: one line, spaces collapsed.
  return { file, line: pos.line, column: pos.column, path: '', code: 'json-syntax', message: message.replace(/\s+/g, ' ') };
}
