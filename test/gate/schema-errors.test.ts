// ajv's errors as located diagnostics: one per path and code, with envgate's codes.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { locatedYaml } from '../../src/gate/locate.js';
import { schemaDiagnostics, sortDiagnostics } from '../../src/gate/schema-errors.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';

const schema = {
  type: 'object',
  properties: {
    names: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    n: { type: 'integer', maximum: 3 },
    list: { type: 'array', minItems: 1 },
  },
};

function diagnose(text: string): Diagnostic[] {
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const located = locatedYaml(text);
  validate(located.doc.toJS());
  return schemaDiagnostics(validate.errors ?? [], 'c.yaml', located);
}

describe('schemaDiagnostics', () => {
  it('says "wrong type" once for a value that matches no branch of a oneOf', () => {
    expect(diagnose('names: 5\n')).toEqual([
      { file: 'c.yaml', line: 1, column: 8, path: '/names', code: 'wrong-type', message: 'must be string', expected: 'string' },
      { file: 'c.yaml', line: 1, column: 8, path: '/names', code: 'invalid-value', message: 'must match exactly one schema in oneOf' },
    ]);
  });

  it('calls an empty list empty, and any other broken constraint an invalid value in ajv\'s words', () => {
    expect(diagnose('names: []\nn: 7\nlist: []\n')).toEqual([
      { file: 'c.yaml', line: 1, column: 8, path: '/names', code: 'wrong-type', message: 'must be string', expected: 'string' },
      { file: 'c.yaml', line: 1, column: 8, path: '/names', code: 'empty', message: 'must NOT have fewer than 1 items' },
      { file: 'c.yaml', line: 1, column: 8, path: '/names', code: 'invalid-value', message: 'must match exactly one schema in oneOf' },
      { file: 'c.yaml', line: 2, column: 4, path: '/n', code: 'invalid-value', message: 'must be <= 3' },
      { file: 'c.yaml', line: 3, column: 7, path: '/list', code: 'empty', message: 'must NOT have fewer than 1 items' },
    ]);
  });
});

describe('sortDiagnostics', () => {
  const d = (line: number, column: number, code: string): Diagnostic => ({ file: 'f', line, column, path: '', code, message: code });

  it('orders by line, then column, then code', () => {
    const sorted = sortDiagnostics([d(2, 1, 'a'), d(1, 5, 'c'), d(1, 5, 'b'), d(1, 2, 'z'), d(1, 5, 'a')]);
    expect(sorted.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['1:2 z', '1:5 a', '1:5 b', '1:5 c', '2:1 a']);
  });
});
