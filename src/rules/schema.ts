// JSON Schema of a rule file (rules/<id>.yaml). Conditions are a small recursive
// language: all/any/not, or one comparison with at most one subject and one operator
// (the single-subject/single-operator part is checked by the loader, with positions).
import { CATEGORIES, SEVERITIES } from '../model/result.js';
import { EXEMPTION_KINDS } from '../engine/exemptions.js';

export const RULE_SCHEMA_ID = 'urn:envgate:schema:rule:1';

const dotted = { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_:$@./-]+$' };

const ref = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['env'], properties: { env: dotted, key: dotted } },
    { type: 'object', additionalProperties: false, required: ['spec'], properties: { spec: dotted, key: dotted } },
    { type: 'object', additionalProperties: false, required: ['item'], properties: { item: dotted } },
    { type: 'object', additionalProperties: false, required: ['path'], properties: { path: dotted } },
  ],
};

const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const value = { anyOf: [scalar, { type: 'array', items: scalar }, { $ref: '#/$defs/ref' }] };
const listValue = { anyOf: [{ type: 'array', items: scalar }, { $ref: '#/$defs/ref' }] };
const numeric = { anyOf: [{ type: 'number' }, { $ref: '#/$defs/ref' }] };

const numericOps = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { equals: numeric, gt: numeric, gte: numeric, lt: numeric, lte: numeric },
};

const comparison = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    path: { anyOf: [dotted, { const: '.' }] },
    env: dotted,
    spec: dotted,
    item: dotted,
    key: dotted,
    relations: { type: 'string', minLength: 1 },
    inbound: { type: 'string', minLength: 1 },
    equals: value,
    notEquals: value,
    in: listValue,
    notIn: listValue,
    exists: { type: 'boolean' },
    gt: numeric,
    gte: numeric,
    lt: numeric,
    lte: numeric,
    matches: { type: 'string', minLength: 1 },
    matchesAny: listValue,
    contains: value,
    hasKeys: listValue,
    cidrWithin: listValue,
    count: numericOps,
    every: { $ref: '#/$defs/condition' },
    some: { $ref: '#/$defs/condition' },
    none: { $ref: '#/$defs/condition' },
  },
};

const condition = {
  anyOf: [
    { type: 'object', additionalProperties: false, required: ['all'], properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } } } },
    { type: 'object', additionalProperties: false, required: ['any'], properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } } } },
    { type: 'object', additionalProperties: false, required: ['not'], properties: { not: { $ref: '#/$defs/condition' } } },
    { $ref: '#/$defs/comparison' },
  ],
};

export const ruleSchema = {
  $id: RULE_SCHEMA_ID,
  title: 'envgate rule',
  description: 'One rule: metadata, when it applies, and either a declarative check or a built-in analysis.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'category', 'severity', 'resourceTypes', 'description', 'remediation', 'requirement', 'docs'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Equals the file name without .yaml' },
    title: { type: 'string', minLength: 1 },
    category: { enum: [...CATEGORIES] },
    severity: { enum: [...SEVERITIES] },
    resourceTypes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^(\\*|[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|envgate::[A-Za-z]+)$' },
    },
    description: { type: 'string', minLength: 1 },
    remediation: { type: 'string', minLength: 1 },
    requirement: { type: 'string', pattern: '^(/[^/]+)*$', description: 'JSON pointer pattern into the spec; * = each environment' },
    docs: { type: 'string', minLength: 1 },
    applicability: { $ref: '#/$defs/condition' },
    each: {
      type: 'object',
      additionalProperties: false,
      required: ['env'],
      properties: { env: dotted, where: { $ref: '#/$defs/condition' }, select: { enum: ['first', 'all'] } },
    },
    check: { $ref: '#/$defs/condition' },
    exempt: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: [...EXEMPTION_KINDS] },
      description: 'What the rule leaves out, each with a pass naming the reason (the first kind that applies): furniture (what AWS creates in every account, unless the spec says furniture: include), team-principal (principals a teams matcher claims), inherited (no tags of its own, environment taken from what it is attached to)',
    },
    analysis: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, options: { type: 'object' } },
    },
  },
  oneOf: [{ required: ['check'] }, { required: ['analysis'] }],
  $defs: { condition, comparison, ref },
} as const;
