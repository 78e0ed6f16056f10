// anyOf/oneOf collapsing: one schema (an array's items) serves many places, and each
// place's failed alternatives must be judged on that place's errors alone.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { translateAjvErrors } from '../../src/spec/ajv-errors.js';

const schema = {
  type: 'array',
  items: {
    anyOf: [
      { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, additionalProperties: false },
      { type: 'string' },
    ],
  },
};

function diagnose(data: unknown[]) {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(data)).toBe(false);
  // Item i sits on line i + 2, column 3; its key `name` at column 5.
  const positions = Object.fromEntries(data.map((_, i) => [`/${i}`, { line: i + 2, column: 3 }]));
  const keyPositions = Object.fromEntries(data.map((_, i) => [`/${i}/name`, { line: i + 2, column: 5 }]));
  return translateAjvErrors(validate.errors ?? [], data, 'rules.yaml', { positions, keyPositions }).map((d) => `${d.line}:${d.column} ${d.path} ${d.code}`).sort();
}

function expected(data: unknown[]) {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  validate(data);
  return translateAjvErrors(validate.errors ?? [], data, 'rules.yaml', { positions: {}, keyPositions: {} }).map((d) => d.expected).sort();
}

describe('alternatives in repeated places', () => {
  it('gives each failing item its own diagnostic, at its own line', () => {
    expect(diagnose([{ name: 'ok' }, { name: 7 }, 'fine', { other: 1 }])).toEqual(['3:3 /1/name type', '5:3 /3/name required', '5:3 /3/other unknown-key']);
  });

  it('judges an item that fails every alternative on its own type errors', () => {
    expect(diagnose([{ name: 7 }, 5])).toEqual(['2:3 /0/name type', '3:3 /1 type']);
    expect(expected([{ name: 7 }, 5])).toEqual(['a mapping or a string', 'a string']);
  });

  it('stays one diagnostic per item for thousands of failing items', () => {
    const data = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? { name: i } : 'ok'));
    const out = diagnose(data);
    expect(out).toHaveLength(1500);
    expect(out).toContain('2:3 /0/name type');
    expect(out).toContain('3000:3 /2998/name type');
    expect(out.filter((d) => !d.endsWith('/name type'))).toEqual([]);
  });
});
