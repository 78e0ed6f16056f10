// Schema validation plus cross-checks: every problem of a parsed spec, sorted by
// position, as diagnostics.
import { Ajv, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostics.js';
import { translateAjvErrors, type PositionIndex } from './ajv-errors.js';
import { crossCheck } from './cross-checks.js';
import { ajvFormats } from './formats.js';
import { specSchema } from './schema.js';

let compiled: ValidateFunction | undefined;

/** A fresh ajv instance with envgate's string formats, for any envgate schema. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  for (const [name, def] of Object.entries(ajvFormats())) ajv.addFormat(name, def);
  return ajv;
}

function specValidator(): ValidateFunction {
  compiled ??= createAjv().compile(specSchema);
  return compiled;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file, d.line, d.column, d.path, d.code, d.message] as const;
  return [...diagnostics].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      const [x, y] = [ka[i] as string | number, kb[i] as string | number];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** Every problem in a raw (parsed, not yet defaulted) spec. */
export function validateSpecValue(value: unknown, file: string, index: PositionIndex): Diagnostic[] {
  const validate = specValidator();
  const diagnostics = validate(value) ? [] : translateAjvErrors(validate.errors ?? [], value, file, index);
  return sortDiagnostics([...diagnostics, ...crossCheck(value, file, index)]);
}
