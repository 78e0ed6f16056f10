import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/validate.js';
import { specSchema } from '../../src/spec/schema.js';
import { FULL_SPEC } from './data/full-spec.js';

type S = Record<string, unknown>;
const isSchema = (v: unknown): v is S => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every property path the schema defines: `environments.*.accounts[].id`. */
function schemaPaths(schema: S, prefix: string, out: Set<string>): Set<string> {
  if (isSchema(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      schemaPaths(sub as S, path, out);
    }
  }
  if (isSchema(schema.additionalProperties)) schemaPaths(schema.additionalProperties, `${prefix}.*`, out);
  if (isSchema(schema.items)) schemaPaths(schema.items, `${prefix}[]`, out);
  return out;
}

/** The same paths, as used by a value (maps walked through the schema's additionalProperties). */
function valuePaths(value: unknown, schema: S, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(value) && isSchema(schema.items)) for (const v of value) valuePaths(v, schema.items, `${prefix}[]`, out);
  else if (isSchema(value)) {
    for (const [k, v] of Object.entries(value)) {
      const props = isSchema(schema.properties) ? schema.properties : {};
      if (k in props) {
        const path = prefix ? `${prefix}.${k}` : k;
        out.add(path);
        valuePaths(v, props[k] as S, path, out);
      } else if (isSchema(schema.additionalProperties)) valuePaths(v, schema.additionalProperties, `${prefix}.*`, out);
    }
  }
  return out;
}

function walk(schema: unknown, path: string, visit: (s: S, path: string) => void): void {
  if (!isSchema(schema)) return;
  visit(schema, path);
  if (isSchema(schema.properties)) for (const [k, sub] of Object.entries(schema.properties)) walk(sub, `${path}/${k}`, visit);
  if (isSchema(schema.additionalProperties)) walk(schema.additionalProperties, `${path}/*`, visit);
  if (isSchema(schema.items)) walk(schema.items, `${path}/[]`, visit);
}

describe('spec schema', () => {
  it('compiles in ajv strict mode', () => {
    expect(() => createAjv().compile(specSchema)).not.toThrow();
  });

  it('accepts a value of the Spec type with every optional field set', () => {
    const validate = createAjv().compile(specSchema);
    const ok = validate(JSON.parse(JSON.stringify(FULL_SPEC)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('defines exactly the properties of the Spec type', () => {
    const fromSchema = [...schemaPaths(specSchema, '', new Set())].sort();
    const fromType = [...valuePaths(FULL_SPEC, specSchema, '', new Set())].sort();
    expect(fromType).toEqual(fromSchema);
  });

  it('closes every object and describes every property', () => {
    const open: string[] = [];
    const undescribed: string[] = [];
    walk(specSchema, '', (s, path) => {
      if (s.type === 'object' && s.additionalProperties === undefined) open.push(path);
      if (path !== '' && !path.endsWith('/*') && !path.endsWith('/[]') && typeof s.description !== 'string') undescribed.push(path);
    });
    expect(open).toEqual([]);
    expect(undescribed).toEqual([]);
  });

  it('allows $schema at the top level', () => {
    expect(Object.keys(specSchema.properties as S)).toContain('$schema');
  });
});
