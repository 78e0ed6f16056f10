// The vocabulary of the collected `config` schemas (JSON Schema as data) and path lookup
// in them. Each resource type's schema lives in its descriptor (src/collect/catalogue/
// types/): the contract between collectors (which produce it), rule files (whose config.*
// paths are checked against it when they load) and snapshots (validated per type).
// Nothing is required: a field that could not be collected is absent.

export type JsonSchema = Record<string, unknown>;

export const str = { type: 'string' };
export const bool = { type: 'boolean' };
export const int = { type: 'integer' };
export const num = { type: 'number' };
export const strs = { type: 'array', items: str };
/** Any JSON value (policy documents as AWS returns them). */
export const any = {};
export const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
export const obj = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', additionalProperties: false, properties });
export const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** Encryption at rest, as every type that has a KMS key reports it. */
export const encryption = obj({ enabled: bool, algorithm: str, kmsKeyArn: str, customerManagedKey: bool });

export type PathLookup = { ok: true; schema: JsonSchema } | { ok: false; at: string; known: string[] };

/**
 * Resolves a dotted path below `config` (e.g. 'encryption.enabled') in a schema. Maps
 * with free keys and `any` values accept every path below them; numeric segments index
 * arrays. On failure says at which segment, and which properties exist there.
 */
export function lookupPath(schema: JsonSchema, path: string): PathLookup {
  let cur = schema;
  const seen: string[] = [];
  for (const seg of path.split('.')) {
    const alternatives = Array.isArray(cur.anyOf) ? (cur.anyOf as JsonSchema[]) : [cur];
    const node = alternatives.find((s) => s.type === 'object' || s.type === 'array') ?? alternatives[0]!;
    if (Object.keys(node).length === 0) return { ok: true, schema: any };
    if (node.type === 'array' && /^[0-9]+$/.test(seg)) {
      cur = node.items as JsonSchema;
    } else if (node.type === 'object') {
      const props = (node.properties ?? {}) as Record<string, JsonSchema>;
      const next = props[seg] ?? (typeof node.additionalProperties === 'object' ? (node.additionalProperties as JsonSchema) : undefined);
      if (!next) return { ok: false, at: [...seen, seg].join('.'), known: Object.keys(props) };
      cur = next;
    } else {
      return { ok: false, at: [...seen, seg].join('.'), known: [] };
    }
    seen.push(seg);
  }
  return { ok: true, schema: cur };
}

/** The schema of one element of an array-valued schema (for paths inside every/some/none). */
export function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  const alternatives = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [schema];
  const arr = alternatives.find((s) => s.type === 'array');
  return arr ? ((arr.items as JsonSchema | undefined) ?? any) : Object.keys(schema).length === 0 ? any : undefined;
}
