// Turns ajv's errors into one located diagnostic per problem (codes, not wording, are the
// contract tests assert on).
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Located } from './locate.js';

export function schemaDiagnostics(errors: readonly ErrorObject[], file: string, located: Located): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let path = e.instancePath;
    let code = 'invalid-value';
    let message = e.message ?? 'is invalid';
    let expected: string | undefined;
    let at = located.locate(path);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        path = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        code = 'unknown-key';
        message = `unknown key '${key}'`;
        at = located.locateKey(path);
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        code = 'missing-key';
        message = `missing required key '${key}'`;
        expected = key;
        break;
      }
      case 'type':
        code = 'wrong-type';
        expected = String((e.params as { type: string }).type);
        message = `must be ${expected}`;
        break;
      case 'const':
      case 'enum':
        code = 'bad-value';
        expected = JSON.stringify((e.params as { allowedValue?: unknown; allowedValues?: unknown }).allowedValue ?? (e.params as { allowedValues?: unknown }).allowedValues);
        break;
      case 'pattern':
      case 'format':
        code = 'bad-format';
        expected = String((e.params as { pattern?: string; format?: string }).pattern ?? (e.params as { format?: string }).format);
        break;
      case 'minLength':
      case 'minItems':
        code = 'empty';
        break;
      default:
        break;
    }
    // One per path and code (the branches of a oneOf each say "must be <type>"), but two
    // missing keys of one entry are two problems.
    const key = `${path}\u0000${code}${e.keyword === 'required' ? `\u0000${message}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, line: at.line, column: at.column, path, code, message, ...(expected !== undefined ? { expected } : {}) });
  }
  return out;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
