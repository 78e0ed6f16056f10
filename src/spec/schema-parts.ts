// Small builders for the spec's JSON Schema, so every object is closed
// (additionalProperties: false) and every property carries a description.

export type JsonSchema = Record<string, unknown>;

export function obj(
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  return {
    type: 'object',
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...extra,
  };
}

export function str(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function fmt(format: string, description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', format, description, ...extra };
}

export function list(description: string, items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', description, items, uniqueItems: true, ...extra };
}

export function bool(description: string, dflt?: boolean): JsonSchema {
  return { type: 'boolean', description, ...(dflt === undefined ? {} : { default: dflt }) };
}

export function int(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'integer', description, ...extra };
}

export const resourceType = (description: string) => fmt('resource-type', description);
export const namePattern = (description: string) => fmt('name-pattern', description);
export const resourceTypes = (description: string) =>
  list(description, fmt('resource-type', 'A CloudFormation type name, e.g. AWS::S3::Bucket.'), { default: [] });
export const namePatterns = (description: string) =>
  list(description, namePattern('A glob (* and ?) or re:<regex> matched against the whole name.'), { default: [] });
